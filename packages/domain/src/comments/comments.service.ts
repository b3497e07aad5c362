import { type CursorCodec, NotFoundError, UnprocessableError } from "@folio/core";
import { type CommentRecord, createRepositories, type Database } from "@folio/database";
import {
  COMMENT_EDIT_WINDOW_MINUTES,
  type CommentSettings,
  type CreateCommentBody,
  type ListPublicCommentsQuery,
  type OwnComment,
  type PublicComment,
  type PublicCommentList,
  type ReportCommentBody,
  type UpdateCommentBody,
} from "@folio/types";
import { timestampCursor } from "../pagination/timestamp-cursor.js";
import {
  CommentAlreadyReportedError,
  CommentEditWindowClosedError,
  OwnCommentReportError,
} from "./comment-errors.js";
import { renderCommentMarkdown } from "./comment-markdown.js";
import { toOwnComment, toPublicComment } from "./comment-mappers.js";
import { enqueueReplyNotification } from "./comment-notifications.js";
import {
  assertCommentablePost,
  assertCommentsOpen,
  assertWithinRateLimits,
  attachmentPoint,
  type CommentActor,
  type CommentRateLimit,
  DEFAULT_COMMENT_RATE_LIMITS,
  enqueueCommentRevalidation,
  initialStatus,
} from "./comment-rules.js";
import { loadCommentSettings } from "./comment-settings.js";
import { createCommentModeration, type CommentModerationService } from "./comments-moderation.js";

export interface CommentsServiceDeps {
  database: Database;
  /** Signs list cursors (the same codec as the other lists). */
  cursors: CursorCodec;
  /** An absolute URL of a site page (reply notifications link to the comment). */
  link: (path: string) => string;
  now?: (() => Date) | undefined;
  rateLimits?: readonly CommentRateLimit[] | undefined;
}

/** Members' comments on published posts, and (`CommentModerationService`) the staff queue. */
export interface CommentsService extends CommentModerationService {
  /** Approved comments of a published post in thread order; pages are `limit` top-level threads. */
  listForPost(
    viewer: CommentActor | null,
    slug: string,
    query: ListPublicCommentsQuery,
  ): Promise<PublicCommentList>;
  /** 201 body: pending or approved per the moderation setting (moderators are approved at once). */
  create(actor: CommentActor, body: CreateCommentBody): Promise<OwnComment>;
  /** Own comments only, within COMMENT_EDIT_WINDOW_MINUTES; 404 for anyone else's. */
  update(actor: CommentActor, id: string, body: UpdateCommentBody): Promise<OwnComment>;
  /** Own comments only (soft delete: status `deleted`). */
  remove(actor: CommentActor, id: string): Promise<void>;
  /** Once per member; `report_threshold` reports send an approved comment back to pending. */
  report(actor: CommentActor, id: string, body: ReportCommentBody): Promise<void>;
}

const EDIT_WINDOW_MS = COMMENT_EDIT_WINDOW_MINUTES * 60_000;

/** Each thread depth-first (a reply right after its parent), siblings oldest first. */
function threadOrder(roots: CommentRecord[], replies: CommentRecord[]): CommentRecord[] {
  const children = new Map<string, CommentRecord[]>();
  for (const reply of replies) {
    if (reply.parentId === null) continue;
    const list = children.get(reply.parentId) ?? [];
    list.push(reply);
    children.set(reply.parentId, list);
  }
  const out: CommentRecord[] = [];
  const visit = (comment: CommentRecord) => {
    out.push(comment);
    for (const child of children.get(comment.id) ?? []) visit(child);
  };
  for (const root of roots) visit(root);
  return out;
}

