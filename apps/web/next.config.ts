import type { NextConfig } from "next";

// The /api, /openapi.json and /docs proxy is implemented by route handlers (src/app/api,
// src/app/openapi.json, src/app/docs) rather than `rewrites()`: Next.js serialises rewrites into
// routes-manifest.json at build time, so a rewrite would pin the API address that happened to be
// set during `next build`. The handlers read API_URL when the server starts instead.

// Strict headers for every page. Next.js inlines its bootstrap and flight-data scripts, so scripts
// need 'unsafe-inline' unless every page is rendered per request with a nonce (which would give up
// ISR); the policy still forbids plugins, framing, foreign scripts, <base> and off-site form posts.
// The proxied API paths and media files (/media/*) keep the API's own (stricter) headers.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  headers() {
    return Promise.resolve([
      { source: "/((?!api/|docs|openapi\\.json|media/).*)", headers: securityHeaders },
    ]);
  },
  // Workspace packages ship compiled ESM in dist/; nothing to transpile.
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
