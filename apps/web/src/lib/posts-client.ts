import type {
  AdminUserList,
  CategoryList,
  ListEnvelope,
  Note,
  NoteAnchor,
  NoteList,
  PostInputBody,
  PostPatchBody,
  PostStatus,
  PostType,
  Revision,
  RevisionDiff,
  RevisionList,
  StaffPost,
  StaffPostCounts,
  StaffPostSummary,
  TagList,
  TransitionList,
  WorkflowAction,
  WorkflowActionBody,
} from "@folio/types";
import {
  ApiProblem,
  CSRF_COOKIE,
  type HttpMethod,
  readCookie,
  redirectToLogin,
  refreshSession,
} from "@/lib/auth-client";

// Browser-side calls for the posts/pages dashboard and the editor, through the same-origin
// /api/v1 proxy with the CSRF header (see auth-client.ts). Unlike `apiRequest` it keeps the
// problem's extension members: a 409 `version-conflict` carries `current_version` and an
// `illegal-transition` carries `allowed_actions`, which the editor shows. Type-only imports of
// @folio/types: no zod reaches the browser bundle from here.

// The staff post contract (H1, packages/types/src/posts-admin.ts) under the names the web app uses.

export type {
  PostBody,
  PostStatus,
  PostType,
  PostVisibility as Visibility,
  StaffCoverImage,
  StaffPost,
  StaffPostSummary,
  StaffSeo,
  StaffPostCounts as PostCounts,
  CoverImageInput,
  WorkflowAction,
  PostInputBody as PostInput,
  PostPatchBody as PostPatch,
  WorkflowActionBody as WorkflowBody,
  Note,
  NoteAnchor,
  Revision,
  RevisionDiff,
  RevisionList,
  TagSummary,
  CategorySummary,
  AuthorSummary,
} from "@folio/types";

// Runtime copies of the contract's value lists (importing them from @folio/types would pull zod
// into the browser bundle); typed against the contract so they cannot drift.
export const POST_STATUSES = [
  "draft",
  "in_review",
  "approved",
  "scheduled",
  "published",
  "archived",
] as const satisfies readonly PostStatus[];

// ---------------------------------------------------------------------------------------------
// Requests

/** An API problem with its extension members (`current_version`, `allowed_actions`, …). */
export class PostsApiProblem extends ApiProblem {
  readonly extensions: Readonly<Record<string, unknown>>;
  constructor(init: ConstructorParameters<typeof ApiProblem>[0], extensions: Record<string, unknown>) {
    super(init);
    this.name = "PostsApiProblem";
    this.extensions = extensions;
  }
  /** For a 409 version conflict: the version the post has now. */
  get currentVersion(): number | null {
    const v = this.extensions.current_version;
    return typeof v === "number" ? v : null;
  }
  get allowedActions(): WorkflowAction[] | null {
    const v = this.extensions.allowed_actions;
    return Array.isArray(v) ? (v.filter((a) => typeof a === "string") as WorkflowAction[]) : null;
  }
}

/** Thrown when the request never got an answer (offline, DNS, the proxy is down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super("The server could not be reached.", { cause });
    this.name = "NetworkError";
  }
}

export function isVersionConflict(error: unknown): error is PostsApiProblem {
  return error instanceof PostsApiProblem && error.status === 409 && error.slug === "version-conflict";
}

const UNSAFE = new Set<HttpMethod>(["POST", "PUT", "PATCH", "DELETE"]);
const KNOWN_MEMBERS = new Set(["type", "title", "status", "detail", "instance", "errors", "request_id"]);

async function send(method: HttpMethod, path: string, body: unknown, signal?: AbortSignal) {
  const headers = new Headers({ accept: "application/json" });
  if (body !== undefined) headers.set("content-type", "application/json");
  if (UNSAFE.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf !== null) headers.set("x-csrf-token", csrf);
  }
  const init: RequestInit = { method, headers, credentials: "same-origin", cache: "no-store" };
  if (body !== undefined) init.body = JSON.stringify(body);
  if (signal !== undefined) init.signal = signal;
  try {
    return await fetch(`/api/v1${path}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new NetworkError(error);
  }
}

async function toProblem(res: Response): Promise<PostsApiProblem> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = await res.json();
    if (typeof parsed === "object" && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy error page): the status has to do.
  }
  const errors = Array.isArray(body.errors)
    ? (body.errors as unknown[]).filter(
        (e): e is { pointer: string; detail: string } =>
          typeof e === "object" &&
          e !== null &&
          typeof (e as Record<string, unknown>).pointer === "string" &&
          typeof (e as Record<string, unknown>).detail === "string",
      )
    : [];
  const extensions = Object.fromEntries(Object.entries(body).filter(([k]) => !KNOWN_MEMBERS.has(k)));
  const retryAfter = Number(res.headers.get("retry-after"));
  return new PostsApiProblem(
    {
      status: res.status,
      type: typeof body.type === "string" ? body.type : undefined,
      title: typeof body.title === "string" ? body.title : undefined,
      detail: typeof body.detail === "string" ? body.detail : undefined,
      errors,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    },
    extensions,
  );
}

/** Calls the API; non-2xx throws PostsApiProblem, no answer at all throws NetworkError. */
export async function postsRequest<T>(
  method: HttpMethod,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  let res = await send(method, path, body, signal);
  if (res.status === 401) {
    if (await refreshSession()) res = await send(method, path, body, signal);
    else {
      redirectToLogin();
      throw await toProblem(res);
    }
  }
  if (!res.ok) throw await toProblem(res);
  if (res.status === 204 || res.headers.get("content-length") === "0") return undefined as T;
  const text = await res.text();
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

/** A user-facing sentence for any error these calls throw. */
export function describeError(error: unknown): string {
  if (error instanceof NetworkError) return "You appear to be offline. Nothing was lost; try again.";
  if (error instanceof ApiProblem) {
    const fields = Object.values(error.fieldErrors);
    if (fields.length > 0) return fields.join(" ");
    return error.detail ?? error.title;
  }
  return "Something went wrong. Please try again.";
}

const id = encodeURIComponent;

export interface PostListFilters {
  status?: string | undefined;
  author?: string | undefined;
  tag?: string | undefined;
  category?: string | undefined;
  featured?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
  date?: "updated" | "published" | undefined;
  q?: string | undefined;
  trashed?: boolean | undefined;
  sort?: string | undefined;
}

export function postListPath(type: PostType, filters: PostListFilters, cursor: string | null, limit = 20) {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const [key, value] of Object.entries(filters) as [string, string | boolean | undefined][]) {
    if (value === undefined || value === "" || value === false) continue;
    params.set(key, String(value));
  }
  if (cursor !== null) params.set("cursor", cursor);
  return `/admin/${type === "page" ? "pages" : "posts"}?${params.toString()}`;
}

