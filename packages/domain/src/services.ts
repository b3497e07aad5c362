import type { OAuthProvider } from "@folio/auth";
import type { Cache } from "@folio/cache";
import { createCursorCodec } from "@folio/core";
import { createRepositories, type Database } from "@folio/database";
import type { AccountsOptions } from "./accounts/accounts-context.js";
import { createAccountsService, type AccountsService } from "./accounts/accounts.service.js";
import { createOAuthService, type OAuthService } from "./accounts/oauth/oauth.service.js";
import { createAdminServices, type AdminServices } from "./admin/admin-services.js";
import { type AuthorsService, createAuthorsService } from "./authors/authors.service.js";
import { cachePublicReads } from "./caching/public-reads.cache.js";
import { createDomainEvents, type DomainEvents } from "./events/domain-events.js";
import { createPostsService, type PostsService } from "./posts/posts.service.js";
import { createTaxonomyService, type TaxonomyService } from "./taxonomy/taxonomy.service.js";

export interface Services {
  posts: PostsService;
  taxonomy: TaxonomyService;
  authors: AuthorsService;
  /** Sign-in, sessions, MFA and the signed-in user's own account. */
  accounts: AccountsService;
  /** Sign-in with GitHub, Google or OpenID Connect, and connected accounts. */
  oauth: OAuthService;
  /** Users admin, roles, API tokens and the audit log. */
  admin: AdminServices;
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
}

/** Wires repositories into the services; the API, the worker and tests all start here. */
export function createServices(options: CreateServicesOptions): Services {
  const repositories = createRepositories(options.database);
  const cursors = createCursorCodec(options.cursorSecret);
  const events = createDomainEvents({ cache: options.cache });
  const accounts = createAccountsService({ database: options.database, events, options: options.auth });
  const services: Services = {
    posts: createPostsService({ ...repositories, cursors }),
    taxonomy: createTaxonomyService(repositories),
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
    events,
  };
  return options.cache ? cachePublicReads(services, options.cache) : services;
}