export function createCommentsService(deps: CommentsServiceDeps): CommentsService {
  const { database } = deps;
  const now = deps.now ?? (() => new Date());
  const limits = deps.rateLimits ?? DEFAULT_COMMENT_RATE_LIMITS;
  const repos = createRepositories(database);
  const cursor = timestampCursor(deps.cursors, "c", "a comments");

  async function ownComment(r: ReturnType<typeof createRepositories>, actor: CommentActor, id: string) {
    const row = await r.comments.findByIdForUpdate(id);
    // Someone else's comment and a deleted one look the same as a missing one.
    if (row === null || row.authorId !== actor.userId || row.status === "deleted") {
      throw new NotFoundError("comment", id);
    }
    const post = await r.comments.findPostById(row.postId);
    return { row, post: assertCommentablePost(post, row.postId, actor) };
  }

  return {
    ...createCommentModeration({ database, cursors: deps.cursors, link: deps.link, now }),

    async listForPost(viewer, slug, query) {
      const post = assertCommentablePost(await repos.comments.findPostBySlug(slug), slug, viewer);
      const after = query.cursor === undefined ? undefined : cursor.decode(query.cursor);
      const page = await repos.comments.listApprovedThreads(post.id, {
        limit: query.limit,
        after: after && { createdAt: after.at, id: after.id },
      });
      const data: PublicComment[] = threadOrder(page.roots, page.replies).map((record) =>
        toPublicComment(record, viewer?.userId ?? null),
      );
      const last = page.roots.at(-1);
      return {
        data,
        next_cursor: page.hasMore && last ? cursor.encode({ at: last.createdAtKey, id: last.id }) : null,
      };
    },

    async create(actor, body) {
      const at = now();
      const id = await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        const post = assertCommentablePost(await r.comments.findPostById(body.post_id), body.post_id, actor);
        assertCommentsOpen(post);
        const author = await r.comments.lockAuthor(actor.userId);
        if (author === null) throw new NotFoundError("user", actor.userId);
        await assertWithinRateLimits(r.comments, actor.userId, at, limits);
        const settings: CommentSettings = await loadCommentSettings(r.siteSettings);
        let placement: { parentId: string | null; depth: number } = { parentId: null, depth: 0 };
        if (body.parent_id !== undefined && body.parent_id !== null) {
          const parent = await r.comments.findById(body.parent_id);
          if (parent === null || parent.postId !== post.id || parent.status !== "approved") {
            throw new UnprocessableError("The comment replied to does not exist on this post.", [
              { pointer: "/body/parent_id", detail: "is not an approved comment of this post" },
            ]);
          }
          placement = await attachmentPoint(r.comments, parent, settings.max_depth);
        }
        const row = await r.comments.create({
          postId: post.id,
          parentId: placement.parentId,
          depth: placement.depth,
          authorId: actor.userId,
          bodyMarkdown: body.body,
          html: renderCommentMarkdown(body.body),
          status: await initialStatus(r.comments, actor, settings.moderation),
          createdAt: at,
          updatedAt: at,
        });
        if (row.status === "approved") {
          await enqueueReplyNotification(
            { comments: r.comments, outbox: r.outbox, link: deps.link },
            row,
            post,
          );
          await enqueueCommentRevalidation(r.outbox, post);
        }
        return row.id;
      });
      const record = await repos.comments.findRecord(id);
      if (record === null) throw new NotFoundError("comment", id);
      return toOwnComment(record);
    },

    async update(actor, id, body) {
      const at = now();
      await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        const { row, post } = await ownComment(r, actor, id);
        if (at.getTime() - row.createdAt.getTime() > EDIT_WINDOW_MS) {
          throw new CommentEditWindowClosedError(COMMENT_EDIT_WINDOW_MINUTES);
        }
        await r.comments.update(
          id,
          { bodyMarkdown: body.body, html: renderCommentMarkdown(body.body), editedAt: at },
          at,
        );
        if (row.status === "approved") await enqueueCommentRevalidation(r.outbox, post);
      });
      const record = await repos.comments.findRecord(id);
      if (record === null) throw new NotFoundError("comment", id);
      return toOwnComment(record);
    },

    async remove(actor, id) {
      const at = now();
      await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        const row = await r.comments.findByIdForUpdate(id);
        if (row === null || row.authorId !== actor.userId || row.status === "deleted") {
          throw new NotFoundError("comment", id);
        }
        await r.comments.update(id, { status: "deleted" }, at);
        if (row.status === "approved") {
          const post = await r.comments.findPostById(row.postId);
          if (post !== null) await enqueueCommentRevalidation(r.outbox, post);
        }
      });
    },

    async report(actor, id, body) {
      const at = now();
      await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        const row = await r.comments.findByIdForUpdate(id);
        if (row === null || row.status !== "approved") throw new NotFoundError("comment", id);
        const post = assertCommentablePost(await r.comments.findPostById(row.postId), row.postId, actor);
        if (row.authorId === actor.userId) {
          throw new OwnCommentReportError();
        }
        if (!(await r.comments.addReport(id, actor.userId, body.reason, at))) {
          throw new CommentAlreadyReportedError();
        }
        const updated = await r.comments.incrementReports(id, at);
        const { report_threshold: threshold } = await loadCommentSettings(r.siteSettings);
        if (updated.reportCount >= threshold) {
          await r.comments.update(id, { status: "pending" }, at);
          await enqueueCommentRevalidation(r.outbox, post);
        }
      });
    },
  };
}
