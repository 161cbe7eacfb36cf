import type { NextConfig } from 'next';

// `npm run build:replay` builds a static site (no Node server, no socket) into its own folder.
const staticSite = process.env.MESHSTAGE_STATIC === '1';

const config: NextConfig = {
  ...(staticSite ? { output: 'export' as const, distDir: '.next-static', trailingSlash: true } : {}),
  reactStrictMode: true,
  poweredByHeader: false,
  // Type errors are caught by `npm test` (tsc --noEmit); skipping the check here keeps the
  // first `npm start` on a fresh clone short.
  typescript: { ignoreBuildErrors: true },
  // Parsed only on the server (slides → HTML); never shipped to phones. The Kubernetes client
  // (and its undici) stays external too.
  serverExternalPackages: ['marked', 'node-html-parser', '@kubernetes/client-node'],
};

export default config;
