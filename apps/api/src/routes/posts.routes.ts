import { gatePost } from "@folio/domain";
import {
  ListPostsQuerySchema,
  PageSchema,
  PageSlugParamsSchema,
  PostListSchema,
  PostSchema,
  PostSlugParamsSchema,
  type Post,
} from "@folio/types";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { appendVary } from "../plugins/http-cache.js";
import type { ApiServices } from "../services.js";
import { PUBLIC, problemResponses } from "./route-schemas.js";

/** Responses that must never be kept by a shared cache: a members-only body for a signed-in caller. */
const privateResponses = new WeakSet<FastifyRequest>();

/**
 * A members-only post shows its body to signed-in callers only: their answer is private, and
 * every answer about such a post varies by credentials.
 */
function answerPost(request: FastifyRequest, reply: FastifyReply, post: Post): Post {
  if (post.visibility !== "members") return post;
  appendVary(reply, "Authorization");
  appendVary(reply, "Cookie");
  const signedIn = request.auth !== null;
  if (signedIn) privateResponses.add(request);
  return gatePost(post, signedIn);
}

export const postsRoutes: FastifyPluginAsyncZod<{ posts: ApiServices["posts"] }> = (app, { posts }) => {
  // Runs after the HTTP cache plugin's onSend (registered on the root first), so it has the last word.
  app.addHook("onSend", (request, reply, payload, done) => {
    if (privateResponses.has(request)) {
      reply.header("cache-control", "private, no-store").removeHeader("etag");
    }
    done(null, payload);
  });

  app.get(
    "/posts",
    {
      config: { permission: "public", publicCache: true },
      schema: {
        operationId: "listPosts",
        summary: "List published posts",
        description:
          "Published posts (never pages, never posts in the trash), newest first, with cursor pagination. " +
          "Filter by tag, category, author or `featured`; embed authors and tags with `include`. Members-only " +
          "posts are listed too (`visibility: members`). Pass `next_cursor` back as `cursor` for the next page.",
        tags: ["posts"],
        security: PUBLIC,
        querystring: ListPostsQuerySchema,
        response: { 200: PostListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "A page of published posts" },
      },
    },
    (request) => posts.listPublished(request.query),
  );

  app.get(
    "/posts/:slug",
    {
      config: { permission: "public", publicCache: true, optionalAuth: true },
      schema: {
        operationId: "getPost",
        summary: "Get a published post",
        description:
          "One published post by its slug, with its body, authors, tags, categories and SEO fields. A " +
          "members-only post answers `gated: true` and an empty `html` unless the caller is signed in " +
          "(any role); that answer is `Cache-Control: private, no-store`.",
        tags: ["posts"],
        security: PUBLIC,
        params: PostSlugParamsSchema,
        response: { 200: PostSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The post" },
      },
    },
    async (request, reply) => answerPost(request, reply, await posts.getPublishedBySlug(request.params.slug)),
  );

  app.get(
    "/pages/:slug",
    {
      config: { permission: "public", publicCache: true, optionalAuth: true },
      schema: {
        operationId: "getPage",
        summary: "Get a published page",
        description:
          "One published page (about, contact, …) by its slug. Members-only pages are gated like posts.",
        tags: ["posts"],
        security: PUBLIC,
        params: PageSlugParamsSchema,
        response: { 200: PageSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The page" },
      },
    },
    async (request, reply) =>
      answerPost(request, reply, await posts.getPublishedPageBySlug(request.params.slug)),
  );
  return Promise.resolve();
};
