import type { Permission } from "@folio/auth";
import { NotFoundError, RateLimitedError, UnauthorizedError } from "@folio/core";
import type { CommentPostRef, CommentRow, CommentsRepository, OutboxRepository } from "@folio/database";
import type { CommentModeration } from "@folio/types";
import { enqueueJob } from "../jobs/job-topics.js";
import { CommentsClosedError } from "./comment-errors.js";

/** Who acts on comments: the API's auth context satisfies it structurally. */
export interface CommentActor {
  userId: string;
  permissions: ReadonlySet<Permission>;
}

/** A member may post at most `max` comments in any `windowMs`. */
export interface CommentRateLimit {
  max: number;
  windowMs: number;
}

/** 5 a minute and 30 an hour, counted in the database so the limit holds across API processes. */
export const DEFAULT_COMMENT_RATE_LIMITS: readonly CommentRateLimit[] = Object.freeze([
  { max: 5, windowMs: 60_000 },
  { max: 30, windowMs: 3_600_000 },
]);

export function isModerator(actor: CommentActor | null): boolean {
  return actor?.permissions.has("comments:moderate") === true;
}

/**
 * The post whose comments are read or written: published, not in the trash, and for members-only
 * posts a signed-in caller. Anything else is a 404 (drafts do not exist for readers).
 */
export function assertCommentablePost(
  post: CommentPostRef | null,
  ref: string,
  viewer: CommentActor | null,
): CommentPostRef {
  if (post === null || post.deletedAt !== null || post.status !== "published") {
    throw new NotFoundError("post", ref);
  }
  if (post.visibility === "members" && viewer === null) {
    throw new UnauthorizedError("Sign in to read and write comments on this members-only post.");
  }
  return post;
}

export function assertCommentsOpen(post: CommentPostRef): void {
  if (!post.commentsEnabled) throw new CommentsClosedError();
}

/**
 * Throws a 429 (with Retry-After) when the member reached a limit. The caller holds the member's
 * row lock (`lockAuthor`), so concurrent posts by one member are counted one after the other.
 */
export async function assertWithinRateLimits(
  comments: Pick<CommentsRepository, "countByAuthorSince">,
  authorId: string,
  now: Date,
  limits: readonly CommentRateLimit[],
): Promise<void> {
  for (const limit of limits) {
    const since = new Date(now.getTime() - limit.windowMs);
    const recent = await comments.countByAuthorSince(authorId, since);
    if (recent.count >= limit.max) {
      const oldest = recent.oldest ?? now;
      throw new RateLimitedError((oldest.getTime() + limit.windowMs - now.getTime()) / 1000);
    }
  }
}

/** The moderation state of a new comment under the site's setting. */
export async function initialStatus(
  comments: Pick<CommentsRepository, "hasApprovedComment">,
  actor: CommentActor,
  moderation: CommentModeration,
): Promise<"pending" | "approved"> {
  if (isModerator(actor) || moderation === "none") return "approved";
  if (moderation === "all") return "pending";
  return (await comments.hasApprovedComment(actor.userId)) ? "approved" : "pending";
}

/**
 * Where a reply attaches: below `target` unless `target` is at (or past) the deepest level, in
 * which case it climbs to the first ancestor above that level: the reply joins its parent's level.
 */
export async function attachmentPoint(
  comments: Pick<CommentsRepository, "findById">,
  target: CommentRow,
  maxDepth: number,
): Promise<{ parentId: string | null; depth: number }> {
  let attach: CommentRow | null = target;
  while (attach !== null && attach.depth >= maxDepth) {
    attach = attach.parentId === null ? null : await comments.findById(attach.parentId);
  }
  return attach === null ? { parentId: null, depth: 0 } : { parentId: attach.id, depth: attach.depth + 1 };
}

/** The site paths and cache tags to regenerate when a post's visible comments change. */
export function commentRevalidation(post: { id: string; slug: string }): { paths: string[]; tags: string[] } {
  return { paths: [`/${post.slug}`], tags: [`comments:${post.id}`] };
}

/** Asks the web app (through the job runner) to re-render the post page and its comments. */
export async function enqueueCommentRevalidation(
  outbox: Pick<OutboxRepository, "enqueue">,
  post: { id: string; slug: string },
): Promise<void> {
  await enqueueJob(outbox, { topic: "web.revalidate", payload: commentRevalidation(post) });
}
