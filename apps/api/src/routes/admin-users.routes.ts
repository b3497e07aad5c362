import { PROBLEM_CONTENT_TYPE } from "@folio/core";
import type { AdminServices } from "@folio/domain";
import {
  AcceptInviteBodySchema,
  AdminUserIdParamsSchema,
  AdminUserListSchema,
  AdminUserSchema,
  InviteUserBodySchema,
  ListAdminUsersQuerySchema,
  ProblemDetailsSchema,
  UpdateAdminUserBodySchema,
} from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requestMeta, requireAuth } from "../plugins/auth.js";
import { problemResponses } from "./route-schemas.js";

export const AdminNoContentSchema = z.null().meta({ description: "No content" });

/** A documented problem response for statuses `problemResponses` doesn't name (409). */
export function problemResponse(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemDetailsSchema } } };
}

export const adminUsersRoutes: FastifyPluginAsyncZod<{ users: AdminServices["users"] }> = (
  app,
  { users },
) => {
  const tags = ["admin"];

  app.get(
    "/admin/users",
    {
      config: { permission: "users:read" },
      schema: {
        operationId: "listUsers",
        summary: "List and search users",
        description:
          "Every account, newest first, with cursor pagination. `q` matches the email or display name " +
          "(case-insensitive substring); filter by `role` and `status`.",
        tags,
        querystring: ListAdminUsersQuerySchema,
        response: { 200: AdminUserListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "A page of users" },
      },
    },
    (request) => users.list(request.query),
  );

  app.get(
    "/admin/users/:id",
    {
      config: { permission: "users:read" },
      schema: {
        operationId: "getUser",
        summary: "Get a user",
        tags,
        params: AdminUserIdParamsSchema,
        response: { 200: AdminUserSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The user" },
      },
    },
    (request) => users.get(request.params.id),
  );

  app.post(
    "/admin/users/invite",
    {
      config: { permission: "users:manage" },
      schema: {
        operationId: "inviteUser",
        summary: "Invite a user",
        description:
          "Creates an `invited` account and emails a link to set a password (valid 7 days; " +
          "`POST /api/v1/auth/accept-invite`). Nobody invites above their own rank; only an owner invites an owner. " +
          "409 `email-taken` when the address has an account.",
        tags,
        body: InviteUserBodySchema,
        response: {
          201: AdminUserSchema,
          ...problemResponses(400, 500),
          409: problemResponse("The email address already has an account"),
        },
        responseDescriptions: { 201: "Invited" },
      },
    },
    async (request, reply) => {
      const invited = await users.invite(requireAuth(request), request.body, requestMeta(request));
      return reply.code(201).send(invited);
    },
  );

  app.patch(
    "/admin/users/:id",
    {
      config: { permission: "users:manage" },
      schema: {
        operationId: "updateUser",
        summary: "Change a user's role or status",
        description:
          "Suspending revokes every session and API token of the user at once; reactivating lets them sign in again. " +
          "Nobody changes their own role or status, assigns a role above their own rank, or (unless an owner) " +
          "changes an owner. 409 `last-owner` when the change would leave no active owner; " +
          "409 `user-invited` when activating someone who has not accepted their invitation.",
        tags,
        params: AdminUserIdParamsSchema,
        body: UpdateAdminUserBodySchema,
        response: {
          200: AdminUserSchema,
          ...problemResponses(400, 404, 500),
          409: problemResponse(
            "The change would leave the site without an active owner, or the user is still invited",
          ),
        },
        responseDescriptions: { 200: "The updated user" },
      },
    },
    (request) => users.update(requireAuth(request), request.params.id, request.body, requestMeta(request)),
  );

  app.post(
    "/auth/accept-invite",
    {
      config: { permission: "public" },
      schema: {
        operationId: "acceptInvite",
        summary: "Accept an invitation",
        description:
          "Sets the password of an invited account with the token from the invitation email, verifies its email " +
          "address and activates it. 400 `invalid-token` for an unknown, used or expired invitation; 400 with " +
          "`/body/password` field errors when the password fails the policy (the invitation stays usable).",
        tags: ["auth"],
        body: AcceptInviteBodySchema,
        response: { 204: AdminNoContentSchema, ...problemResponses(400, 500) },
      },
    },
    async (request, reply) => {
      await users.acceptInvite(request.body, requestMeta(request));
      return reply.code(204).send(null);
    },
  );
  return Promise.resolve();
};
