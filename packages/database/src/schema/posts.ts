import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { categories, tags } from "./taxonomy.js";
import { users } from "./users.js";

export const postStatusValues = ["draft", "scheduled", "published", "archived"] as const;
export type PostStatus = (typeof postStatusValues)[number];
export const postStatus = pgEnum("post_status", postStatusValues);

/** Structured post body; mirrors PostBodySchema in @folio/types (validated at the API edge). */
export interface PostBodyBlock {
  type: "paragraph" | "heading" | "list" | "quote" | "code" | "image";
  level?: number;
  ordered?: boolean;
  text?: string;
  items?: string[];
  language?: string;
  src?: string;
  alt?: string;
  caption?: string;
}
export interface PostBodyDocument {
  version: 1;
  blocks: PostBodyBlock[];
}

export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey(),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    excerpt: text("excerpt"),
    body: jsonb("body").$type<PostBodyDocument>().notNull(),
    html: text("html").notNull(),
    status: postStatus("status").notNull().default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
    featured: boolean("featured").notNull().default(false),
    coverImageUrl: text("cover_image_url"),
    coverImageAlt: text("cover_image_alt"),
    readingTimeMinutes: integer("reading_time_minutes").notNull().default(0),
    primaryCategoryId: uuid("primary_category_id").references(() => categories.id, { onDelete: "set null" }),
    metaTitle: text("meta_title"),
    metaDescription: text("meta_description"),
    ogTitle: text("og_title"),
    ogDescription: text("og_description"),
    ogImageUrl: text("og_image_url"),
    canonicalUrl: text("canonical_url"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    // Optimistic concurrency: every update must name the version it read.
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("posts_slug_key").on(t.slug),
    // Public listing: keyset pagination over (published_at desc, id desc) of published posts.
    index("posts_published_keyset_idx")
      .on(t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'published'`),
    index("posts_featured_keyset_idx")
      .on(t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'published' and ${t.featured}`),
    // The scheduled-publishing job scans due posts.
    index("posts_scheduled_idx")
      .on(t.publishedAt)
      .where(sql`${t.status} = 'scheduled'`),
    index("posts_primary_category_idx").on(t.primaryCategoryId),
    check(
      "posts_published_at_check",
      sql`${t.status} in ('draft', 'archived') or ${t.publishedAt} is not null`,
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

export type PostRow = typeof posts.$inferSelect;
export type NewPostRow = typeof posts.$inferInsert;
