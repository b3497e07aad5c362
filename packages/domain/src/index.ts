export {
  createAuthorsService,
  findAuthorBySlug,
  type AuthorsService,
  type AuthorsServiceDeps,
} from "./authors/authors.service.js";
export { toAuthorSummary, toPost, toPostSummary, toTaxonSummary } from "./posts/post-mappers.js";
export { createPostsService, type PostsService, type PostsServiceDeps } from "./posts/posts.service.js";
export { createServices, type CreateServicesOptions, type Services } from "./services.js";
export {
  createTaxonomyService,
  type TaxonomyService,
  type TaxonomyServiceDeps,
} from "./taxonomy/taxonomy.service.js";
