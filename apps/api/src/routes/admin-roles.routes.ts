import type { AdminServices } from "@folio/domain";
import {
  CreateRoleBodySchema,
  PermissionCatalogSchema,
  RoleListSchema,
  RoleNameParamsSchema,
  RoleSchema,
  UpdateRoleBodySchema,
} from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requestMeta, requireAuth } from "../plugins/auth.js";
import { AdminNoContentSchema, problemResponse } from "./admin-users.routes.js";
import { NoQuerySchema, problemResponses } from "./route-schemas.js";

export const adminRolesRoutes: FastifyPluginAsyncZod<{ roles: AdminServices["roles"] }> = (
  app,
  { roles },
) => {
  const tags = ["admin"];

  app.get(
    "/admin/roles",
    {
      config: { permission: "users:read" },
      schema: {
        operationId: "listRoles",
        summary: "List roles",
        description:
          "Built-in roles by rank, then custom roles by name, each with its permissions and user count.",
        tags,
        querystring: NoQuerySchema,
        response: { 200: RoleListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "Every role" },
      },
    },
    () => roles.list(),
  );

  app.get(
    "/admin/permissions",
    {
      config: { permission: "users:read" },
      schema: {
        operationId: "listPermissions",
        summary: "List permissions",
        description: "The capabilities roles and API-token scopes are made of.",
        tags,
        querystring: NoQuerySchema,
        response: { 200: PermissionCatalogSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "The permission catalogue" },
      },
    },
    () => roles.permissions(),
  );

  app.post(
    "/admin/roles",
    {
      config: { permission: "roles:manage" },
      schema: {
        operationId: "createRole",
        summary: "Create a custom role",
        description:
          "Permissions must be known and held by the caller (field errors under `/body/permissions/<index>`). " +
          "409 `role-exists` when the name is taken.",
        tags,
        body: CreateRoleBodySchema,
        response: {
          201: RoleSchema,
          ...problemResponses(400, 500),
          409: problemResponse("A role with this name exists"),
        },
        responseDescriptions: { 201: "Created" },
      },
    },
    async (request, reply) => {
      const role = await roles.create(requireAuth(request), request.body, requestMeta(request));
      return reply.code(201).send(role);
    },
  );

  app.patch(
    "/admin/roles/:name",
    {
      config: { permission: "roles:manage" },
      schema: {
        operationId: "updateRole",
        summary: "Change a role",
        description:
          "Built-in roles: only `description` and `mfa_required` change. Custom roles: permissions too, within " +
          "what the caller holds.",
        tags,
        params: RoleNameParamsSchema,
        body: UpdateRoleBodySchema,
        response: { 200: RoleSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The updated role" },
      },
    },
    (request) => roles.update(requireAuth(request), request.params.name, request.body, requestMeta(request)),
  );

  app.delete(
    "/admin/roles/:name",
    {
      config: { permission: "roles:manage" },
      schema: {
        operationId: "deleteRole",
        summary: "Delete a custom role",
        description: "409 `role-builtin` for built-in roles, 409 `role-in-use` while users hold the role.",
        tags,
        params: RoleNameParamsSchema,
        response: {
          204: AdminNoContentSchema,
          ...problemResponses(400, 404, 500),
          409: problemResponse("The role is built in or assigned to users"),
        },
      },
    },
    async (request, reply) => {
      await roles.delete(requireAuth(request), request.params.name, requestMeta(request));
      return reply.code(204).send(null);
    },
  );
  return Promise.resolve();
};
