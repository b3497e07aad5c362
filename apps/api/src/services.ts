import type { Config } from "@folio/config";
import type {
  AccountsOptions,
  AccountsService,
  AdminServices,
  JobsService,
  NotesService,
  RevisionsService,
  CommentsService,
  MediaService,
  OAuthService,
  PostsAdminService,
  TaxonomyAdminService,
  RedirectsService,
  DiscoveryService,
} from "@folio/domain";
import type { Author, CategoryList, ListPostsQuery, Post, PostList, TagList } from "@folio/types";

/**
 * What the HTTP layer needs from @folio/domain's `createServices()`: the routes depend on this
 * shape only, so the API and its tests wire the same services the worker uses.
 */
export interface ApiServices {
  posts: {
    listPublished(query: ListPostsQuery): Promise<PostList>;
    getPublishedBySlug(slug: string): Promise<Post>;
    getPublishedPageBySlug(slug: string): Promise<Post>;
  };
  /** Staff posts and pages: CRUD, workflow, trash. */
  postsAdmin: PostsAdminService;
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
  /** A post's revisions (list, get, diff, restore). */
  revisions: RevisionsService;
  /** Editorial notes and the workflow history of a post. */
  notes: NotesService;
  /** The staff view of background jobs. */
  jobs: JobsService;
  /** The media library and its files. */
  media: MediaService;
  /** Members' comments and the moderation queue. */
  comments: CommentsService;
  /** Staff CRUD of tags and categories. */
  taxonomyAdmin: TaxonomyAdminService;
  /** The redirects table and the public resolve. */
  redirects: RedirectsService;
  /** Sitemap chunks and feed items. */
  discovery: DiscoveryService;
}

/** The accounts service's options from the configuration (`createServices({ auth })`). */
export function accountsOptionsFromConfig(config: Config): AccountsOptions {
  return {
    ...config.auth,
    secret: config.secrets.authSecret.reveal(),
    publicUrl: config.publicUrl,
  };
}
