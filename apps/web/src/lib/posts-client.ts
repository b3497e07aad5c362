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
import { ApiProblem, apiRequest, describeError, type HttpMethod, NetworkError } from "@/lib/auth-client";

// Browser-side calls for the posts/pages dashboard and the editor, through the same-origin
// /api/v1 proxy (auth-client.ts). A 409 `version-conflict` carries `current_version` and an
// `illegal-transition` carries `allowed_actions` as problem extension members, which the editor
// shows. Type-only imports of @folio/types: no zod reaches the browser bundle from here.

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

export { describeError, NetworkError };

/** A 409 `version-conflict`: someone saved the post since it was loaded. */
export function isVersionConflict(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem && error.status === 409 && error.slug === "version-conflict";
}

/** The version a post has now, from a version-conflict problem's `current_version`. */
export function currentVersionOf(problem: ApiProblem): number | null {
  const v = problem.extensions.current_version;
  return typeof v === "number" ? v : null;
}

/**
 * Calls the API through auth-client's `apiRequest` (CSRF header, one session refresh on 401):
 * non-2xx throws an ApiProblem with its extension members, no answer at all a NetworkError.
 */
export function postsRequest<T>(
  method: HttpMethod,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  return apiRequest<T>(method, path, body, signal === undefined ? {} : { signal });
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
