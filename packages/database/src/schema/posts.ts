import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { media } from "./media.js";
import { categories, tags } from "./taxonomy.js";
import { users } from "./users.js";

/**
 * The editorial workflow: draft → in_review → approved → scheduled → published → archived.
 * Which transitions a role may take is decided in @folio/domain (posts/workflow.ts).
 */
export const postStatusValues = [
  "draft",
  "in_review",
  "approved",
  "scheduled",
  "published",
  "archived",
] as const;
export type PostStatus = (typeof postStatusValues)[number];

/** Posts are dated and listed; pages are standalone (about, contact) and never in feeds. */
export const postTypeValues = ["post", "page"] as const;
export type PostType = (typeof postTypeValues)[number];

/** `members`: the body is shown to signed-in members only; title, excerpt and cover stay public. */
export const postVisibilityValues = ["public", "members"] as const;
export type PostVisibility = (typeof postVisibilityValues)[number];

/**
 * The editor's document: a ProseMirror/Tiptap JSON tree (`{ type: "doc", content: [...] }`).
 * Its exact shape is PostBodySchema in @folio/types, validated at the API edge; `html` is its
 * sanitised rendering, stored so readers never pay for rendering.
 */
export interface PostBodyNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PostBodyNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}
export interface PostBodyDocument {
  type: "doc";
  content: PostBodyNode[];
}

