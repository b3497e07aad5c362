import swagger, { type SwaggerTransform, type SwaggerTransformObject } from "@fastify/swagger";
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import type { OpenAPIV3_1 } from "openapi-types";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

/** Version of the HTTP contract (not of the package): bump on every change to /api/v1. */
export const API_VERSION = "1.0.0";

export const OPENAPI_TAGS = [
  {
    name: "posts",
    description: "Published posts: lists with filters and cursor pagination, and single posts by slug.",
  },
  { name: "taxonomy", description: "Tags and categories used to group posts." },
  { name: "authors", description: "Public author profiles." },
  {
    name: "auth",
    description:
      "Sign-in, MFA challenges, token refresh, sign-out, password reset and re-authentication (step-up).",
  },
  { name: "account", description: "The signed-in user's own profile, password, email, sessions and MFA." },
  { name: "health", description: "Probes and metrics for orchestrators and monitoring." },
];

/**
 * How callers authenticate (see plugins/auth.ts): an access JWT or an API token as a bearer
 * token, or the web session's access cookie (unsafe methods also need `X-CSRF-Token`). Every
 * protected operation lists both and names its permission in `x-folio-permission`.
 */
export const SECURITY_SCHEMES = {
  bearerAuth: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "An access token from `POST /api/v1/auth/login`, or an API token (`folio_pat_…`).",
  },
  cookieAuth: {
    type: "apiKey",
    in: "cookie",
    name: "__Host-folio_access",
    description: "The web session's access cookie; unsafe methods also need the `X-CSRF-Token` header.",
  },
} as const;

export interface OpenApiServer {
  url: string;
  description?: string;
}

export interface OpenApiPluginOptions {
  servers: readonly OpenApiServer[];
}

export const STRICT_QUERY_NOTE =
  "Unknown query parameters are refused with a 400 problem naming each one (`/query/<name>`).";

/**
 * jsonSchemaTransform (zod -> JSON Schema) plus two things it does not know about: the
 * `responseDescriptions` we put on route schemas become the OpenAPI response descriptions, and
 * the key itself is removed from the document.
 */
export const openApiTransform: SwaggerTransform = (input) => {
  // Routes without a schema reach the transform with `schema` undefined.
  if (input.schema === undefined) return jsonSchemaTransform(input);
  const { responseDescriptions, ...schema } = input.schema;
  const transformed = jsonSchemaTransform({ ...input, schema });
  if (schema.querystring !== undefined) {
    // Query strings are strict objects; OpenAPI parameters cannot say so, the text does.
    const description = typeof schema.description === "string" ? `${schema.description}\n\n` : "";
    transformed.schema.description = `${description}${STRICT_QUERY_NOTE}`;
  }
  const responses = transformed.schema.response as Record<string, Record<string, unknown>> | undefined;
  if (responses !== undefined && responseDescriptions !== undefined) {
    for (const [status, description] of Object.entries(responseDescriptions)) {
      const response = responses[status];
      // @fastify/swagger takes a response's description from its schema's `description`.
      if (response !== undefined && description !== undefined) response.description = description;
    }
  }
  return transformed;
};

function collectRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string" && child.startsWith(SCHEMA_REF_PREFIX)) {
        into.add(child.slice(SCHEMA_REF_PREFIX.length));
      } else {
        collectRefs(child, into);
      }
    }
  }
}

const SCHEMA_REF_PREFIX = "#/components/schemas/";

/**
 * jsonSchemaTransformObject emits an input and an output variant of every schema registered
 * with zod (`.meta({ id })`), used or not. Keep the ones the operations reach, directly or
 * through other schemas, so the document lists exactly the API's shapes.
 */
export const openApiTransformObject: SwaggerTransformObject = (documentObject) => {
  const document = jsonSchemaTransformObject(documentObject) as OpenAPIV3_1.Document;
  const schemas = document.components?.schemas;
  if (schemas === undefined) return document;
  const reachable = new Set<string>();
  collectRefs(document.paths, reachable);
  const pending = [...reachable];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const found = new Set<string>();
    collectRefs(schemas[name], found);
    for (const ref of found) {
      if (!reachable.has(ref)) {
        reachable.add(ref);
        pending.push(ref);
      }
    }
  }
  const kept = Object.fromEntries(
    Object.keys(schemas)
      .filter((name) => reachable.has(name))
      .sort()
      .map((name) => [name, schemas[name]]),
  );
  return {
    ...document,
    components: { ...document.components, schemas: kept },
  } as ReturnType<SwaggerTransformObject>;
};

const openapi: FastifyPluginAsync<OpenApiPluginOptions> = async (app, { servers }) => {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Folio API",
        version: API_VERSION,
        summary: "Read and publish content on a Folio site.",
        description:
          "The REST API of Folio, a self-hostable publishing platform.\n\n" +
          "Every error is an RFC 9457 problem details document (`application/problem+json`) with a stable " +
          "`type`, the `request_id` of the request (also sent as the `x-request-id` header) and, for invalid " +
          "input, an `errors` list naming each field by JSON Pointer (for example `/query/limit`).\n\n" +
          "Lists are paginated with opaque cursors: pass a page's `next_cursor` back as `cursor`.\n\n" +
          "Inputs are strict: unknown query parameters and body properties are refused, never ignored.\n\n" +
          "Public reads (posts, taxonomy, authors) answer with a strong `ETag` and a public `Cache-Control` " +
          "(`max-age`, `s-maxage` and `stale-while-revalidate`, for browsers and for a CDN or proxy); send the " +
          "`ETag` back as `If-None-Match` to get `304 Not Modified` without a body. Every other response, " +
          "and every error, is `Cache-Control: no-store`.",
        license: { name: "MIT", identifier: "MIT" },
      },
      servers: servers.map((server) => ({ ...server })),
      tags: OPENAPI_TAGS,
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    hideUntagged: true,
    transform: openApiTransform,
    transformObject: openApiTransformObject,
  });
};

/** Collects every route into an OpenAPI 3.1 document (`app.swagger()`); load before the routes. */
export const openApiPlugin = fp(openapi, { name: "folio-openapi", fastify: "5.x" });
