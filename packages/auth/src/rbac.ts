/** Every capability Folio checks. Roles are sets of these; API-token scopes are a subset of them. */
export const PERMISSIONS = [
  "posts:read:drafts",
  "posts:create",
  "posts:edit:own",
  "posts:edit:any",
  "posts:delete:own",
  "posts:delete:any",
  "posts:publish",
  "pages:manage",
  "taxonomy:manage",
  "media:upload",
  "media:manage",
  "comments:create",
  "comments:moderate",
  "redirects:manage",
  "newsletter:manage",
  "analytics:read",
  "users:read",
  "users:manage",
  "roles:manage",
  "audit:read",
  "settings:manage",
  "tokens:manage:own",
  "tokens:manage:any",
  "account:manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const PERMISSION_SET: ReadonlySet<string> = new Set(PERMISSIONS);

export function isPermission(s: unknown): s is Permission {
  return typeof s === "string" && PERMISSION_SET.has(s);
}

export const PERMISSION_DESCRIPTIONS: Readonly<Record<Permission, string>> = Object.freeze({
  "posts:read:drafts": "Read unpublished posts",
  "posts:create": "Create posts",
  "posts:edit:own": "Edit their own posts",
  "posts:edit:any": "Edit anyone's posts",
  "posts:delete:own": "Delete their own posts",
  "posts:delete:any": "Delete anyone's posts",
  "posts:publish": "Publish and schedule posts",
  "pages:manage": "Create, edit and delete pages",
  "taxonomy:manage": "Manage categories and tags",
  "media:upload": "Upload media",
  "media:manage": "Edit and delete any media",
  "comments:create": "Write comments",
  "comments:moderate": "Approve, hide and delete comments",
  "redirects:manage": "Manage site redirects",
  "newsletter:manage": "Manage newsletters and subscribers",
  "analytics:read": "View analytics",
  "users:read": "View users",
  "users:manage": "Invite, edit, suspend and delete users",
  "roles:manage": "Create and edit roles",
  "audit:read": "Read the audit log",
  "settings:manage": "Change site settings",
  "tokens:manage:own": "Create and revoke their own API tokens",
  "tokens:manage:any": "Revoke anyone's API tokens",
  "account:manage": "Manage their own profile, sessions and MFA",
});

export const BUILTIN_ROLES = ["owner", "admin", "editor", "author", "contributor", "member"] as const;

export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

export function isBuiltinRole(s: unknown): s is BuiltinRole {
  return typeof s === "string" && (BUILTIN_ROLES as readonly string[]).includes(s);
}

const EDITOR: readonly Permission[] = [
  "posts:read:drafts",
  "posts:create",
  "posts:edit:own",
  "posts:edit:any",
  "posts:delete:own",
  "posts:delete:any",
  "posts:publish",
  "pages:manage",
  "taxonomy:manage",
  "media:upload",
  "media:manage",
  "comments:create",
  "comments:moderate",
  "redirects:manage",
  "analytics:read",
  "users:read",
  "tokens:manage:own",
  "account:manage",
];

/**
 * Built-in roles. Owner and admin hold everything (what sets the owner apart — being the only one
 * who can make another owner — is `canAssignRole`, not a permission). A contributor's edits are
 * limited to drafts and an author publishes only their own posts: those rules are in the domain.
 */
export const BUILTIN_ROLE_PERMISSIONS: Readonly<Record<BuiltinRole, readonly Permission[]>> = Object.freeze({
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  editor: Object.freeze(EDITOR),
  author: Object.freeze<Permission[]>([
    "posts:create",
    "posts:edit:own",
    "posts:delete:own",
    "posts:publish",
    "media:upload",
    "comments:create",
    "tokens:manage:own",
    "account:manage",
  ]),
  contributor: Object.freeze<Permission[]>([
    "posts:create",
    "posts:edit:own",
    "media:upload",
    "comments:create",
    "account:manage",
  ]),
  member: Object.freeze<Permission[]>(["comments:create", "account:manage"]),
});

export const ROLE_RANK: Readonly<Record<BuiltinRole, number>> = Object.freeze({
  owner: 100,
  admin: 80,
  editor: 60,
  author: 40,
  contributor: 20,
  member: 10,
});

/**
 * Nobody grants a role ranked above their own, and only an owner makes an owner. Custom roles are
 * not ranked here: the domain decides them (by comparing permission sets), so this answers false.
 */
export function canAssignRole(actorRole: string, targetRole: string): boolean {
  if (!isBuiltinRole(actorRole) || !isBuiltinRole(targetRole)) return false;
  if (targetRole === "owner") return actorRole === "owner";
  return ROLE_RANK[targetRole] <= ROLE_RANK[actorRole];
}

/** What one actor may do: their role's name and its permissions (already narrowed for API tokens). */
export interface Grants {
  role: string;
  permissions: ReadonlySet<Permission>;
}

export function permissionsForRole(role: BuiltinRole): ReadonlySet<Permission> {
  return new Set(BUILTIN_ROLE_PERMISSIONS[role]);
}

export function hasPermission(grants: Grants, p: Permission): boolean {
  return grants.permissions.has(p);
}

/** The ownership rule: the `any` permission, or the `own` permission on something the actor owns. */
export function canActOnOwned(
  grants: Grants,
  perms: { own: Permission; any: Permission },
  isOwner: boolean,
): boolean {
  return grants.permissions.has(perms.any) || (isOwner && grants.permissions.has(perms.own));
}

/** An API token can do what its scopes name and its owner can still do — never more than either. */
export function narrowByScopes(
  perms: ReadonlySet<Permission>,
  scopes: readonly string[],
): ReadonlySet<Permission> {
  const narrowed = new Set<Permission>();
  for (const scope of scopes) if (isPermission(scope) && perms.has(scope)) narrowed.add(scope);
  return narrowed;
}
