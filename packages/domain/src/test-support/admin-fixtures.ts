// Fixtures for the admin services' tests: real users, sessions and role grants on a test database.
import { BUILTIN_ROLE_PERMISSIONS, createPasswordHasher, isBuiltinRole, type Permission } from "@folio/auth";
import { createCursorCodec, uuidv7 } from "@folio/core";
import { sessions, users, type UserStatus } from "@folio/database";
import type { TestDatabase } from "@folio/database/testing";
import type { AdminActor, AdminDeps } from "../admin/admin-context.js";
import { NO_REQUEST_META, type RequestMeta } from "../accounts/audit.js";

export const TEST_META: RequestMeta = { ip: "203.0.113.7", userAgent: "vitest", requestId: "req-test" };
export { NO_REQUEST_META };

export interface AdminTestDeps extends AdminDeps {
  /** Sets the clock every service reads. */
  setNow(date: Date): void;
  /** Every `announceRevoked` call, in order. */
  announced: { userId: string; sessionIds: readonly string[]; reason: string }[];
}

export function adminTestDeps(database: TestDatabase, start = new Date()): AdminTestDeps {
  let now = start;
  const announced: AdminTestDeps["announced"] = [];
  return {
    database,
    cursors: createCursorCodec("admin-test-cursor-secret-0123456789"),
    hasher: createPasswordHasher(),
    now: () => now,
    setNow(date) {
      now = date;
    },
    link: (path, query = {}) => {
      const url = new URL(path, "https://folio.test/");
      for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
      return url.toString();
    },
    announceRevoked(userId, sessionIds, reason) {
      announced.push({ userId, sessionIds, reason });
    },
    announced,
  };
}

export interface TestUser {
  id: string;
  email: string;
  role: string;
}

let counter = 0;

export async function insertUser(
  database: TestDatabase,
  options: { role: string; status?: UserStatus; email?: string; displayName?: string },
): Promise<TestUser> {
  counter += 1;
  const id = uuidv7();
  const email = options.email ?? `user${counter}-${id.slice(-6)}@example.org`;
  await database.db.insert(users).values({
    id,
    email,
    displayName: options.displayName ?? `User ${counter}`,
    slug: `user-${id}`,
    role: options.role,
    status: options.status ?? "active",
    emailVerifiedAt: new Date(),
  });
  return { id, email, role: options.role };
}

/** The actor for a user with a built-in role (or explicit permissions for a custom one). */
export function actorOf(
  user: TestUser,
  permissions?: readonly Permission[],
  via?: "session" | "api-token",
): AdminActor {
  const granted = permissions ?? (isBuiltinRole(user.role) ? BUILTIN_ROLE_PERMISSIONS[user.role] : []);
  return { userId: user.id, role: user.role, permissions: new Set(granted), via: via ?? "session" };
}

export async function insertSession(database: TestDatabase, userId: string): Promise<string> {
  const id = uuidv7();
  const future = new Date(Date.now() + 3_600_000);
  await database.db.insert(sessions).values({
    id,
    userId,
    amr: ["pwd"],
    mfaLevel: "none",
    idleExpiresAt: future,
    absoluteExpiresAt: future,
  });
  return id;
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}
