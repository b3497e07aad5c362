export {
  createAuthorsService,
  findAuthorBySlug,
  type AuthorsService,
  type AuthorsServiceDeps,
} from "./authors/authors.service.js";
export {
  PUBLIC_READ_GRACE_MS,
  PUBLIC_READ_TAGS,
  PUBLIC_READ_TTL_MS,
  cachePublicReads,
  listPostsCacheKey,
  listPostsCacheTags,
  type PublicReadServices,
} from "./caching/public-reads.cache.js";
export {
  createDomainEvents,
  type DomainEventListener,
  type DomainEventPayloads,
  type DomainEventType,
  type DomainEvents,
  type PostChanged,
  type SlugChanged,
} from "./events/domain-events.js";
export { toAuthorSummary, toPost, toPostSummary, toTaxonSummary } from "./posts/post-mappers.js";
export { createPostsService, type PostsService, type PostsServiceDeps } from "./posts/posts.service.js";
export { createServices, type CreateServicesOptions, type Services } from "./services.js";
export {
  createTaxonomyService,
  type TaxonomyService,
  type TaxonomyServiceDeps,
} from "./taxonomy/taxonomy.service.js";
