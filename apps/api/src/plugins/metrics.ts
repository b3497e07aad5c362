import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import { Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface ApiMetrics {
  /** This app's registry (never prom-client's global one, so many apps can live in one process). */
  registry: Registry;
  httpRequestDuration: Histogram<"method" | "route" | "status_code">;
}

declare module "fastify" {
  interface FastifyInstance {
    metrics: ApiMetrics;
  }
}

/** Route label for requests that matched no route: one series instead of one per raw URL. */
export const UNMATCHED_ROUTE = "unmatched";

export interface MetricsPluginOptions {
  /** Process metrics (CPU, memory, event loop, GC). Default true. */
  defaultMetrics?: boolean;
  /**
   * The registry to fill, when others (the cache) register into it before the app exists.
   * Default: a new one.
   */
  registry?: Registry | undefined;
}

const metrics: FastifyPluginAsync<MetricsPluginOptions> = (app, options) => {
  const registry = options.registry ?? new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const httpRequestDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration in seconds, by method, route pattern and status code",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.decorate("metrics", { registry, httpRequestDuration });

  app.addHook("onResponse", (request, reply, done) => {
    // The route *pattern* (/api/v1/posts/:slug), never the raw URL, bounds the label cardinality.
    const route = request.is404 ? UNMATCHED_ROUTE : (request.routeOptions.url ?? UNMATCHED_ROUTE);
    httpRequestDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  return Promise.resolve();
};

/** Prometheus metrics: a per-app registry and the HTTP request duration histogram. */
export const metricsPlugin = fp(metrics, { name: "folio-metrics", fastify: "5.x" });
