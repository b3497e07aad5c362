import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db-types.js";
import { categories, postAuthors, postCategories, postTags, tags, users } from "../schema/index.js";

export interface AuthorRef {
  id: string;
  slug: string;
  displayName: string;
  avatarUrl: string | null;
}
export interface TaxonRef {
  id: string;
  slug: string;
  name: string;
}

function groupBy<T extends { postId: string }, R>(rows: T[], map: (row: T) => R): Map<string, R[]> {
  const grouped = new Map<string, R[]>();
  for (const row of rows) {
    const list = grouped.get(row.postId);
    if (list) list.push(map(row));
    else grouped.set(row.postId, [map(row)]);
  }
  return grouped;
}

/** Bylines of many posts in ONE query, in byline order. */
export async function loadAuthors(db: Db, postIds: string[]): Promise<Map<string, AuthorRef[]>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .select({
      postId: postAuthors.postId,
      id: users.id,
      slug: users.slug,
      displayName: users.displayName,
      avatarUrl: users.avatarUrl,
    })
    .from(postAuthors)
    .innerJoin(users, eq(users.id, postAuthors.userId))
    .where(inArray(postAuthors.postId, postIds))
    .orderBy(asc(postAuthors.postId), asc(postAuthors.position), asc(users.displayName));
  return groupBy(rows, ({ postId: _postId, ...author }) => author);
}

/** Tags of many posts in ONE query, in the order the editor gave them. */
export async function loadTags(db: Db, postIds: string[]): Promise<Map<string, TaxonRef[]>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .select({ postId: postTags.postId, id: tags.id, slug: tags.slug, name: tags.name })
    .from(postTags)
    .innerJoin(tags, eq(tags.id, postTags.tagId))
    .where(inArray(postTags.postId, postIds))
    .orderBy(asc(postTags.postId), asc(postTags.position), asc(tags.name));
  return groupBy(rows, ({ postId: _postId, ...tag }) => tag);
}

/** Categories of many posts in ONE query, by category position then name. */
export async function loadCategories(db: Db, postIds: string[]): Promise<Map<string, TaxonRef[]>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .select({
      postId: postCategories.postId,
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
    })
    .from(postCategories)
    .innerJoin(categories, eq(categories.id, postCategories.categoryId))
    .where(inArray(postCategories.postId, postIds))
    .orderBy(asc(postCategories.postId), asc(categories.position), asc(categories.name));
  return groupBy(rows, ({ postId: _postId, ...category }) => category);
}

/** Replaces a post's bylines, tags and categories (inside the caller's transaction). */
export async function replacePostRelations(
  db: Db,
  postId: string,
  relations: { authorIds?: string[]; tagIds?: string[]; categoryIds?: string[] },
): Promise<void> {
  if (relations.authorIds) {
    await db.delete(postAuthors).where(eq(postAuthors.postId, postId));
    if (relations.authorIds.length > 0) {
      await db
        .insert(postAuthors)
        .values(relations.authorIds.map((userId, position) => ({ postId, userId, position })));
    }
  }
  if (relations.tagIds) {
    await db.delete(postTags).where(eq(postTags.postId, postId));
    if (relations.tagIds.length > 0) {
      await db
        .insert(postTags)
        .values(relations.tagIds.map((tagId, position) => ({ postId, tagId, position })));
    }
  }
  if (relations.categoryIds) {
    await db.delete(postCategories).where(eq(postCategories.postId, postId));
    if (relations.categoryIds.length > 0) {
      await db
        .insert(postCategories)
        .values(relations.categoryIds.map((categoryId) => ({ postId, categoryId })));
    }
  }
}
