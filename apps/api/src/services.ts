import type { Config } from "@folio/config";
import type { AccountsOptions, AccountsService, AdminServices, OAuthService } from "@folio/domain";
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
  accounts: AccountsService;
  /** Users admin, roles, API tokens and the audit log. */
  admin: AdminServices;
  oauth: OAuthService;
}

/** The accounts service's options from the configuration (`createServices({ auth })`). */
export function accountsOptionsFromConfig(config: Config): AccountsOptions {
  return {
    ...config.auth,
    secret: config.secrets.authSecret.reveal(),
    publicUrl: config.publicUrl,
  };
}
