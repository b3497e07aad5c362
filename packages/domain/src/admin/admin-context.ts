import type { PasswordHasher, Permission } from "@folio/auth";
import type { CursorCodec } from "@folio/core";
import type { Database } from "@folio/database";

/**
 * Who performs an admin action: the signed-in user (or API token) as the API authenticated it.
 * The API's `AuthContext` satisfies this structurally.
 */
export interface AdminActor {
  userId: string;
  role: string;
  /** Already narrowed to the token's scopes for API tokens. */
  permissions: ReadonlySet<Permission>;
  via?: "session" | "api-token" | undefined;
}

/**
 * What the admin services share. The identity core's `AccountsContext` provides all of it but
 * `cursors`, so the two are wired from one context and use one clock, hasher and link builder.
 */
export interface AdminDeps {
  database: Database;
  /** Signs list cursors (the same codec as the public lists). */
  cursors: CursorCodec;
  hasher: Pick<PasswordHasher, "hash">;
  now(): Date;
  /** An absolute URL of a web page, e.g. `link("/accept-invite", { token })`. */
  link(path: string, query?: Record<string, string>): string;
  /** Announces sessions revoked by a suspension, after the commit. */
  announceRevoked(userId: string, sessionIds: readonly string[], reason: string): void;
}
