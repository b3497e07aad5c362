import {
  AuthorSchema,
  CategoryListSchema,
  LivenessSchema,
  PostListSchema,
  PostSchema,
  ReadinessSchema,
  TagListSchema,
  type Author,
  type CategoryList,
  type ListPostsQueryInput,
  type Liveness,
  type Post,
  type PostInclude,
  type PostList,
  type Readiness,
  type TagList,
} from "@folio/types";
import {
  createTransport,
  type CallOptions,
  type FolioClientOptions,
  type QueryValue,
  type RequestOptions,
} from "./http.js";

/**
 * The list query as a caller writes it: the contract's input type, plus the convenience of a
 * boolean `featured`, a numeric `limit` and `include` as an array.
 */
export type PostsListQuery = Omit<ListPostsQueryInput, "featured" | "include"> & {
  featured?: boolean | "true" | "false" | undefined;
  include?: string | readonly PostInclude[] | undefined;
};

function toQuery(query: PostsListQuery | undefined): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries<unknown>(query ?? {})) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      out[key] = value;
    else if (Array.isArray(value)) out[key] = value.map(String);
  }
  return out;
}

export interface FolioClient {
  posts: {
    /** Published posts, newest first; pass `next_cursor` back as `cursor` for the next page. */
    list(query?: PostsListQuery, opts?: CallOptions): Promise<PostList>;
    get(slug: string, opts?: CallOptions): Promise<Post>;
  };
  tags: { list(opts?: CallOptions): Promise<TagList> };
  categories: { list(opts?: CallOptions): Promise<CategoryList> };
  authors: { get(slug: string, opts?: CallOptions): Promise<Author> };
  health: {
    live(opts?: CallOptions): Promise<Liveness>;
    /** The readiness report, for 200 and 503 alike (check `status`). */
    ready(opts?: CallOptions): Promise<Readiness>;
  };
  /** Any other endpoint, with the same timeouts, retries, auth and error handling. */
  request<T = unknown>(method: string, path: string, options?: RequestOptions<T>): Promise<T>;
}

export function createFolioClient(options: FolioClientOptions): FolioClient {
  const send = createTransport(options);
  const validate = options.validateResponses ?? true;
  const get = <T>(
    path: string,
    schema: RequestOptions<T>["schema"],
    opts: CallOptions = {},
    query?: RequestOptions<T>["query"],
  ) => send<T>("GET", path, { ...opts, query, schema: validate ? schema : undefined });
  const segment = (slug: string) => encodeURIComponent(slug);

  return {
    posts: {
      list: (query, opts) => get<PostList>("/api/v1/posts", PostListSchema, opts, toQuery(query)),
      get: (slug, opts) => get<Post>(`/api/v1/posts/${segment(slug)}`, PostSchema, opts),
    },
    tags: { list: (opts) => get<TagList>("/api/v1/tags", TagListSchema, opts) },
    categories: { list: (opts) => get<CategoryList>("/api/v1/categories", CategoryListSchema, opts) },
    authors: { get: (slug, opts) => get<Author>(`/api/v1/authors/${segment(slug)}`, AuthorSchema, opts) },
    health: {
      live: (opts) => get<Liveness>("/health/live", LivenessSchema, opts),
      ready: (opts) =>
        send<Readiness>("GET", "/health/ready", {
          ...opts,
          acceptStatus: [503],
          schema: validate ? ReadinessSchema : undefined,
        }),
    },
    request: (method, path, requestOptions) => send(method, path, requestOptions),
  };
}
