import { createHash, timingSafeEqual } from "node:crypto";

// The logic of POST /api/revalidate (contract: "Web revalidation endpoint"), kept free of Next.js
// imports so a unit test can drive it with a plain Request. route.ts wires in next/cache.

/** Header carrying the shared secret (REVALIDATE_SECRET on both the API/worker and the web side). */
export const REVALIDATE_SECRET_HEADER = "x-folio-revalidate-secret";
/** At most this many paths and this many tags per call (the API batches larger sets). */
export const MAX_ENTRIES = 200;
/** Next.js ignores longer tags (they are never assigned to cached data). */
export const MAX_TAG_LENGTH = 256;
export const MAX_PATH_LENGTH = 2_000;
/** 200 paths of the maximum length plus JSON overhead stay well below this. */
export const MAX_BODY_BYTES = 512 * 1024;
/** Same floor as the API's config (REVALIDATE_SECRET_MIN_LENGTH): a shorter secret is no secret. */
export const MIN_SECRET_LENGTH = 16;

export interface RevalidateDeps {
  /** The configured secret; null when the web app has none (every call is then refused). */
  secret: string | null;
  revalidatePath: (path: string) => void;
  revalidateTag: (tag: string) => void;
}

export interface RevalidateTargets {
  paths: string[];
  tags: string[];
}

interface FieldError {
  pointer: string;
  detail: string;
}

function problem(
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
): Response {
  return Response.json(
    { type: "about:blank", title, status, detail, ...extra },
    { status, headers: { "content-type": "application/problem+json", "cache-control": "no-store" } },
  );
}

/**
 * Compares the presented secret with the configured one in constant time. Both sides are hashed
 * first so the comparison never depends on (or reveals) the secret's length.
 */
export function secretMatches(presented: string | null, secret: string | null): boolean {
  if (secret === null || secret.length < MIN_SECRET_LENGTH || presented === null) return false;
  const a = createHash("sha256").update(presented, "utf8").digest();
  const b = createHash("sha256").update(secret, "utf8").digest();
  return timingSafeEqual(a, b);
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function checkPath(value: unknown, pointer: string, errors: FieldError[]): string | null {
  if (typeof value !== "string") {
    errors.push({ pointer, detail: "must be a string" });
    return null;
  }
  if (!value.startsWith("/") || value.startsWith("//")) {
    errors.push({ pointer, detail: 'must be a site path starting with "/"' });
    return null;
  }
  if (value.length > MAX_PATH_LENGTH) {
    errors.push({ pointer, detail: `must be at most ${MAX_PATH_LENGTH} characters` });
    return null;
  }
  if (CONTROL_CHARACTERS.test(value) || value.includes("?") || value.includes("#")) {
    errors.push({ pointer, detail: "must be a plain path (no query, fragment or control characters)" });
    return null;
  }
  return value;
}

function checkTag(value: unknown, pointer: string, errors: FieldError[]): string | null {
  if (typeof value !== "string") {
    errors.push({ pointer, detail: "must be a string" });
    return null;
  }
  if (value.length === 0 || value.length > MAX_TAG_LENGTH) {
    errors.push({ pointer, detail: `must be 1-${MAX_TAG_LENGTH} characters` });
    return null;
  }
  if (CONTROL_CHARACTERS.test(value)) {
    errors.push({ pointer, detail: "must not contain control characters" });
    return null;
  }
  return value;
}

function checkList(
  body: Record<string, unknown>,
  key: "paths" | "tags",
  check: (value: unknown, pointer: string, errors: FieldError[]) => string | null,
  errors: FieldError[],
): string[] {
  const raw = body[key];
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    errors.push({ pointer: `/${key}`, detail: "must be an array of strings" });
    return [];
  }
  if (raw.length > MAX_ENTRIES) {
    errors.push({ pointer: `/${key}`, detail: `must have at most ${MAX_ENTRIES} entries` });
    return [];
  }
  const out = new Set<string>();
  raw.forEach((value: unknown, index) => {
    const ok = check(value, `/${key}/${index}`, errors);
    if (ok !== null) out.add(ok);
  });
  return [...out];
}

/** Validates the JSON body: `{ paths?: string[], tags?: string[] }`, nothing else. */
export function parseTargets(
  body: unknown,
): { ok: true; value: RevalidateTargets } | { ok: false; errors: FieldError[] } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ pointer: "", detail: "must be a JSON object with paths and tags" }] };
  }
  const record = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(record)) {
    if (key !== "paths" && key !== "tags") errors.push({ pointer: `/${key}`, detail: "unknown field" });
  }
  const paths = checkList(record, "paths", checkPath, errors);
  const tags = checkList(record, "tags", checkTag, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { paths, tags } };
}

async function readBody(
  request: Request,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    return {
      ok: false,
      response: problem(413, "Content Too Large", `The body must be at most ${MAX_BODY_BYTES} bytes.`),
    };
  }
  const text = await request.text();
  if (Buffer.byteLength(text, "utf8") > MAX_BODY_BYTES) {
    return {
      ok: false,
      response: problem(413, "Content Too Large", `The body must be at most ${MAX_BODY_BYTES} bytes.`),
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: problem(400, "Bad Request", "The body is not valid JSON.") };
  }
}

/**
 * Checks the secret (401), then the body (400), then expires every named path and tag.
 * The secret is checked before the body is read, so an unauthenticated caller learns nothing
 * about what the endpoint accepts.
 */
export async function handleRevalidateRequest(request: Request, deps: RevalidateDeps): Promise<Response> {
  if (!secretMatches(request.headers.get(REVALIDATE_SECRET_HEADER), deps.secret)) {
    return problem(401, "Unauthorized", `A valid ${REVALIDATE_SECRET_HEADER} header is required.`);
  }
  const body = await readBody(request);
  if (!body.ok) return body.response;
  const targets = parseTargets(body.value);
  if (!targets.ok) {
    return problem(400, "Bad Request", "The revalidation request is invalid.", { errors: targets.errors });
  }
  const { paths, tags } = targets.value;
  // Tags first: a page regenerated because its path expired then reads fresh data, not a cached
  // API answer that is about to be expired too.
  for (const tag of tags) deps.revalidateTag(tag);
  for (const path of paths) deps.revalidatePath(path);
  return Response.json(
    { revalidated: true, paths: paths.length, tags: tags.length },
    { headers: { "cache-control": "no-store" } },
  );
}
