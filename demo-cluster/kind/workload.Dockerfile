# The demo services' image: the lab's workload program, standalone (configuration from the
# environment). Built from the repository root after `npm run build` (dist/lab/workload.js).
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
WORKDIR /app
COPY dist/lab/workload.js /app/workload.js
USER node
EXPOSE 8080
CMD ["node", "/app/workload.js"]
