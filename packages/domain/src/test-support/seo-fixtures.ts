import { uuidv7 } from "@folio/core";
import { postAuthors, postCategories, posts, postTags, users } from "@folio/database";
import type { TestDatabase } from "@folio/database/testing";

let counter = 0;

/** A user who can be a byline (an author once one of their posts is published). */
export async function insertAuthor(
  database: TestDatabase,
  name = "Ada Author",
): Promise<{ id: string; slug: string }> {
  counter += 1;
  const id = uuidv7();
  const slug = `author-${counter}-${id.slice(-8)}`;
  await database.db.insert(users).values({
    id,
    email: `${slug}@example.org`,
    displayName: name,
    slug,
    role: "author",
    status: "active",
  });
  return { id, slug };
}

export interface SeoPostOptions {
  title?: string;
  slug?: string;
  type?: "post" | "page";
  status?: "draft" | "published" | "scheduled";
  visibility?: "public" | "members";
  html?: string;
  excerpt?: string | null;
  publishedAt?: Date;
  deleted?: boolean;
  authorIds?: string[];
  tagIds?: string[];
  categoryIds?: string[];
  primaryCategoryId?: string | null;
}

/** A post row with its relations, written directly (the posts service is not under test here). */
export async function insertSeoPost(
  database: TestDatabase,
  options: SeoPostOptions = {},
): Promise<{ id: string; slug: string }> {
  counter += 1;
  const id = uuidv7();
  const slug = options.slug ?? `post-${counter}-${id.slice(-8)}`;
  const status = options.status ?? "published";
  await database.db.insert(posts).values({
    id,
    type: options.type ?? "post",
    title: options.title ?? `Post ${counter}`,
    slug,
    excerpt: options.excerpt === undefined ? `Excerpt ${counter}` : options.excerpt,
    body: { type: "doc", content: [] },
    html: options.html ?? `<p>Body ${counter}</p>`,
    status,
    visibility: options.visibility ?? "public",
    publishedAt: status === "draft" ? null : (options.publishedAt ?? new Date(Date.now() - 60_000 + counter)),
    primaryCategoryId: options.primaryCategoryId ?? null,
    deletedAt: options.deleted ? new Date() : null,
  });
  if (options.authorIds?.length) {
    await database.db
      .insert(postAuthors)
      .values(options.authorIds.map((userId, position) => ({ postId: id, userId, position })));
  }
  if (options.tagIds?.length) {
    await database.db
      .insert(postTags)
      .values(options.tagIds.map((tagId, position) => ({ postId: id, tagId, position })));
  }
  if (options.categoryIds?.length) {
    await database.db
      .insert(postCategories)
      .values(options.categoryIds.map((categoryId) => ({ postId: id, categoryId })));
  }
  return { id, slug };
}
