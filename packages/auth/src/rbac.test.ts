import { describe, expect, it } from "vitest";
import {
  BUILTIN_ROLE_PERMISSIONS,
  BUILTIN_ROLES,
  canActOnOwned,
  canAssignRole,
  type Grants,
  hasPermission,
  isPermission,
  narrowByScopes,
  PERMISSION_DESCRIPTIONS,
  PERMISSIONS,
  permissionsForRole,
  ROLE_RANK,
} from "./rbac.js";

const grants = (role: (typeof BUILTIN_ROLES)[number]): Grants => ({
  role,
  permissions: permissionsForRole(role),
});

describe("permissions", () => {
  it("are unique, described, and recognised", () => {
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
    expect(Object.keys(PERMISSION_DESCRIPTIONS).sort()).toEqual([...PERMISSIONS].sort());
    expect(isPermission("posts:edit:any")).toBe(true);
    expect(isPermission("posts:edit:everything")).toBe(false);
    expect(isPermission(42)).toBe(false);
  });
});

describe("built-in roles", () => {
  it("give owner and admin every permission", () => {
    expect([...BUILTIN_ROLE_PERMISSIONS.owner].sort()).toEqual([...PERMISSIONS].sort());
    expect([...BUILTIN_ROLE_PERMISSIONS.admin].sort()).toEqual([...PERMISSIONS].sort());
  });

  it("give an editor everything about content but not users, roles, settings or audit", () => {
    const editor = grants("editor");
    for (const p of [
      "posts:edit:any",
      "posts:delete:any",
      "pages:manage",
      "comments:moderate",
      "users:read",
    ] as const) {
      expect(hasPermission(editor, p)).toBe(true);
    }
    for (const p of [
      "users:manage",
      "roles:manage",
      "settings:manage",
      "audit:read",
      "tokens:manage:any",
    ] as const) {
      expect(hasPermission(editor, p)).toBe(false);
    }
  });

  it("let an author work on their own posts only", () => {
    const author = grants("author");
    expect(hasPermission(author, "posts:publish")).toBe(true);
    expect(hasPermission(author, "posts:edit:any")).toBe(false);
    expect(canActOnOwned(author, { own: "posts:edit:own", any: "posts:edit:any" }, true)).toBe(true);
    expect(canActOnOwned(author, { own: "posts:edit:own", any: "posts:edit:any" }, false)).toBe(false);
    expect(canActOnOwned(grants("editor"), { own: "posts:edit:own", any: "posts:edit:any" }, false)).toBe(
      true,
    );
  });

  it("keep contributors from publishing or deleting, and members to comments and their account", () => {
    expect(BUILTIN_ROLE_PERMISSIONS.contributor).not.toContain("posts:publish");
    expect(BUILTIN_ROLE_PERMISSIONS.contributor).not.toContain("posts:delete:own");
    expect([...BUILTIN_ROLE_PERMISSIONS.member].sort()).toEqual(["account:manage", "comments:create"]);
    expect(canActOnOwned(grants("member"), { own: "posts:delete:own", any: "posts:delete:any" }, true)).toBe(
      false,
    );
  });

  it("are ranked from owner down to member", () => {
    const ranks = BUILTIN_ROLES.map((r) => ROLE_RANK[r]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(ROLE_RANK.owner).toBe(100);
    expect(ROLE_RANK.member).toBe(10);
  });
});

describe("canAssignRole", () => {
  it("lets nobody grant a role above their own and only an owner make an owner", () => {
    expect(canAssignRole("owner", "owner")).toBe(true);
    expect(canAssignRole("admin", "owner")).toBe(false);
    expect(canAssignRole("admin", "admin")).toBe(true);
    expect(canAssignRole("admin", "member")).toBe(true);
    expect(canAssignRole("editor", "admin")).toBe(false);
    expect(canAssignRole("editor", "author")).toBe(true);
    expect(canAssignRole("member", "author")).toBe(false);
    expect(canAssignRole("admin", "custom-role")).toBe(false);
  });
});

describe("narrowByScopes", () => {
  it("gives an API token the intersection of its scopes and its owner's permissions", () => {
    const author = permissionsForRole("author");
    const narrowed = narrowByScopes(author, [
      "posts:create",
      "posts:edit:any",
      "not-a-permission",
      "media:upload",
    ]);
    expect([...narrowed].sort()).toEqual(["media:upload", "posts:create"]);
    expect(narrowByScopes(author, []).size).toBe(0);
  });
});
