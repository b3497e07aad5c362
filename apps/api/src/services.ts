import type { Author, CategoryList, ListPostsQuery, Post, PostList, TagList } from "@folio/types";

/**
 * What the HTTP layer needs from @folio/domain's `createServices()`: the routes depend on this
 * shape only, so the API and its tests wire the same services the worker uses.
 */
export interface ApiServices {
  posts: {
    listPublished(query: ListPostsQuery): Promise<PostList>;
    getPublishedBySlug(slug: string): Promise<Post>;
  };
  taxonomy: {
    listTags(): Promise<TagList>;
    listCategories(): Promise<CategoryList>;
  };
  authors: {
    getBySlug(slug: string): Promise<Author>;
  };
}
