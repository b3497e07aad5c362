import { type CursorCodec, isUuid, NotFoundError, ValidationError } from "@folio/core";
import type {
  CategoriesRepository,
  PostsRepository,
  PublishedKey,
  TagsRepository,
  UsersRepository,
} from "@folio/database";
import type { ListPostsQuery, Post, PostList } from "@folio/types";
import { findAuthorBySlug } from "../authors/authors.service.js";
import { toPost, toPostSummary } from "./post-mappers.js";

export interface PostsServiceDeps {
  posts: PostsRepository;
  tags: TagsRepository;
  categories: CategoriesRepository;
  users: UsersRepository;
  cursors: CursorCodec;
}

export interface PostsService {
  /** Published posts, newest first, one page at a time (`next_cursor` is null on the last page). */
  listPublished(query: ListPostsQuery): Promise<PostList>;
  /** A published post; `NotFoundError("post", slug)` for unknown, draft or scheduled posts. */
  getPublishedBySlug(slug: string): Promise<Post>;
}

const CURSOR_POINTER = "/query/cursor";
// Exactly what the repository's sort key produces: UTC, up to microseconds.
const CURSOR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;

/** The listing cursor payload: the last row's exact `published_at` and `id`. */
interface PostCursor {
  p: string;
  i: string;
}

function decodeCursor(cursors: CursorCodec, cursor: string): PublishedKey {
  const payload = cursors.decode<Partial<Record<keyof PostCursor, unknown>>>(cursor, CURSOR_POINTER);
  const { p, i } = payload;
  if (typeof p !== "string" || !CURSOR_TIMESTAMP.test(p) || Number.isNaN(Date.parse(p)) || !isUuid(i)) {
    throw new ValidationError([{ pointer: CURSOR_POINTER, detail: "cursor is not a posts listing cursor" }]);
  }
  return { publishedAt: p, id: i };
}

function unknownFilter(field: "tag" | "category" | "author", slug: string): ValidationError {
  return new ValidationError([
    { pointer: `/query/${field}`, detail: `no ${field} with slug ${JSON.stringify(slug)}` },
  ]);
}

export function createPostsService(deps: PostsServiceDeps): PostsService {
  return {
    async listPublished(query) {
      const after = query.cursor === undefined ? undefined : decodeCursor(deps.cursors, query.cursor);
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
      const next: PostCursor | null =
        page.hasMore && last ? { p: last.sortKey.publishedAt, i: last.sortKey.id } : null;
      return {
        data: page.items.map(toPostSummary),
        next_cursor: next === null ? null : deps.cursors.encode({ ...next }),
      };
    },

    async getPublishedBySlug(slug) {
      const post = await deps.posts.findPublishedBySlug(slug);
      if (!post) throw new NotFoundError("post", slug);
      return toPost(post);
    },
  };
}
