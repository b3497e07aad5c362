import type { RedirectsService } from "@folio/domain";
import { NotFoundError } from "@folio/core";
import {
  ListRedirectsQuerySchema,
  RedirectIdParamsSchema,
  RedirectInputSchema,
  RedirectListSchema,
  RedirectPatchSchema,
  RedirectResolutionSchema,
  RedirectSchema,
  ResolveRedirectQuerySchema,
} from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireAuth } from "../plugins/auth.js";
import { AdminNoContentSchema, problemResponse } from "./admin-users.routes.js";
import { PUBLIC, problemResponses } from "./route-schemas.js";

const EXISTS = problemResponse("A redirect from this path exists (`redirect-exists`)");
const LOOP = problemResponse("The redirect would make a loop");

/** The redirects table: staff CRUD (`redirects:manage`) and the public lookup the web proxy uses. */
export const redirectsRoutes: FastifyPluginAsyncZod<{ redirects: RedirectsService }> = (
  app,
  { redirects },
) => {
  const tags = ["redirects"];

  app.get(
    "/redirects/resolve",
    {
      // Not publicCache: every answer counts a hit, and the web proxy keeps its own short cache.
      config: { permission: "public" },
      schema: {
        operationId: "resolveRedirect",
        summary: "Resolve a redirect",
        description:
          "Where a site path redirects to. The path is normalised like a stored `from_path` (query and " +
          "trailing slash ignored). 404 when it does not redirect. Counts a hit.",
        tags,
        security: PUBLIC,
        querystring: ResolveRedirectQuerySchema,
        response: { 200: RedirectResolutionSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The target and status code" },
      },
    },
    async (request) => {
      const resolution = await redirects.resolve(request.query.path);
      if (!resolution) throw new NotFoundError("redirect", request.query.path);
      return resolution;
    },
  );

  app.get(
    "/admin/redirects",
    {
      config: { permission: "redirects:manage" },
      schema: {
        operationId: "listRedirects",
        summary: "List redirects",
        description: "Newest first, with hit counts; `q` matches either path, `kind` filters by origin.",
        tags,
        querystring: ListRedirectsQuerySchema,
        response: { 200: RedirectListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "A page of redirects" },
      },
    },
    (request) => redirects.list(request.query),
  );

  app.post(
    "/admin/redirects",
    {
      config: { permission: "redirects:manage" },
      schema: {
        operationId: "createRedirect",
        summary: "Create a redirect",
        description:
          "`from_path` is normalised (leading slash, no trailing slash, no query); `to_path` is a site path or an " +
          "absolute http(s) URL. A target that itself redirects is collapsed to the final target, and redirects " +
          "that led to `from_path` are re-targeted (no chains). 409 `redirect-exists`; 422 for a loop.",
        tags,
        body: RedirectInputSchema,
        response: { 201: RedirectSchema, ...problemResponses(400, 500), 409: EXISTS, 422: LOOP },
        responseDescriptions: { 201: "Created" },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await redirects.create(requireAuth(request), request.body)),
  );

  app.get(
    "/admin/redirects/:id",
    {
      config: { permission: "redirects:manage" },
      schema: {
        operationId: "getRedirect",
        summary: "Get a redirect",
        description: "One redirect with its hit count.",
        tags,
        params: RedirectIdParamsSchema,
        response: { 200: RedirectSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The redirect" },
      },
    },
    (request) => redirects.get(request.params.id),
  );

  app.patch(
    "/admin/redirects/:id",
    {
      config: { permission: "redirects:manage" },
      schema: {
        operationId: "updateRedirect",
        summary: "Change a redirect",
        description: "Same rules as creating one.",
        tags,
        params: RedirectIdParamsSchema,
        body: RedirectPatchSchema,
        response: { 200: RedirectSchema, ...problemResponses(400, 404, 500), 409: EXISTS, 422: LOOP },
        responseDescriptions: { 200: "The updated redirect" },
      },
    },
    (request) => redirects.update(requireAuth(request), request.params.id, request.body),
  );

  app.delete(
    "/admin/redirects/:id",
    {
      config: { permission: "redirects:manage" },
      schema: {
        operationId: "deleteRedirect",
        summary: "Delete a redirect",
        description: "The old path stops redirecting (and 404s unless something lives there).",
        tags,
        params: RedirectIdParamsSchema,
        response: { 204: AdminNoContentSchema, ...problemResponses(400, 404, 500) },
      },
    },
    async (request, reply) => {
      await redirects.delete(requireAuth(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  return Promise.resolve();
};
