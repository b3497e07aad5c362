import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { posts } from "./posts.js";
import { users } from "./users.js";

export const commentStatusValues = ["pending", "approved", "spam", "deleted"] as const;
export type CommentStatus = (typeof commentStatusValues)[number];

/** A member's comment on a post; replies form a tree of bounded depth (`depth` 0 = top level). */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    depth: integer("depth").notNull().default(0),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    /** What the member wrote (a markdown subset). */
    bodyMarkdown: text("body_markdown").notNull(),
    /** Its sanitised rendering. */
    html: text("html").notNull(),
    status: text("status").$type<CommentStatus>().notNull().default("pending"),
    reportCount: integer("report_count").notNull().default(0),
    moderatedBy: uuid("moderated_by").references(() => users.id, { onDelete: "set null" }),
    moderatedAt: timestamp("moderated_at", { withTimezone: true, mode: "date" }),
    editedAt: timestamp("edited_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("comments_post_thread_idx").on(t.postId, t.status, t.createdAt),
    index("comments_queue_idx").on(t.status, t.createdAt.desc(), t.id.desc()),
    index("comments_author_idx").on(t.authorId, t.createdAt),
    index("comments_parent_idx").on(t.parentId),
    check("comments_status_check", sql`${t.status} in ('pending', 'approved', 'spam', 'deleted')`),
    check("comments_depth_check", sql`${t.depth} >= 0 and ${t.depth} <= 8`),
  ],
);

/** A reader's report of a comment; one per reader and comment. */
export const commentReports = pgTable(
  "comment_reports",
  {
    id: uuid("id").primaryKey(),
    commentId: uuid("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    reporterId: uuid("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("comment_reports_once_key").on(t.commentId, t.reporterId)],
);

export type CommentRow = typeof comments.$inferSelect;
export type NewCommentRow = typeof comments.$inferInsert;
export type CommentReportRow = typeof commentReports.$inferSelect;
