import type { DevOutboxService } from "@folio/domain";
import { DevMessageListSchema, DevOutboxQuerySchema } from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { PUBLIC, problemResponses } from "./route-schemas.js";

/**
 * The embedded-mode mailbox over HTTP, for developers and browser tests. app.ts registers it
 * only when `config.messaging.devOutbox` is true, which it never is in production: it hands
 * out sign-in codes and reset links without authentication.
 */
export const devOutboxRoutes: FastifyPluginAsyncZod<{ devOutbox: DevOutboxService }> = (
  app,
  { devOutbox },
) => {
  app.get(
    "/dev/outbox",
    {
      config: { permission: "public" },
      schema: {
        operationId: "listDevOutbox",
        summary: "List dev outbox messages",
        description:
          "Emails and SMS delivered to the dev outbox, newest first. Development and test only: this route does not exist in production.",
        tags: ["dev"],
        security: PUBLIC,
        querystring: DevOutboxQuerySchema,
        response: { 200: DevMessageListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "The messages" },
      },
    },
    // Not flagged `publicCache`, so http-cache.ts answers `no-store`: codes must not be cached.
    (request) => devOutbox.list(request.query),
  );
  return Promise.resolve();
};
