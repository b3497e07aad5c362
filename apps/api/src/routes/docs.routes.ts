import scalar from "@scalar/fastify-api-reference";
import type { FastifyPluginAsync } from "fastify";
import { NO_STORE } from "../plugins/problem-details.js";

export const DOCS_PREFIX = "/docs";

/**
 * `GET /openapi.json` (the generated document, rendered once) and the Scalar reference at
 * /docs. Neither appears in the document itself (untagged routes are hidden).
 */
export const docsRoutes: FastifyPluginAsync = async (app) => {
  let document: string | undefined;
  app.get("/openapi.json", { schema: { hide: true } }, (_request, reply) => {
    document ??= JSON.stringify(app.swagger());
    reply.type("application/json; charset=utf-8").header("cache-control", "public, max-age=300");
    return Promise.resolve(document);
  });

  await app.register(async (docs) => {
    // Scalar's page runs scripts and loads fonts; only its routes get the wider policy.
    docs.addHook("onRoute", (route) => {
      route.config = { ...route.config, securityHeaders: "docs" };
    });
    docs.addHook("onSend", (_request, reply, payload, done) => {
      if (reply.statusCode >= 400) reply.header("cache-control", NO_STORE);
      done(null, payload);
    });
    await docs.register(scalar, {
      routePrefix: DOCS_PREFIX,
      logLevel: "warn",
      configuration: { title: "Folio API reference", url: "/openapi.json" },
    });
  });
};
