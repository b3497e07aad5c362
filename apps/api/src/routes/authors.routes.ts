import { AuthorSchema, AuthorSlugParamsSchema } from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ApiServices } from "../services.js";
import { PUBLIC, PUBLIC_CACHE_CONTROL, problemResponses } from "./route-schemas.js";

export const authorsRoutes: FastifyPluginAsyncZod<{ authors: ApiServices["authors"] }> = (
  app,
  { authors },
) => {
  app.get(
    "/authors/:slug",
    {
      schema: {
        operationId: "getAuthor",
        summary: "Get an author",
        description: "An author's public profile and their number of published posts.",
        tags: ["authors"],
        security: PUBLIC,
        params: AuthorSlugParamsSchema,
        response: { 200: AuthorSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The author" },
      },
    },
    async (request, reply) => {
      const author = await authors.getBySlug(request.params.slug);
      reply.header("cache-control", PUBLIC_CACHE_CONTROL);
      return author;
    },
  );
  return Promise.resolve();
};
