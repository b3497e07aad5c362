import { proxyToApi } from "@/lib/api-proxy";

// The API's OpenAPI document, served from the site's origin.
export const dynamic = "force-dynamic";

export const GET = proxyToApi;
export const HEAD = proxyToApi;
