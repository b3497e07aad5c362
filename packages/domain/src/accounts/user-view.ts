import { BUILTIN_ROLE_PERMISSIONS, isBuiltinRole, isPermission, type Permission } from "@folio/auth";
import { NotFoundError } from "@folio/core";
import {
  AccountsRepository,
  MfaRepository,
  type DbSource,
  type MfaFactorKind,
  type RoleRow,
  type UserRow,
} from "@folio/database";
import type { User } from "@folio/types";

/**
 * A role's permissions: built-in roles from code (so a release can extend them), custom roles
 * from their row. Unknown names in a row (a permission removed by a later release) are dropped.
 */
export function permissionsOfRole(
  role: string,
  row: Pick<RoleRow, "permissions"> | null,
): ReadonlySet<Permission> {
  if (isBuiltinRole(role)) return new Set(BUILTIN_ROLE_PERMISSIONS[role]);
  return new Set((row?.permissions ?? []).filter(isPermission));
}

export function toUserView(
  user: UserRow,
  role: RoleRow | null,
  confirmedKinds: readonly MfaFactorKind[],
): User {
  return {
    id: user.id,
    email: user.email,
    email_verified: user.emailVerifiedAt !== null,
    display_name: user.displayName,
    slug: user.slug,
    bio: user.bio,
    avatar_url: user.avatarUrl,
    website_url: user.websiteUrl,
    role: user.role,
    permissions: [...permissionsOfRole(user.role, role)],
    status: user.status,
    mfa: {
      enabled: confirmedKinds.length > 0,
      required: role?.mfaRequired ?? false,
      factors: [...confirmedKinds],
    },
    created_at: user.createdAt.toISOString(),
  };
}

/** The self view of a user, read on `source` (a transaction sees its own writes). */
export async function loadUserView(source: DbSource, userId: string): Promise<User> {
  const accounts = new AccountsRepository(source);
  const user = await accounts.findUserById(userId);
  if (!user) throw new NotFoundError("user", userId);
  // One after the other: `source` may be a transaction, which runs one statement at a time.
  const role = await accounts.findRole(user.role);
  const kinds = await new MfaRepository(source).confirmedKinds(user.id);
  return toUserView(user, role, kinds);
}
