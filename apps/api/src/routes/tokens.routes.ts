import type { AdminServices, ApiTokensService } from "@folio/domain";
import {
  AdminApiTokenListSchema,
  ApiTokenIdParamsSchema,
  ApiTokenListSchema,
  CreateApiTokenBodySchema,
  CreatedApiTokenSchema,
  ListAdminApiTokensQuerySchema,
} from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requestMeta, requireAuth, type AuthenticatedCaller } from "../plugins/auth.js";
import { NO_STORE } from "../plugins/problem-details.js";
import { AdminNoContentSchema, problemResponse } from "./admin-users.routes.js";
import { NoQuerySchema, problemResponses } from "./route-schemas.js";

/**
 * The auth plugin's `authenticateApiToken`: a `folio_pat_…` bearer acts for its owner with the
 * owner's current permissions narrowed by the token's scopes. It has no session, so it can never
 * satisfy a step-up route (creating tokens included).
 */
export function createApiTokenAuthenticator(
  tokens: Pick<ApiTokensService, "authenticate">,
): (token: string) => Promise<AuthenticatedCaller> {
  return async (token) => {
    const principal = await tokens.authenticate(token);
    return {
      userId: principal.userId,
      role: principal.role,
      permissions: principal.permissions,
      via: "api-token",
      sessionId: null,
      tokenId: principal.tokenId,
      mfa: false,
      amr: ["pat"],
      mfaEnrolmentRequired: principal.mfaEnrolmentRequired,
    };
  };
}

export const tokensRoutes: FastifyPluginAsyncZod<{ tokens: AdminServices["tokens"] }> = (app, { tokens }) => {
  app.get(
    "/me/tokens",
    {
      config: { permission: "tokens:manage:own" },
      schema: {
        operationId: "listMyTokens",
        summary: "List my API tokens",
        description: "The caller's tokens that are not revoked (expired ones included), newest first.",
        tags: ["me"],
        querystring: NoQuerySchema,
        response: { 200: ApiTokenListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "The caller's API tokens" },
      },
    },
    (request) => tokens.listOwn(requireAuth(request)),
  );

  app.post(
    "/me/tokens",
    {
      config: { permission: "tokens:manage:own", stepUp: true },
      schema: {
        operationId: "createMyToken",
        summary: "Create an API token",
        description:
          "Returns the token once (`folio_pat_…`); only its hash is stored. `scopes` must be permissions the " +
          "caller holds (field errors under `/body/scopes/<index>`); the token never does more than its owner " +
          "can at the time of use. `expires_in_days` 1-365, or null/absent for no expiry. " +
          "409 `token-limit` at 50 live tokens.",
        tags: ["me"],
        body: CreateApiTokenBodySchema,
        response: {
          201: CreatedApiTokenSchema,
          ...problemResponses(400, 500),
          409: problemResponse("Too many live tokens"),
        },
        responseDescriptions: { 201: "Created; store the token now, it is not shown again" },
      },
    },
    async (request, reply) => {
      const created = await tokens.create(requireAuth(request), request.body, requestMeta(request));
      return reply.code(201).header("cache-control", NO_STORE).send(created);
    },
  );

  app.delete(
    "/me/tokens/:id",
    {
      config: { permission: "tokens:manage:own" },
      schema: {
        operationId: "revokeMyToken",
        summary: "Revoke one of my API tokens",
        description: "404 for a token that is not the caller's or is already revoked.",
        tags: ["me"],
        params: ApiTokenIdParamsSchema,
        response: { 204: AdminNoContentSchema, ...problemResponses(400, 404, 500) },
      },
    },
    async (request, reply) => {
      await tokens.revokeOwn(requireAuth(request), request.params.id, requestMeta(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/admin/tokens",
    {
      config: { permission: "tokens:manage:any" },
      schema: {
        operationId: "listTokens",
        summary: "List every API token",
        description:
          "All tokens, revoked ones included, newest first, with cursor pagination; filter by `user_id`.",
        tags: ["admin"],
        querystring: ListAdminApiTokensQuerySchema,
        response: { 200: AdminApiTokenListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "A page of API tokens" },
      },
    },
    (request) => tokens.listAll(request.query),
  );

  app.delete(
    "/admin/tokens/:id",
    {
      config: { permission: "tokens:manage:any" },
      schema: {
        operationId: "revokeToken",
        summary: "Revoke any API token",
        tags: ["admin"],
        params: ApiTokenIdParamsSchema,
        response: { 204: AdminNoContentSchema, ...problemResponses(400, 404, 500) },
      },
    },
    async (request, reply) => {
      await tokens.revokeAny(requireAuth(request), request.params.id, requestMeta(request));
      return reply.code(204).send(null);
    },
  );
  return Promise.resolve();
};
