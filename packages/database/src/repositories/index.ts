import type { DbSource } from "./base.repository.js";
import { CategoriesRepository } from "./categories.repository.js";
import { PostsRepository } from "./posts.repository.js";
import { TagsRepository } from "./tags.repository.js";
import { UsersRepository } from "./users.repository.js";

export * from "./base.repository.js";
export * from "./categories.repository.js";
export * from "./feature-flags.repository.js";
export * from "./posts.repository.js";
export type { AuthorRef, TaxonRef } from "./post-relations.js";
export * from "./tags.repository.js";
export * from "./users.repository.js";

export interface Repositories {
  posts: PostsRepository;
  tags: TagsRepository;
  categories: CategoriesRepository;
  users: UsersRepository;
}

/** Every repository on one source: a `Database` (reads may use replicas) or a transaction. */
export function createRepositories(source: DbSource): Repositories {
  return {
    posts: new PostsRepository(source),
    tags: new TagsRepository(source),
    categories: new CategoriesRepository(source),
    users: new UsersRepository(source),
  };
}
