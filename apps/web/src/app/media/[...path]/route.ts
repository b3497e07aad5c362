import { proxyToApi } from "@/lib/api-proxy";

// Library files (/media/<key>) stream from the API, which answers them with immutable caching,
// their Content-Type, nosniff and a `default-src 'none'` policy; the proxy passes those through.
export const dynamic = "force-dynamic";

export const GET = proxyToApi;
export const HEAD = proxyToApi;
