/**
 * Classes using the cache decorators, compiled by the TypeScript compiler in
 * decorators.test.ts (Vitest's transformer cannot lower TC39 decorators). Only type imports, so
 * the emitted module needs nothing but the decorators it is handed.
 */
import type {
  cacheEvict as CacheEvict,
  cacheThrough as CacheThrough,
  cacheable as Cacheable,
} from "../decorators.js";
import type { Cache } from "../types.js";

export interface Post {
  id: string;
  title: string;
}

export interface Decorators {
  cacheable: typeof Cacheable;
  cacheEvict: typeof CacheEvict;
  cacheThrough: typeof CacheThrough;
}

export function defineRepositories({ cacheable, cacheEvict, cacheThrough }: Decorators) {
  class PostsRepository {
    reads = 0;
    readonly rows = new Map<string, Post>();

    constructor(readonly cache: Cache) {}

    @cacheable({ key: (id: string) => `post:${id}`, tags: (id: string) => ["posts", `post:${id}`] })
    async findById(id: string): Promise<Post | null> {
      this.reads += 1;
      return Promise.resolve(this.rows.get(id) ?? null);
    }

    @cacheEvict({ tags: (id: string) => [`post:${id}`] })
    async rename(id: string, title: string): Promise<void> {
      this.rows.set(id, { id, title });
      return Promise.resolve();
    }

    @cacheThrough({
      key: (post: Post) => `post:${post.id}`,
      tags: (post: Post) => ["posts", `post:${post.id}`],
    })
    async create(id: string, title: string): Promise<Post> {
      const post = { id, title };
      this.rows.set(id, post);
      return Promise.resolve(post);
    }
  }

  class AuthorsService {
    loads = 0;

    constructor(readonly deps: { cache: Cache }) {}

    @cacheable({ cache: (self: AuthorsService) => self.deps.cache, key: (slug: string) => `author:${slug}` })
    async bySlug(slug: string): Promise<{ slug: string; load: number }> {
      this.loads += 1;
      return Promise.resolve({ slug, load: this.loads });
    }
  }

  class Uncached {
    @cacheable({ key: () => "k" })
    async value(): Promise<number> {
      return Promise.resolve(1);
    }
  }

  return { PostsRepository, AuthorsService, Uncached };
}
