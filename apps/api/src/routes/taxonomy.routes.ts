import { CategoryListSchema, TagListSchema } from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ApiServices } from "../services.js";
import { NoQuerySchema, PUBLIC, problemResponses } from "./route-schemas.js";

export const taxonomyRoutes: FastifyPluginAsyncZod<{ taxonomy: ApiServices["taxonomy"] }> = (
  app,
  { taxonomy },
) => {
  app.get(
    "/tags",
    {
      config: { permission: "public", publicCache: true },
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
    () => taxonomy.listTags(),
  );

  app.get(
    "/categories",
    {
      config: { permission: "public", publicCache: true },
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
    () => taxonomy.listCategories(),
  );
  return Promise.resolve();
};
