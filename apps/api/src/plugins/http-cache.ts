import { createHash } from "node:crypto";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import fp from "fastify-plugin";
import { NO_STORE } from "./problem-details.js";

/**
 * How long browsers (`max-age`) and shared caches such as a CDN or nginx (`s-maxage`) may keep a
 * public response, and how long a shared cache may keep serving it stale while it revalidates in
 * the background (`stale-while-revalidate`). Seconds.
 */
export interface PublicCachePolicy {
  maxAgeSeconds: number;
  sharedMaxAgeSeconds: number;
  staleWhileRevalidateSeconds: number;
}

export const DEFAULT_PUBLIC_CACHE_POLICY: Readonly<PublicCachePolicy> = Object.freeze({
  maxAgeSeconds: 60,
  sharedMaxAgeSeconds: 300,
  staleWhileRevalidateSeconds: 600,
});

export function publicCacheControl(policy: PublicCachePolicy): string {
  return (
    `public, max-age=${policy.maxAgeSeconds}, s-maxage=${policy.sharedMaxAgeSeconds}, ` +
    `stale-while-revalidate=${policy.staleWhileRevalidateSeconds}`
  );
}

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * Opt-in: this route answers the same bytes to every anonymous caller, so its 200 responses
     * get a strong ETag, `If-None-Match` handling (304) and a public Cache-Control. `true` uses
     * the app's policy; an object overrides parts of it for this route. Never set it on a route
     * whose answer depends on who asks.
     */
    publicCache?: boolean | Partial<PublicCachePolicy>;
  }
}

/**
 * A strong entity tag of the exact bytes sent: SHA-1 (a fingerprint, not a security boundary)
 * in base64url, quoted as RFC 9110 wants.
 */
export function entityTagOf(body: string | Buffer): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

/**
 * `If-None-Match` evaluation (RFC 9110 §13.1.2): `*` matches any current representation;
 * otherwise a comma-separated list of entity tags compared weakly (a `W/` prefix on either side
 * is ignored). Malformed members never match.
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const trimmed = header.trim();
  if (trimmed === "*") return true;
  const opaque = etag.startsWith("W/") ? etag.slice(2) : etag;
  // Entity tags are quoted and cannot contain `"`, so a regex over the list is exact; commas
  // inside quotes are allowed by the grammar and handled because we match whole quoted strings.
  for (const match of trimmed.matchAll(/(?:W\/)?("[^"]*")/g)) {
    if (match[1] === opaque) return true;
  }
  return false;
}

/** Adds a token to `Vary` without dropping what other plugins (CORS: `Origin`) put there. */
export function appendVary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader("vary");
  const existing = typeof current === "string" ? current : Array.isArray(current) ? current.join(", ") : "";
  const tokens = existing
    .split(",")
    .map((token) => token.trim())
    .filter((token) => token !== "");
  if (tokens.includes("*") || tokens.some((token) => token.toLowerCase() === field.toLowerCase())) return;
  reply.header("vary", [...tokens, field].join(", "));
}

/**
 * Recent public bodies with their ETag and UTF-8 bytes. A cached read answers the very same string
 * on every request (the serialiser keeps the JSON of a value the read cache shares), so the hash
 * and the encoding are done once and the socket gets a ready Buffer; the lookup costs V8's string
 * hash, which is cached on the string (or, for a long one, is its length). Bounded by entries and
 * bytes; a body over a quarter of the budget is never kept.
 */
class Representations {
  readonly #entries = new Map<string, { etag: string; bytes: Buffer }>();
  #bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  of(payload: string | Buffer): { etag: string; bytes: string | Buffer } {
    if (typeof payload !== "string") return { etag: entityTagOf(payload), bytes: payload };
    const known = this.#entries.get(payload);
    if (known !== undefined) return known;
    const bytes = Buffer.from(payload, "utf8");
    const entry = { etag: entityTagOf(bytes), bytes };
    if (bytes.length > this.maxBytes / 4) return entry;
    while (this.#entries.size >= this.maxEntries || this.#bytes + bytes.length > this.maxBytes) {
      const [oldest, value] = this.#entries.entries().next().value as [string, { bytes: Buffer }];
      this.#entries.delete(oldest);
      this.#bytes -= value.bytes.length;
    }
    this.#entries.set(payload, entry);
    this.#bytes += bytes.length;
    return entry;
  }
}

export interface HttpCachePluginOptions {
  /** Policy of routes flagged `config.publicCache: true`. Default DEFAULT_PUBLIC_CACHE_POLICY. */
  policy?: Partial<PublicCachePolicy>;
}

/**
 * HTTP caching, safe by default:
 * - routes flagged `config: { publicCache: true }` answer 200s with a strong ETag over the
 *   serialised body, `Vary: Accept-Encoding` (a proxy that compresses keeps one copy per
 *   encoding) and the public Cache-Control; a matching `If-None-Match` on GET/HEAD answers 304
 *   with no body and the same validators;
 * - every other response that did not set Cache-Control itself gets `no-store`, so a route
 *   added later (an authenticated one especially) is never kept by a shared cache unless it
 *   opts in;
 * - error responses keep the `no-store` the problem handler sets and carry no ETag.
 */
const httpCache: FastifyPluginAsync<HttpCachePluginOptions> = (app, options) => {
  const policy: PublicCachePolicy = { ...DEFAULT_PUBLIC_CACHE_POLICY, ...options.policy };
  const defaultHeader = publicCacheControl(policy);
  const routeHeaders = new WeakMap<object, string>();
  const representations = new Representations(256, 16 * 1024 * 1024);

  const cacheControlFor = (flag: true | Partial<PublicCachePolicy>): string => {
    if (flag === true) return defaultHeader;
    let header = routeHeaders.get(flag);
    if (header === undefined) {
      header = publicCacheControl({ ...policy, ...flag });
      routeHeaders.set(flag, header);
    }
    return header;
  };

  app.addHook("onSend", (request, reply, payload, done) => {
    const flag = request.routeOptions.config.publicCache;
    const method = request.method;
    if (
      flag === undefined ||
      flag === false ||
      reply.statusCode !== 200 ||
      (method !== "GET" && method !== "HEAD") ||
      (typeof payload !== "string" && !Buffer.isBuffer(payload))
    ) {
      if (!reply.hasHeader("cache-control")) reply.header("cache-control", NO_STORE);
      done(null, payload);
      return;
    }
    const { etag, bytes } = representations.of(payload);
    reply.header("etag", etag).header("cache-control", cacheControlFor(flag));
    appendVary(reply, "Accept-Encoding");
    if (ifNoneMatchMatches(request.headers["if-none-match"], etag)) {
      reply.code(304).removeHeader("content-type").removeHeader("content-length");
      // GET: no body and no length. HEAD: Fastify's own HEAD hook runs after this one, needs a
      // payload to measure, and drops it; the length it sets is the 200's, as RFC 9110 allows.
      done(null, method === "HEAD" ? bytes : null);
      return;
    }
    done(null, bytes);
  });
  return Promise.resolve();
};

/** ETag / If-None-Match / Cache-Control for routes flagged `publicCache`, no-store for the rest. */
export const httpCachePlugin = fp(httpCache, { name: "folio-http-cache", fastify: "5.x" });
