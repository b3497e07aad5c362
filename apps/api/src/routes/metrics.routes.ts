import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { NO_STORE } from "../plugins/problem-details.js";
import { PUBLIC, problemResponses } from "./route-schemas.js";

export const metricsRoutes: FastifyPluginAsyncZod = (app) => {
  const { registry } = app.metrics;
  app.get(
    "/metrics",
    {
      schema: {
        operationId: "getMetrics",
        summary: "Prometheus metrics",
        description:
          "Process metrics and `http_request_duration_seconds` by method, route pattern and status code.",
        tags: ["health"],
        security: PUBLIC,
        response: {
          200: {
            description: "Metrics in the Prometheus text exposition format",
            content: { "text/plain": { schema: z.string() } },
          },
          ...problemResponses(414),
        },
      },
    },
    async (_request, reply) => {
      const body = await registry.metrics();
      // A string with a non-JSON content type is sent as is (no serializer involved).
      reply.type(registry.contentType).header("cache-control", NO_STORE);
      return body;
    },
  );
  return Promise.resolve();
};
