import { eq } from "drizzle-orm";
import type { Db } from "../db-types.js";
import { postAuthors, postCategories, postTags } from "../schema/index.js";

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
