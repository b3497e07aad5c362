import {
  NetworkError,
  ProblemError,
  ResponseValidationError,
  TimeoutError,
  problemFromResponse,
} from "./problem-error.js";
import {
  backoffDelay,
  isIdempotentMethod,
  isRetryableStatus,
  parseRetryAfter,
  resolveRetryPolicy,
  sleep,
  type RetryOptions,
} from "./retry.js";

/** Next.js' fetch extension for ISR / tag revalidation; ignored by other fetch implementations. */
export interface NextFetchOptions {
  revalidate?: number | false;
  tags?: string[];
}

/** What request interceptors see and may change, once per attempt. */
export interface RequestContext {
  method: string;
  url: string;
  headers: Headers;
  body: string | undefined;
  /** 0 for the first attempt, 1 for the first retry, … */
  attempt: number;
}

export type RequestInterceptor = (req: RequestContext) => RequestContext | Promise<RequestContext>;
export type ResponseInterceptor = (res: Response, req: RequestContext) => Response | Promise<Response>;

export interface AuthHooks {
  /** The bearer token to send, or null to send none. */
  getAccessToken(): string | null | Promise<string | null>;
  /** Called once when a request answers 401; the request is replayed when it resolves true. */
  refresh(): Promise<boolean>;
}

/** Anything with zod's `safeParse` (every schema in @folio/types). */
export interface ResponseSchema<T> {
  safeParse(
    data: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };
}

export type QueryValue =
  string | number | boolean | null | undefined | readonly (string | number | boolean)[];

export interface FolioClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  /** Per attempt, covering the response body too. Default 10 000 ms. */
  timeoutMs?: number;
  retry?: RetryOptions | false;
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  interceptors?: { request?: RequestInterceptor[]; response?: ResponseInterceptor[] };
  auth?: AuthHooks;
  next?: NextFetchOptions;
  /** Validate typed responses against their @folio/types schema. Default true. */
  validateResponses?: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
  next?: NextFetchOptions;
  headers?: Record<string, string>;
}

export interface RequestOptions<T> extends CallOptions {
  query?: Record<string, QueryValue> | undefined;
  body?: unknown;
  schema?: ResponseSchema<T> | undefined;
  /** Non-2xx statuses whose body is a regular answer (e.g. 503 from /health/ready): parsed, not retried. */
  acceptStatus?: readonly number[] | undefined;
}

type FetchInit = RequestInit & { next?: NextFetchOptions };

