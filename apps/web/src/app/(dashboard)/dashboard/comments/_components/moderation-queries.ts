import type { CommentBulkAction, CommentCounts, CommentStatus, StaffCommentList } from "@folio/types";

// Query keys, paths and the optimistic arithmetic of the moderation queue (pure, so it is tested
// without a browser).

export const QUEUE_PAGE_SIZE = 25;
export const STATUSES: readonly CommentStatus[] = ["pending", "approved", "spam", "deleted"];
export const STATUS_LABELS: Record<CommentStatus, string> = {
  pending: "Pending",
  approved: "Approved",
  spam: "Spam",
  deleted: "Deleted",
};
export const ACTION_STATUS: Record<CommentBulkAction, CommentStatus> = {
  approve: "approved",
  spam: "spam",
  delete: "deleted",
  restore: "pending",
};
export const ACTION_LABELS: Record<CommentBulkAction, string> = {
  approve: "Approve",
  spam: "Mark as spam",
  delete: "Delete",
  restore: "Back to pending",
};

export interface QueueFilters {
  status: CommentStatus;
  postId: string;
  q: string;
}

export const queueKey = (filters: QueueFilters) => ["admin", "comments", "queue", filters] as const;
export const countsKey = (postId: string) => ["admin", "comments", "counts", postId] as const;

export function queuePath(filters: QueueFilters, cursor: string | null): string {
  const params = new URLSearchParams({ status: filters.status, limit: String(QUEUE_PAGE_SIZE) });
  if (filters.postId !== "") params.set("post_id", filters.postId);
  if (filters.q !== "") params.set("q", filters.q);
  if (cursor !== null) params.set("cursor", cursor);
  return `/admin/comments?${params.toString()}`;
}

export function countsPath(postId: string): string {
  return postId === ""
    ? "/admin/comments/counts"
    : `/admin/comments/counts?post_id=${encodeURIComponent(postId)}`;
}

/** The pages of the queue without the given comments (they move to another tab). */
export function withoutComments(
  pages: readonly StaffCommentList[],
  ids: ReadonlySet<string>,
): StaffCommentList[] {
  return pages.map((page) => ({ ...page, data: page.data.filter((c) => !ids.has(c.id)) }));
}

/** Counts after moving `moved` comments from one status to another. */
export function movedCounts(
  counts: CommentCounts,
  from: CommentStatus,
  to: CommentStatus,
  moved: number,
): CommentCounts {
  if (from === to || moved === 0) return counts;
  return { ...counts, [from]: Math.max(0, counts[from] - moved), [to]: counts[to] + moved };
}

/** The actions offered on a tab: everything that changes the status. */
export function actionsFor(status: CommentStatus): CommentBulkAction[] {
  return (Object.keys(ACTION_STATUS) as CommentBulkAction[]).filter((a) => ACTION_STATUS[a] !== status);
}