export const postsApi = {
  list: (type: PostType, filters: PostListFilters, cursor: string | null, signal?: AbortSignal) =>
    postsRequest<ListEnvelope<StaffPostSummary>>(
      "GET",
      postListPath(type, filters, cursor),
      undefined,
      signal,
    ),
  counts: (type: PostType) =>
    postsRequest<StaffPostCounts>("GET", `/admin/posts/counts${type === "page" ? "?type=page" : ""}`),
  get: (postId: string) => postsRequest<StaffPost>("GET", `/admin/posts/${id(postId)}`),
  create: (type: PostType, input: PostInputBody) =>
    postsRequest<StaffPost>("POST", type === "page" ? "/admin/pages" : "/admin/posts", input),
  update: (postId: string, patch: PostPatchBody, signal?: AbortSignal) =>
    postsRequest<StaffPost>("PATCH", `/admin/posts/${id(postId)}`, patch, signal),
  trash: (postId: string) => postsRequest<unknown>("DELETE", `/admin/posts/${id(postId)}`),
  purge: (postId: string) => postsRequest<unknown>("DELETE", `/admin/posts/${id(postId)}?permanent=true`),
  restore: (postId: string) => postsRequest<StaffPost>("POST", `/admin/posts/${id(postId)}/restore`, {}),
  transition: (postId: string, action: WorkflowAction, body: WorkflowActionBody) =>
    postsRequest<StaffPost>("POST", `/admin/posts/${id(postId)}/${action}`, body),

  revisions: (postId: string, cursor: string | null) =>
    postsRequest<RevisionList>(
      "GET",
      `/admin/posts/${id(postId)}/revisions?limit=20${cursor === null ? "" : `&cursor=${id(cursor)}`}`,
    ),
  revision: (postId: string, revisionId: string) =>
    postsRequest<Revision>("GET", `/admin/posts/${id(postId)}/revisions/${id(revisionId)}`),
  diff: (postId: string, from: string, to: string | null) =>
    postsRequest<RevisionDiff>(
      "GET",
      `/admin/posts/${id(postId)}/revisions/diff?from=${id(from)}${to === null ? "" : `&to=${id(to)}`}`,
    ),
  restoreRevision: (postId: string, revisionId: string, version: number) =>
    postsRequest<StaffPost>("POST", `/admin/posts/${id(postId)}/revisions/${id(revisionId)}/restore`, {
      version,
    }),

  notes: (postId: string) => postsRequest<NoteList>("GET", `/admin/posts/${id(postId)}/notes`),
  addNote: (postId: string, body: string, anchor: NoteAnchor | null) =>
    postsRequest<Note>("POST", `/admin/posts/${id(postId)}/notes`, { body, anchor }),
  updateNote: (postId: string, noteId: string, patch: { body?: string; resolved?: boolean }) =>
    postsRequest<Note>("PATCH", `/admin/posts/${id(postId)}/notes/${id(noteId)}`, patch),
  deleteNote: (postId: string, noteId: string) =>
    postsRequest<unknown>("DELETE", `/admin/posts/${id(postId)}/notes/${id(noteId)}`),
  transitions: (postId: string) =>
    postsRequest<TransitionList>("GET", `/admin/posts/${id(postId)}/transitions`),

  tags: () => postsRequest<TagList>("GET", "/tags"),
  categories: () => postsRequest<CategoryList>("GET", "/categories"),
  /** Staff who can be credited as authors (editors only: needs `users:read`). */
  staff: (q: string) =>
    postsRequest<AdminUserList>("GET", `/admin/users?limit=10&status=active${q === "" ? "" : `&q=${id(q)}`}`),
};

export const STATUS_LABELS: Record<PostStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
  scheduled: "Scheduled",
  published: "Published",
  archived: "Archived",
};

export const ACTION_LABELS: Record<WorkflowAction, string> = {
  submit: "Submit for review",
  withdraw: "Withdraw",
  approve: "Approve",
  reject: "Request changes",
  publish: "Publish",
  schedule: "Schedule",
  unschedule: "Unschedule",
  unpublish: "Unpublish",
  archive: "Archive",
  unarchive: "Unarchive",
};
