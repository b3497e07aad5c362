import { isBuiltinRole, PERMISSION_DESCRIPTIONS, PERMISSIONS, ROLE_RANK } from "@folio/auth";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@folio/core";
import { createRepositories, type RoleChanges, type RoleWithUsage } from "@folio/database";
import type { CreateRoleBody, PermissionCatalog, Role, RoleList, UpdateRoleBody } from "@folio/types";
import { recordAudit, type RequestMeta } from "../accounts/audit.js";
import { permissionsOfRole } from "../accounts/user-view.js";
import type { AdminActor, AdminDeps } from "./admin-context.js";
import { toRole } from "./admin-mappers.js";
import { canManageRole, grantablePermissions } from "./role-policy.js";

export interface RolesService {
  /** Built-in roles by rank, then custom roles by name. */
  list(): Promise<RoleList>;
  permissions(): PermissionCatalog;
  create(actor: AdminActor, body: CreateRoleBody, meta: RequestMeta): Promise<Role>;
  /** Built-in roles: only `description` and `mfa_required` change. */
  update(actor: AdminActor, name: string, body: UpdateRoleBody, meta: RequestMeta): Promise<Role>;
  /** Custom roles nobody holds; 409 for built-in or assigned roles. */
  delete(actor: AdminActor, name: string, meta: RequestMeta): Promise<void>;
}

function rank(row: RoleWithUsage): number {
  return isBuiltinRole(row.name) ? ROLE_RANK[row.name] : -1;
}

const grantOf = (row: RoleWithUsage) => ({ name: row.name, permissions: permissionsOfRole(row.name, row) });
const view = (row: RoleWithUsage): Role => toRole(row, permissionsOfRole(row.name, row));

export function createRolesService(deps: AdminDeps): RolesService {
  const { database } = deps;
  const repos = createRepositories(database);

  async function find(name: string): Promise<RoleWithUsage> {
    const row = await repos.roles.find(name);
    if (!row) throw new NotFoundError("role", name);
    return row;
  }

  return {
    async list() {
      const rows = await repos.roles.list();
      rows.sort((a, b) => rank(b) - rank(a) || a.name.localeCompare(b.name));
      return { data: rows.map(view) };
    },

    permissions() {
      return { data: PERMISSIONS.map((name) => ({ name, description: PERMISSION_DESCRIPTIONS[name] })) };
    },

    async create(actor, body, meta) {
      const now = deps.now();
      if (isBuiltinRole(body.name))
        throw new ConflictError("role-exists", `${body.name} is a built-in role.`);
      const permissions = grantablePermissions(actor, body.permissions, "/body/permissions", PERMISSIONS);
      await database.transaction(async (tx) => {
        await createRepositories(tx).roles.create(
          { name: body.name, description: body.description, permissions, mfaRequired: body.mfa_required },
          now,
        );
        await recordAudit(tx, {
          event: "role.created",
          actorId: actor.userId,
          targetType: "role",
          targetId: body.name,
          meta,
          details: { permissions, mfa_required: body.mfa_required },
          occurredAt: now,
        });
      });
      return view(await find(body.name));
    },

    async update(actor, name, body, meta) {
      const now = deps.now();
      const existing = await find(name);
      if (!canManageRole(actor, grantOf(existing))) {
        throw new ForbiddenError(`You cannot change the role ${name}.`);
      }
      const changes: RoleChanges = {};
      if (body.permissions !== undefined) {
        if (existing.builtin) {
          throw new ValidationError([
            { pointer: "/body/permissions", detail: "the permissions of a built-in role are fixed" },
          ]);
        }
        changes.permissions = grantablePermissions(actor, body.permissions, "/body/permissions", PERMISSIONS);
      }
      if (body.description !== undefined) changes.description = body.description;
      if (body.mfa_required !== undefined) changes.mfaRequired = body.mfa_required;
      await database.transaction(async (tx) => {
        const updated = await createRepositories(tx).roles.update(name, changes, now);
        if (!updated) throw new NotFoundError("role", name);
        await recordAudit(tx, {
          event: "role.updated",
          actorId: actor.userId,
          targetType: "role",
          targetId: name,
          meta,
          details: {
            ...(changes.permissions === undefined
              ? {}
              : { permissions: { from: existing.permissions, to: changes.permissions } }),
            ...(changes.mfaRequired === undefined
              ? {}
              : { mfa_required: { from: existing.mfaRequired, to: changes.mfaRequired } }),
            ...(changes.description === undefined ? {} : { description_changed: true }),
          },
          occurredAt: now,
        });
      });
      return view(await find(name));
    },

    async delete(actor, name, meta) {
      const now = deps.now();
      const existing = await find(name);
      if (existing.builtin) throw new ConflictError("role-builtin", `${name} is a built-in role.`);
      if (!canManageRole(actor, grantOf(existing))) {
        throw new ForbiddenError(`You cannot delete the role ${name}.`);
      }
      await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        const holders = await r.roles.countUsers(name);
        if (holders > 0) {
          throw new ConflictError(
            "role-in-use",
            `${holders} user(s) hold the role ${name}; reassign them first.`,
          );
        }
        if (!(await r.roles.deleteCustom(name))) throw new NotFoundError("role", name);
        await recordAudit(tx, {
          event: "role.deleted",
          actorId: actor.userId,
          targetType: "role",
          targetId: name,
          meta,
          details: { permissions: existing.permissions },
          occurredAt: now,
        });
      });
    },
  };
}
