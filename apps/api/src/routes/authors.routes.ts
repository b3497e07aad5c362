import { AuthorSchema, AuthorSlugParamsSchema } from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ApiServices } from "../services.js";
import { PUBLIC, problemResponses } from "./route-schemas.js";

export const authorsRoutes: FastifyPluginAsyncZod<{ authors: ApiServices["authors"] }> = (
  app,
  { authors },
) => {
  app.get(
    "/authors/:slug",
    {
      config: { permission: "public", publicCache: true },
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
    (request) => authors.getBySlug(request.params.slug),
  );
  return Promise.resolve();
};
