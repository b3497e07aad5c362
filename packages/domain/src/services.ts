import { createCursorCodec } from "@folio/core";
import { createRepositories, type Database } from "@folio/database";
import { type AuthorsService, createAuthorsService } from "./authors/authors.service.js";
import { createPostsService, type PostsService } from "./posts/posts.service.js";
import { createTaxonomyService, type TaxonomyService } from "./taxonomy/taxonomy.service.js";

export interface Services {
  posts: PostsService;
  taxonomy: TaxonomyService;
  authors: AuthorsService;
}

export interface CreateServicesOptions {
  database: Database;
  /** Signs pagination cursors (at least 16 bytes); the same on every API process. */
  cursorSecret: string;
}

/** Wires repositories into the services; the API, the worker and tests all start here. */
export function createServices(options: CreateServicesOptions): Services {
  const repositories = createRepositories(options.database);
  const cursors = createCursorCodec(options.cursorSecret);
  return {
    posts: createPostsService({ ...repositories, cursors }),
    taxonomy: createTaxonomyService(repositories),
    authors: createAuthorsService(repositories),
  };
}
