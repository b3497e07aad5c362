import type { NextConfig } from "next";

// The /api, /openapi.json and /docs proxy is implemented by route handlers (src/app/api,
// src/app/openapi.json, src/app/docs) rather than `rewrites()`: Next.js serialises rewrites into
// routes-manifest.json at build time, so a rewrite would pin the API address that happened to be
// set during `next build`. The handlers read API_URL when the server starts instead.
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages ship compiled ESM in dist/; nothing to transpile.
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
