import { CategoryListSchema, TagListSchema } from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ApiServices } from "../services.js";
import { NoQuerySchema, PUBLIC, PUBLIC_CACHE_CONTROL, problemResponses } from "./route-schemas.js";

export const taxonomyRoutes: FastifyPluginAsyncZod<{ taxonomy: ApiServices["taxonomy"] }> = (
  app,
  { taxonomy },
) => {
  app.get(
    "/tags",
    {
      schema: {
        operationId: "listTags",
        summary: "List tags",
        description: "Every tag, with the number of published posts carrying it.",
        tags: ["taxonomy"],
        security: PUBLIC,
        querystring: NoQuerySchema,
        response: { 200: TagListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "All tags" },
      },
    },
    async (_request, reply) => {
      const tags = await taxonomy.listTags();
      reply.header("cache-control", PUBLIC_CACHE_CONTROL);
      return tags;
    },
  );

  app.get(
    "/categories",
    {
      schema: {
        operationId: "listCategories",
        summary: "List categories",
        description: "Every category in tree order; `parent_id` links a sub-category to its parent.",
        tags: ["taxonomy"],
        security: PUBLIC,
        querystring: NoQuerySchema,
        response: { 200: CategoryListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "All categories" },
      },
    },
    async (_request, reply) => {
      const categories = await taxonomy.listCategories();
      reply.header("cache-control", PUBLIC_CACHE_CONTROL);
      return categories;
    },
  );
  return Promise.resolve();
};
