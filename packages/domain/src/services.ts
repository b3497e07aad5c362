import type { Cache } from "@folio/cache";
import { createCursorCodec } from "@folio/core";
import { createRepositories, type Database } from "@folio/database";
import { type AuthorsService, createAuthorsService } from "./authors/authors.service.js";
import { cachePublicReads } from "./caching/public-reads.cache.js";
import { createDomainEvents, type DomainEvents } from "./events/domain-events.js";
import { createPostsService, type PostsService } from "./posts/posts.service.js";
import { createTaxonomyService, type TaxonomyService } from "./taxonomy/taxonomy.service.js";

export interface Services {
  posts: PostsService;
  taxonomy: TaxonomyService;
  authors: AuthorsService;
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
}

/** Wires repositories into the services; the API, the worker and tests all start here. */
export function createServices(options: CreateServicesOptions): Services {
  const repositories = createRepositories(options.database);
  const cursors = createCursorCodec(options.cursorSecret);
  const services: Services = {
    posts: createPostsService({ ...repositories, cursors }),
    taxonomy: createTaxonomyService(repositories),
    authors: createAuthorsService(repositories),
    events: createDomainEvents({ cache: options.cache }),
  };
  return options.cache ? cachePublicReads(services, options.cache) : services;
}
