/** Header the web app's `/api/revalidate` route checks against its REVALIDATE_SECRET. */
export const REVALIDATE_SECRET_HEADER = "x-folio-revalidate-secret";

export interface WebRevalidatorOptions {
  /** `POST` target, e.g. `http://127.0.0.1:3000/api/revalidate`; null: revalidation is off. */
  url: string | null;
  secret: string | null;
  /** Per request. Default 10 s. */
  timeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
}

export interface RevalidateRequest {
  paths: string[];
  tags: string[];
}

export interface WebRevalidator {
  readonly enabled: boolean;
  /** Resolves once the web app answered 2xx; throws otherwise (the job is retried). */
  revalidate(request: RevalidateRequest, signal?: AbortSignal): Promise<void>;
}

/** Most paths (and most tags) the web app's route accepts in one request. */
export const REVALIDATE_BATCH_LIMIT = 200;

/** The request split so neither list exceeds `limit` entries per call. */
export function revalidateBatches(
  request: RevalidateRequest,
  limit = REVALIDATE_BATCH_LIMIT,
): RevalidateRequest[] {
  const paths = [...new Set(request.paths)];
  const tags = [...new Set(request.tags)];
  const batches: RevalidateRequest[] = [];
  for (let i = 0; i < Math.max(paths.length, tags.length); i += limit) {
    batches.push({ paths: paths.slice(i, i + limit), tags: tags.slice(i, i + limit) });
  }
  return batches;
}

/** The web app refused or failed the revalidation (a retryable job failure). */
export class RevalidateFailedError extends Error {
  override readonly name = "RevalidateFailedError";
}

/**
 * Calls the web app's on-demand revalidation endpoint (ISR): JSON `{paths, tags}` with the shared
 * secret in a header. Without a URL it does nothing (`enabled` is false).
 */
export function createWebRevalidator(options: WebRevalidatorOptions): WebRevalidator {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    enabled: options.url !== null,
    async revalidate(request, signal) {
      const url = options.url;
      if (url === null) return;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (options.secret !== null) headers[REVALIDATE_SECRET_HEADER] = options.secret;
      // Revalidating is idempotent, so a failure part-way retries the whole job safely.
      for (const batch of revalidateBatches(request)) {
        const timeout = AbortSignal.timeout(timeoutMs);
        const response = await doFetch(url, {
          method: "POST",
          headers,
          body: JSON.stringify(batch),
          signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
          redirect: "error",
        });
        // Drain the body so the connection is reused; the content is not needed.
        await response.arrayBuffer().catch(() => undefined);
        if (!response.ok) {
          throw new RevalidateFailedError(
            `web revalidation answered ${response.status} ${response.statusText}`,
          );
        }
      }
    },
  };
}
