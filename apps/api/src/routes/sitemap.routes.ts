import type { DiscoveryService } from "@folio/domain";
import {
  FeedQuerySchema,
  FeedSchema,
  SitemapChunkParamsSchema,
  SitemapChunkQuerySchema,
  SitemapChunkSchema,
  SitemapIndexSchema,
} from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { NoQuerySchema, PUBLIC, problemResponses } from "./route-schemas.js";

/**
 * The data behind the web app's sitemap.xml (index + chunks) and RSS / Atom feeds. The web app
 * renders the XML; these answer JSON, the same to every caller, so shared caches may keep them.
 */
export const sitemapRoutes: FastifyPluginAsyncZod<{ discovery: DiscoveryService }> = (app, { discovery }) => {
  const tags = ["seo"];

  app.get(
    "/sitemap",
    {
      config: { permission: "public", publicCache: true },
      schema: {
        operationId: "getSitemapIndex",
        summary: "Sitemap index",
        description:
          "One entry per chunk of at most `chunk_size` URLs per kind, with the latest change in it.",
        tags,
        security: PUBLIC,
        querystring: NoQuerySchema,
        response: { 200: SitemapIndexSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "The chunks" },
      },
    },
    () => discovery.sitemapIndex(),
  );

  app.get(
    "/sitemap/:kind",
    {
      config: { permission: "public", publicCache: true },
      schema: {
        operationId: "getSitemapChunk",
        summary: "Sitemap chunk",
        description:
          "Site paths of one kind with `lastmod` (their `updated_at`): live posts and pages, and the tags, " +
          "categories and authors that have live posts. 404 past the last page.",
        tags,
        security: PUBLIC,
        params: SitemapChunkParamsSchema,
        querystring: SitemapChunkQuerySchema,
        response: { 200: SitemapChunkSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The chunk" },
      },
    },
    (request) => discovery.sitemapChunk(request.params.kind, request.query.page),
  );

  app.get(
    "/feeds/posts",
    {
      config: { permission: "public", publicCache: true },
      schema: {
        operationId: "getFeed",
        summary: "Feed items",
        description:
          "The latest 20 live posts (never pages), newest first, with sanitised `html` for `content:encoded`; " +
          "members-only posts carry an empty `html` (`gated: true`) and their excerpt. At most one of `tag`, " +
          "`category`, `author`; 404 when it does not exist.",
        tags,
        security: PUBLIC,
        querystring: FeedQuerySchema,
        response: { 200: FeedSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The feed" },
      },
    },
    (request) => discovery.feed(request.query),
  );
  return Promise.resolve();
};
