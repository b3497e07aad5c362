import { proxyToApi } from "@/lib/api-proxy";

// The API reference (Scalar) and its assets, proxied from the API; never cached by Next.js.
export const dynamic = "force-dynamic";

export const GET = proxyToApi;
export const HEAD = proxyToApi;
export const POST = proxyToApi;
export const PUT = proxyToApi;
export const PATCH = proxyToApi;
export const DELETE = proxyToApi;
export const OPTIONS = proxyToApi;
