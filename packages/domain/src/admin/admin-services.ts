import type { PasswordHasher } from "@folio/auth";
import type { CursorCodec } from "@folio/core";
import type { Database } from "@folio/database";
import type { DomainEvents } from "../events/domain-events.js";
import type { AdminDeps } from "./admin-context.js";
import { createAdminUsersService, type AdminUsersService } from "./admin-users.service.js";
import { createApiTokensService, type ApiTokensService } from "./api-tokens.service.js";
import { createAuditLogService, type AuditLogService } from "./audit-log.service.js";
import { createRolesService, type RolesService } from "./roles.service.js";

/** The admin side of accounts: users, roles, API tokens and the audit log. */
export interface AdminServices {
  users: AdminUsersService;
  roles: RolesService;
  tokens: ApiTokensService;
  audit: AuditLogService;
}

export interface CreateAdminServicesOptions {
  database: Database;
  cursors: CursorCodec;
  events: DomainEvents;
  /** The accounts service's hasher, so invited passwords use the configured argon2 cost. */
  hasher: Pick<PasswordHasher, "hash">;
  /** The web site's URL: invitation links point at its `/accept-invite` page. */
  publicUrl: string;
  now?: (() => Date) | undefined;
}

/** An absolute URL of a page under `publicUrl` (which may itself have a path). */
export function pageLink(publicUrl: string): AdminDeps["link"] {
  const base = publicUrl.endsWith("/") ? publicUrl : `${publicUrl}/`;
  return (path, query = {}) => {
    const url = new URL(path.replace(/^\//, ""), base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.toString();
  };
}

export function createAdminServices(options: CreateAdminServicesOptions): AdminServices {
  const deps: AdminDeps = {
    database: options.database,
    cursors: options.cursors,
    hasher: options.hasher,
    now: options.now ?? (() => new Date()),
    link: pageLink(options.publicUrl),
    announceRevoked(userId, sessionIds, reason) {
      for (const sessionId of sessionIds) {
        // Committed already: a failing listener must not turn the suspension into an error.
        options.events.emit("session.revoked", { sessionId, userId, reason }).catch(() => undefined);
      }
    },
  };
  return {
    users: createAdminUsersService(deps),
    roles: createRolesService(deps),
    tokens: createApiTokensService(deps),
    audit: createAuditLogService(deps),
  };
}