export function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): string {
  const base = baseUrl.replace(/\/+$/, "");
  const url = new URL(`${base}${path.startsWith("/") ? path : `/${path}`}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    url.searchParams.set(key, Array.isArray(value) ? value.map(String).join(",") : String(value));
  }
  return url.toString();
}

/** An AbortSignal that aborts when any input does (AbortSignal.any where available). */
function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === "function") return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

interface ReadResponse {
  res: Response;
  text: string;
}

export type Transport = <T>(method: string, path: string, options?: RequestOptions<T>) => Promise<T>;

export function createTransport(options: FolioClientOptions): Transport {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const policy = resolveRetryPolicy(options.retry);
  const requestInterceptors = options.interceptors?.request ?? [];
  const responseInterceptors = options.interceptors?.response ?? [];
  // Parallel requests that all meet a 401 share one refresh.
  let refreshing: Promise<boolean> | null = null;
  const refreshOnce = (auth: AuthHooks): Promise<boolean> => {
    refreshing ??= auth.refresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  async function buildContext(
    method: string,
    url: string,
    body: string | undefined,
    attempt: number,
    call: CallOptions,
  ): Promise<RequestContext> {
    const headers = new Headers({ accept: "application/json, application/problem+json" });
    if (body !== undefined) headers.set("content-type", "application/json");
    const extra = typeof options.headers === "function" ? await options.headers() : options.headers;
    for (const [k, v] of Object.entries(extra ?? {})) headers.set(k, v);
    for (const [k, v] of Object.entries(call.headers ?? {})) headers.set(k, v);
    if (options.auth) {
      const token = await options.auth.getAccessToken();
      if (token !== null && token !== "") headers.set("authorization", `Bearer ${token}`);
    }
    let ctx: RequestContext = { method, url, headers, body, attempt };
    for (const interceptor of requestInterceptors) ctx = await interceptor(ctx);
    return ctx;
  }

  /** One attempt: fetch, response interceptors, and the whole body, all under the timeout. */
  async function attemptOnce(ctx: RequestContext, call: CallOptions): Promise<ReadResponse> {
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new TimeoutError(ctx.method, ctx.url, timeoutMs)),
      timeoutMs,
    );
    const signal = call.signal ? anySignal([call.signal, timeout.signal]) : timeout.signal;
    const next = call.next ?? options.next;
    const init: FetchInit = { method: ctx.method, headers: ctx.headers, signal };
    if (ctx.body !== undefined) init.body = ctx.body;
    if (next !== undefined) init.next = next;
    try {
      let res = await fetchImpl(ctx.url, init);
      for (const interceptor of responseInterceptors) res = await interceptor(res, ctx);
      const text = ctx.method === "HEAD" ? "" : await res.text();
      return { res, text };
    } catch (error) {
      if (call.signal?.aborted) throw call.signal.reason;
      if (timeout.signal.aborted) throw new TimeoutError(ctx.method, ctx.url, timeoutMs);
      throw new NetworkError(ctx.method, ctx.url, error);
    } finally {
      clearTimeout(timer);
    }
  }

  return async function send<T>(method: string, path: string, call: RequestOptions<T> = {}): Promise<T> {
    const verb = method.toUpperCase();
    const url = buildUrl(options.baseUrl, path, call.query);
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const idempotent = isIdempotentMethod(verb);
    let refreshed = false;
    let attempt = 0;
    for (;;) {
      const ctx = await buildContext(verb, url, body, attempt, call);
      let read: ReadResponse;
      try {
        read = await attemptOnce(ctx, call);
      } catch (error) {
        const transient = error instanceof TimeoutError || error instanceof NetworkError;
        if (transient && idempotent && attempt < policy.retries) {
          await sleep(backoffDelay(attempt, policy), call.signal);
          attempt += 1;
          continue;
        }
        throw error;
      }
      const { res, text } = read;
      if (call.acceptStatus?.includes(res.status)) return parseSuccess(verb, url, res, text, call.schema);
      if (res.status === 401 && options.auth && !refreshed) {
        refreshed = true;
        if (await refreshOnce(options.auth)) continue;
      }
      if (isRetryableStatus(res.status) && attempt < policy.retries) {
        const retryAfter = parseRetryAfter(res.headers.get("retry-after"));
        const delay =
          retryAfter === undefined
            ? backoffDelay(attempt, policy)
            : Math.min(retryAfter, policy.maxRetryAfterMs);
        await sleep(delay, call.signal);
        attempt += 1;
        continue;
      }
      if (!res.ok) {
        throw new ProblemError({
          problem: problemFromResponse(res, text),
          method: verb,
          url,
          requestId: res.headers.get("x-request-id") ?? undefined,
        });
      }
      return parseSuccess(verb, url, res, text, call.schema);
    }
  };
}

function parseSuccess<T>(
  method: string,
  url: string,
  res: Response,
  text: string,
  schema: ResponseSchema<T> | undefined,
): T {
  const contentType = res.headers.get("content-type") ?? "";
  let data: unknown = text.length === 0 ? undefined : text;
  if (text.length > 0 && /json/i.test(contentType)) {
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new ResponseValidationError(method, url, res.status, [
        { path: [], message: `invalid JSON (${error instanceof Error ? error.message : String(error)})` },
      ]);
    }
  }
  if (schema === undefined) return data as T;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ResponseValidationError(
      method,
      url,
      res.status,
      parsed.error.issues.map((i) => ({ path: [...i.path], message: i.message })),
    );
  }
  return parsed.data;
}
