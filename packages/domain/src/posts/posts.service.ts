import { type CursorCodec, NotFoundError, ValidationError } from "@folio/core";
import type { CategoriesRepository, PostsRepository, TagsRepository, UsersRepository } from "@folio/database";
import type { ListPostsQuery, Post, PostList } from "@folio/types";
import { findAuthorBySlug } from "../authors/authors.service.js";
import { type MediaUrlOf, toPost, toPostSummary } from "./post-mappers.js";
import { timestampCursor } from "../pagination/timestamp-cursor.js";

export interface PostsServiceDeps {
  posts: PostsRepository;
  tags: TagsRepository;
  categories: CategoriesRepository;
  users: UsersRepository;
  cursors: CursorCodec;
  /** Public URL of a media storage key (cover renditions); `/media/<key>` by default. */
  mediaUrl?: MediaUrlOf | undefined;
}

export interface PostsService {
  /** Published posts, newest first, one page at a time (`next_cursor` is null on the last page). */
  listPublished(query: ListPostsQuery): Promise<PostList>;
  /**
   * A published post (never a page, never one in the trash); `NotFoundError("post", slug)` for
   * unknown, draft or scheduled posts. Members-only bodies are included: apply `gatePost`.
   */
  getPublishedBySlug(slug: string): Promise<Post>;
  /** A published page by slug, like `getPublishedBySlug`. */
  getPublishedPageBySlug(slug: string): Promise<Post>;
}

function unknownFilter(field: "tag" | "category" | "author", slug: string): ValidationError {
  return new ValidationError([
    { pointer: `/query/${field}`, detail: `no ${field} with slug ${JSON.stringify(slug)}` },
  ]);
}

export function createPostsService(deps: PostsServiceDeps): PostsService {
  // Payload `{ p: published_at, i: id }`.
  const cursor = timestampCursor(deps.cursors, "p", "a posts listing");
  const mediaUrl: MediaUrlOf = deps.mediaUrl ?? ((key) => `/media/${key}`);
  return {
    async listPublished(query) {
      const position = query.cursor === undefined ? undefined : cursor.decode(query.cursor);
      const after = position && { publishedAt: position.at, id: position.id };
      const [tag, category, author] = await Promise.all([
        query.tag === undefined ? undefined : deps.tags.findBySlug(query.tag),
        query.category === undefined ? undefined : deps.categories.findBySlug(query.category),
        query.author === undefined ? undefined : findAuthorBySlug(deps.users, query.author),
      ]);
      if (query.tag !== undefined && !tag) throw unknownFilter("tag", query.tag);
      if (query.category !== undefined && !category) throw unknownFilter("category", query.category);
      if (query.author !== undefined && !author) throw unknownFilter("author", query.author);

      const include = query.include ?? [];
      const page = await deps.posts.listPublished({
        limit: query.limit,
        after,
        tagId: tag?.id,
        categoryId: category?.id,
        authorId: author?.user.id,
        featured: query.featured,
        include: { authors: include.includes("authors"), tags: include.includes("tags") },
      });
      const last = page.items.at(-1);
      return {
        data: page.items.map((item) => toPostSummary(item, mediaUrl)),
        next_cursor:
          page.hasMore && last ? cursor.encode({ at: last.sortKey.publishedAt, id: last.sortKey.id }) : null,
      };
    },

    async getPublishedBySlug(slug) {
      const post = await deps.posts.findPublishedBySlug(slug);
      if (!post) throw new NotFoundError("post", slug);
      return toPost(post, mediaUrl);
    },

    async getPublishedPageBySlug(slug) {
      const page = await deps.posts.findPublishedBySlug(slug, "page");
      if (!page) throw new NotFoundError("page", slug);
      return toPost(page, mediaUrl);
    },
  };
}
