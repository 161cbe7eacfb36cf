# The demo services' image: the lab's data-plane binary (backends/lab/dataplane, Rust) in its
# standalone `workload` role, configured from the environment (APP_NAME, PORT, UPSTREAM,
# PAYLOAD_BYTES, ERROR_PERCENT). Built from source in the build image, so the same code serves the
# lab and the cluster; both images are pinned in versions.env. Build context: the repository root.
ARG BUILD_IMAGE
ARG BASE_IMAGE
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY backends/lab/dataplane/ ./
RUN cargo build --release --locked && cp target/release/meshstage-dataplane /meshstage-dataplane

FROM ${BASE_IMAGE}
COPY --from=build /meshstage-dataplane /usr/local/bin/meshstage-dataplane
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/meshstage-dataplane", "workload"]
