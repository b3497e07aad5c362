import type { OAuthProvider } from "@folio/auth";
import type { Cache } from "@folio/cache";
import { createCursorCodec } from "@folio/core";
import { createRepositories, type Database } from "@folio/database";
import type { AccountsOptions } from "./accounts/accounts-context.js";
import { createAccountsService, type AccountsService } from "./accounts/accounts.service.js";
import { createOAuthService, type OAuthService } from "./accounts/oauth/oauth.service.js";
import { createAdminServices, pageLink, type AdminServices } from "./admin/admin-services.js";
import { type AuthorsService, createAuthorsService } from "./authors/authors.service.js";
import { cachePublicReads } from "./caching/public-reads.cache.js";
import { createCommentsService, type CommentsService } from "./comments/comments.service.js";
import { createDomainEvents, type DomainEvents } from "./events/domain-events.js";
import { createJobsService, type JobsService } from "./jobs/jobs.service.js";
import { createNotesService, type NotesService } from "./notes/notes.service.js";
import { createRevisionsService, type RevisionsService } from "./revisions/revisions.service.js";
import { createConfiguredMediaService, type MediaOptions, type MediaService } from "./media/index.js";
import { createPostsService, type PostsService } from "./posts/posts.service.js";
import { createPostsAdminService, type PostsAdminService } from "./posts/posts-admin.service.js";
import { createTaxonomyService, type TaxonomyService } from "./taxonomy/taxonomy.service.js";
import { createTaxonomyAdminService, type TaxonomyAdminService } from "./taxonomy/taxonomy-admin.service.js";
import { createRedirectsService, type RedirectsService } from "./redirects/redirects.service.js";
import { createDiscoveryService, type DiscoveryService } from "./seo/discovery.service.js";

export interface Services {
  posts: PostsService;
  /** Staff posts and pages: CRUD, workflow, trash, scheduling (publishDue / unpublishDue). */
  postsAdmin: PostsAdminService;
  taxonomy: TaxonomyService;
  /** Staff CRUD of tags and categories (renames keep redirects, tag merges). */
  taxonomyAdmin: TaxonomyAdminService;
  /** The redirects table: staff CRUD and the public resolve used by the web proxy. */
  redirects: RedirectsService;
  /** Sitemap chunks and RSS / Atom feed items for the web app. */
  discovery: DiscoveryService;
  authors: AuthorsService;
  /** Sign-in, sessions, MFA and the signed-in user's own account. */
  accounts: AccountsService;
  /** Sign-in with GitHub, Google or OpenID Connect, and connected accounts. */
  oauth: OAuthService;
  /** Users admin, roles, API tokens and the audit log. */
  admin: AdminServices;
  /** Members' comments on posts and the moderation queue. */
  comments: CommentsService;
  /** The media library: uploads, variants, files. */
  media: MediaService;
  /** A post's revisions: list, get, diff, restore (through the posts service's update). */
  revisions: RevisionsService;
  /** Staff-only editorial notes on a post, and its workflow history. */
  notes: NotesService;
  /** The staff view of background jobs (scheduled publications, dead letters) and retries. */
  jobs: JobsService;
  /** Writes announce themselves here after committing; it invalidates the cached reads. */
  events: DomainEvents;
}

export interface CreateServicesOptions {
  database: Database;
  /** Signs pagination cursors (at least 16 bytes); the same on every API process. */
  cursorSecret: string;
  /**
   * Serves the public reads (post lists, posts, tags, categories, authors) through this cache,
   * tagged so `events.emit(...)` invalidates them. Without one every read goes to the database.
   * The services never close it: its owner (the API process) does.
   */
  cache?: Cache | undefined;
  /**
   * Accounts configuration (`config.auth`, AUTH_SECRET, PUBLIC_URL). Without it the accounts
   * service runs on development defaults — fine for tests and tools, never for an API process.
   */
  auth?: AccountsOptions | undefined;
  /** The configured sign-in providers (built from `config.oauth` by the API); none by default. */
  oauthProviders?: readonly OAuthProvider[] | undefined;
  /** Media storage and limits (`config.media`); without it files go to the OS temp directory (tests, tools). */
  media?: MediaOptions | undefined;
}

/** Wires repositories into the services; the API, the worker and tests all start here. */
export function createServices(options: CreateServicesOptions): Services {
  const repositories = createRepositories(options.database);
  const cursors = createCursorCodec(options.cursorSecret);
  const events = createDomainEvents({ cache: options.cache });
  const accounts = createAccountsService({ database: options.database, events, options: options.auth });
  const services: Services = {
    posts: createPostsService({ ...repositories, cursors, mediaUrl: (key) => services.media.urlOf(key) }),
    postsAdmin: createPostsAdminService({
      database: options.database,
      cursors,
      events,
      now: accounts.options.now,
      mediaUrl: (key) => services.media.urlOf(key),
    }),
    taxonomy: createTaxonomyService(repositories),
    taxonomyAdmin: createTaxonomyAdminService({ database: options.database, events }),
    redirects: createRedirectsService({ database: options.database, cursors }),
    discovery: createDiscoveryService(repositories),
    authors: createAuthorsService(repositories),
    accounts,
    oauth: createOAuthService({
      database: options.database,
      accounts,
      providers: options.oauthProviders ?? [],
    }),
    admin: createAdminServices({
      database: options.database,
      cursors,
      events,
      hasher: accounts.hasher,
      publicUrl: accounts.options.publicUrl,
      now: accounts.options.now,
    }),
    comments: createCommentsService({
      database: options.database,
      cursors,
      link: pageLink(accounts.options.publicUrl),
      now: accounts.options.now,
    }),
    media: createConfiguredMediaService({ database: options.database, cursors, options: options.media }),
    revisions: createRevisionsService({
      ...repositories,
      cursors,
      posts: () => services.postsAdmin,
    }),
    notes: createNotesService({ ...repositories, now: accounts.options.now }),
    jobs: createJobsService({ ...repositories, cursors, now: accounts.options.now }),
    events,
  };
  return options.cache ? cachePublicReads(services, options.cache) : services;
}
