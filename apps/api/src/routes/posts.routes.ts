import { ListPostsQuerySchema, PostListSchema, PostSchema, PostSlugParamsSchema } from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ApiServices } from "../services.js";
import { PUBLIC, problemResponses } from "./route-schemas.js";

export const postsRoutes: FastifyPluginAsyncZod<{ posts: ApiServices["posts"] }> = (app, { posts }) => {
  app.get(
    "/posts",
    {
      config: { permission: "public", publicCache: true },
      schema: {
        operationId: "listPosts",
        summary: "List published posts",
        description:
          "Published posts, newest first, with cursor pagination. Filter by tag, category, author or " +
          "`featured`; embed authors and tags with `include`. Pass `next_cursor` back as `cursor` for the next page.",
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
      config: { permission: "public", publicCache: true },
      schema: {
        operationId: "getPost",
        summary: "Get a published post",
        description:
          "One published post by its slug, with its body, authors, tags, categories and SEO fields.",
        tags: ["posts"],
        security: PUBLIC,
        params: PostSlugParamsSchema,
        response: { 200: PostSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The post" },
      },
    },
    (request) => posts.getPublishedBySlug(request.params.slug),
  );
  return Promise.resolve();
};
