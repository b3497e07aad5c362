import { type CursorCodec, NotFoundError, UnprocessableError } from "@folio/core";
import { type CommentStatus, createRepositories, type Database } from "@folio/database";
import type {
  BulkModerateCommentsBody,
  BulkModerateCommentsResult,
  CommentBulkAction,
  CommentCounts,
  CommentSettings,
  ListStaffCommentsQuery,
  StaffComment,
  StaffCommentList,
  UpdateCommentSettingsBody,
} from "@folio/types";
import { timestampCursor } from "../pagination/timestamp-cursor.js";
import { toStaffComment } from "./comment-mappers.js";
import { enqueueReplyNotification } from "./comment-notifications.js";
import { type CommentActor, enqueueCommentRevalidation } from "./comment-rules.js";
import { loadCommentSettings, saveCommentSettings } from "./comment-settings.js";

/** The staff side of comments: the moderation queue and the comment settings. */
export interface CommentModerationService {
  /** Newest first, one status at a time (default pending), filter by post and text. */
  listForStaff(query: ListStaffCommentsQuery): Promise<StaffCommentList>;
  counts(postId?: string): Promise<CommentCounts>;
  moderate(actor: CommentActor, id: string, status: CommentStatus): Promise<StaffComment>;
  /** All or nothing, in one transaction; an unknown id is a 422 naming it (`/body/ids/<i>`). */
  bulkModerate(actor: CommentActor, body: BulkModerateCommentsBody): Promise<BulkModerateCommentsResult>;
  getSettings(): Promise<CommentSettings>;
  updateSettings(actor: CommentActor, body: UpdateCommentSettingsBody): Promise<CommentSettings>;
}

export const BULK_ACTION_STATUS: Readonly<Record<CommentBulkAction, CommentStatus>> = Object.freeze({
  approve: "approved",
  spam: "spam",
  delete: "deleted",
  restore: "pending",
});

export function createCommentModeration(deps: {
  database: Database;
  cursors: CursorCodec;
  link: (path: string) => string;
  now(): Date;
}): CommentModerationService {
  const { database } = deps;
  const repos = createRepositories(database);
  const cursor = timestampCursor(deps.cursors, "q", "a comment queue");

  /** Sets `status` on `ids` (locked, all must exist) and records the effects; returns the changed ids. */
  async function setStatus(
    actor: CommentActor,
    ids: readonly string[],
    status: CommentStatus,
    pointer: (index: number) => string,
  ): Promise<string[]> {
    const at = deps.now();
    return await database.transaction(async (tx) => {
      const r = createRepositories(tx);
      const unique = [...new Set(ids)];
      const rows = await r.comments.lockMany(unique);
      const found = new Set(rows.map((row) => row.id));
      const missing = ids.flatMap((id, index) => (found.has(id) ? [] : [index]));
      if (missing.length > 0) {
        throw new UnprocessableError(
          "Some comments do not exist.",
          missing.map((index) => ({ pointer: pointer(index), detail: "no such comment" })),
        );
      }
      const changing = rows.filter((row) => row.status !== status);
      const updated = await r.comments.setStatusMany(
        changing.map((row) => row.id),
        status,
        actor.userId,
        at,
        status === "approved",
      );
      // A post's page changes when a comment enters or leaves the approved set.
      const affectedPosts = new Set(
        changing.filter((row) => row.status === "approved" || status === "approved").map((row) => row.postId),
      );
      const posts = new Map<string, { id: string; slug: string; title: string }>();
      for (const postId of new Set(updated.map((row) => row.postId))) {
        const post = await r.comments.findPostById(postId);
        if (post !== null) posts.set(postId, post);
      }
      if (status === "approved") {
        for (const row of updated) {
          const post = posts.get(row.postId);
          if (post)
            await enqueueReplyNotification(
              { comments: r.comments, outbox: r.outbox, link: deps.link },
              row,
              post,
            );
        }
      }
      for (const postId of affectedPosts) {
        const post = posts.get(postId);
        if (post) await enqueueCommentRevalidation(r.outbox, post);
      }
      return updated.map((row) => row.id);
    });
  }

  return {
    async listForStaff(query) {
      const before = query.cursor === undefined ? undefined : cursor.decode(query.cursor);
      const page = await repos.comments.listForStaff({
        status: query.status ?? "pending",
        postId: query.post_id,
        q: query.q,
        limit: query.limit,
        before: before && { createdAt: before.at, id: before.id },
      });
      const last = page.items.at(-1);
      return {
        data: page.items.map(toStaffComment),
        next_cursor: page.hasMore && last ? cursor.encode({ at: last.createdAtKey, id: last.id }) : null,
      };
    },

    async counts(postId) {
      return await repos.comments.countByStatus(postId);
    },

    async moderate(actor, id, status) {
      if ((await repos.comments.findById(id)) === null) throw new NotFoundError("comment", id);
      await setStatus(actor, [id], status, () => "/params/id");
      const record = await repos.comments.findRecord(id);
      if (record === null) throw new NotFoundError("comment", id);
      return toStaffComment(record);
    },

    async bulkModerate(actor, body) {
      const status = BULK_ACTION_STATUS[body.action];
      const ids = await setStatus(actor, body.ids, status, (index) => `/body/ids/${index}`);
      return { updated: ids.length, status, ids };
    },

    async getSettings() {
      return await loadCommentSettings(repos.siteSettings);
    },

    async updateSettings(actor, body) {
      return await database.transaction(async (tx) =>
        saveCommentSettings(createRepositories(tx).siteSettings, body, actor.userId),
      );
    },
  };
}
