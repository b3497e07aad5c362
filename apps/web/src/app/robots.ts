import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { absoluteUrl } from "@/lib/post-metadata";

/** Private or machine-only areas: the dashboard, the API, the sign-in and account flows. */
const ROBOTS_DISALLOW = [
  "/api/",
  "/dashboard",
  "/login",
  "/register",
  "/forgot-password",
  "/reset-password",
  "/verify-email",
  "/confirm-email",
  "/accept-invite",
  "/auth/",
  "/docs",
  "/openapi.json",
];

// Rendered per request so the sitemap URL follows PUBLIC_URL of the running server, not the
// environment `next build` happened to see.
export default async function robots(): Promise<MetadataRoute.Robots> {
  await connection();
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ROBOTS_DISALLOW }],
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
