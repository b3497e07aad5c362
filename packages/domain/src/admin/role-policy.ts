import { canAssignRole, isBuiltinRole, isPermission, type Permission } from "@folio/auth";
import { ValidationError, type FieldError } from "@folio/core";
import type { AdminActor } from "./admin-context.js";

/** A role as the policy sees it: its name and what it grants. */
export interface RoleGrant {
  name: string;
  permissions: ReadonlySet<Permission>;
}

/**
 * Whether `actor` may give someone `role`, or act on someone who holds it. Between built-in
 * roles the rank decides (only an owner makes or edits an owner); and whatever the roles, nobody
 * hands out a permission they don't hold themselves — so a custom role with `users:manage`, or an
 * API token narrowed by its scopes, cannot grant more than it has.
 */
export function canManageRole(actor: AdminActor, role: RoleGrant): boolean {
  if (role.name === "owner" && actor.role !== "owner") return false;
  if (isBuiltinRole(actor.role) && isBuiltinRole(role.name) && !canAssignRole(actor.role, role.name)) {
    return false;
  }
  for (const permission of role.permissions) if (!actor.permissions.has(permission)) return false;
  return true;
}

/**
 * Checks a list of permission names for a role or a token: each must exist and be held by the
 * actor. Returns them de-duplicated in catalogue order; field errors point at `pointer/<index>`.
 */
export function grantablePermissions(
  actor: AdminActor,
  names: readonly string[],
  pointer: string,
  catalogue: readonly Permission[],
): Permission[] {
  const errors: FieldError[] = [];
  const wanted = new Set<Permission>();
  names.forEach((name, index) => {
    if (!isPermission(name)) {
      errors.push({ pointer: `${pointer}/${index}`, detail: `unknown permission ${JSON.stringify(name)}` });
    } else if (!actor.permissions.has(name)) {
      errors.push({ pointer: `${pointer}/${index}`, detail: `you do not hold the permission ${name}` });
    } else {
      wanted.add(name);
    }
  });
  if (errors.length > 0) throw new ValidationError(errors);
  return catalogue.filter((p) => wanted.has(p));
}