export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey(),
    type: text("type").$type<PostType>().notNull().default("post"),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    excerpt: text("excerpt"),
    body: jsonb("body").$type<PostBodyDocument>().notNull(),
    html: text("html").notNull(),
    status: text("status").$type<PostStatus>().notNull().default("draft"),
    /** When it went (or, while scheduled, goes) live. */
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
    /** Optional end of publication: a due job moves the post to archived. */
    unpublishAt: timestamp("unpublish_at", { withTimezone: true, mode: "date" }),
    visibility: text("visibility").$type<PostVisibility>().notNull().default("public"),
    featured: boolean("featured").notNull().default(false),
    coverImageUrl: text("cover_image_url"),
    coverImageAlt: text("cover_image_alt"),
    /** The media-library item behind the cover (its variants and focal point), when it is one. */
    coverMediaId: uuid("cover_media_id").references(() => media.id, { onDelete: "set null" }),
    readingTimeMinutes: integer("reading_time_minutes").notNull().default(0),
    primaryCategoryId: uuid("primary_category_id").references(() => categories.id, { onDelete: "set null" }),
    metaTitle: text("meta_title"),
    metaDescription: text("meta_description"),
    ogTitle: text("og_title"),
    ogDescription: text("og_description"),
    ogImageUrl: text("og_image_url"),
    twitterTitle: text("twitter_title"),
    twitterDescription: text("twitter_description"),
    twitterImageUrl: text("twitter_image_url"),
    canonicalUrl: text("canonical_url"),
    commentsEnabled: boolean("comments_enabled").notNull().default(true),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    /** Set while the post is in the trash; a job purges it after TRASH_RETENTION_DAYS. */
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
    deletedBy: uuid("deleted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    // Optimistic concurrency: every update must name the version it read.
    version: integer("version").notNull().default(1),
  },
  (t) => [
    // One slug namespace for posts and pages: both live at /{slug} on the site (decision 0007).
    // Trashed rows keep theirs until purged.
    uniqueIndex("posts_slug_key").on(t.slug),
    // Public listing: keyset pagination over (published_at desc, id desc) of live posts.
    index("posts_published_keyset_idx")
      .on(t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'published' and ${t.type} = 'post' and ${t.deletedAt} is null`),
    index("posts_featured_keyset_idx")
      .on(t.publishedAt.desc(), t.id.desc())
      .where(
        sql`${t.status} = 'published' and ${t.type} = 'post' and ${t.deletedAt} is null and ${t.featured}`,
      ),
    // The dashboard lists: per type and status, newest edit first.
    index("posts_staff_list_idx")
      .on(t.type, t.status, t.updatedAt.desc(), t.id.desc())
      .where(sql`${t.deletedAt} is null`),
    index("posts_trash_idx")
      .on(t.deletedAt)
      .where(sql`${t.deletedAt} is not null`),
    // The scheduler's safety sweep: due scheduled posts and due unpublications.
    index("posts_scheduled_idx")
      .on(t.publishedAt)
      .where(sql`${t.status} = 'scheduled'`),
    index("posts_unpublish_idx")
      .on(t.unpublishAt)
      .where(sql`${t.unpublishAt} is not null`),
    index("posts_primary_category_idx").on(t.primaryCategoryId),
    index("posts_created_by_idx").on(t.createdBy),
    check("posts_type_check", sql`${t.type} in ('post', 'page')`),
    check(
      "posts_status_check",
      sql`${t.status} in ('draft', 'in_review', 'approved', 'scheduled', 'published', 'archived')`,
    ),
    check("posts_visibility_check", sql`${t.visibility} in ('public', 'members')`),
    check(
      "posts_published_at_check",
      sql`${t.status} not in ('scheduled', 'published') or ${t.publishedAt} is not null`,
    ),
    check("posts_reading_time_check", sql`${t.readingTimeMinutes} >= 0`),
    check("posts_version_check", sql`${t.version} >= 1`),
  ],
);

export const postAuthors = pgTable(
  "post_authors",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    primaryKey({ name: "post_authors_pkey", columns: [t.postId, t.userId] }),
    index("post_authors_user_post_idx").on(t.userId, t.postId),
  ],
);

export const postTags = pgTable(
  "post_tags",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    tagId: uuid("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    primaryKey({ name: "post_tags_pkey", columns: [t.postId, t.tagId] }),
    index("post_tags_tag_post_idx").on(t.tagId, t.postId),
  ],
);

export const postCategories = pgTable(
  "post_categories",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ name: "post_categories_pkey", columns: [t.postId, t.categoryId] }),
    index("post_categories_category_post_idx").on(t.categoryId, t.postId),
  ],
);

/**
 * One saved state of a post. Every explicit save adds a row; autosaves by one user coalesce into
 * a single `autosave` row (updated in place) until their next explicit save.
 */
export const postRevisions = pgTable(
  "post_revisions",
  {
    id: uuid("id").primaryKey(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    kind: text("kind").$type<PostRevisionKind>().notNull(),
    /** The post's `version` this revision captured. */
    postVersion: integer("post_version").notNull(),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    excerpt: text("excerpt"),
    body: jsonb("body").$type<PostBodyDocument>().notNull(),
    html: text("html").notNull(),
    /** The other editable fields (SEO, cover, taxonomy, authors, flags) as the API names them. */
    fields: jsonb("fields").$type<Record<string, unknown>>().notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    /** For `restore`: the revision it was restored from. */
    restoredFrom: uuid("restored_from"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("post_revisions_post_idx").on(t.postId, t.createdAt.desc(), t.id.desc()),
    // At most one open autosave per post and user.
    uniqueIndex("post_revisions_autosave_key")
      .on(t.postId, t.authorId)
      .where(sql`${t.kind} = 'autosave'`),
    check("post_revisions_kind_check", sql`${t.kind} in ('save', 'autosave', 'restore')`),
  ],
);
export const postRevisionKindValues = ["save", "autosave", "restore"] as const;
export type PostRevisionKind = (typeof postRevisionKindValues)[number];

/** Staff-only editorial notes on a post, optionally anchored to a passage of the body. */
export const postNotes = pgTable(
  "post_notes",
  {
    id: uuid("id").primaryKey(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    /** `{ from, to, quote }`: the passage (editor positions and its text) the note is about. */
    anchor: jsonb("anchor").$type<{ from: number; to: number; quote: string }>(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "date" }),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("post_notes_post_idx").on(t.postId, t.createdAt)],
);

/** The workflow history of a post: who moved it from which status to which, and why. */
export const postTransitions = pgTable(
  "post_transitions",
  {
    id: uuid("id").primaryKey(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    fromStatus: text("from_status").$type<PostStatus>().notNull(),
    toStatus: text("to_status").$type<PostStatus>().notNull(),
    /** Null when the scheduler did it. */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    comment: text("comment"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("post_transitions_post_idx").on(t.postId, t.createdAt)],
);

export type PostRevisionRow = typeof postRevisions.$inferSelect;
export type PostNoteRow = typeof postNotes.$inferSelect;
export type PostTransitionRow = typeof postTransitions.$inferSelect;
export type PostRow = typeof posts.$inferSelect;
export type NewPostRow = typeof posts.$inferInsert;
