import { hashOpaqueToken } from "@folio/auth";
import { ConflictError, ForbiddenError, NotFoundError, uuidv7, ValidationError } from "@folio/core";
import { createRepositories, type Db, type UserStatus } from "@folio/database";
import type {
  AcceptInviteBody,
  AdminUser,
  AdminUserList,
  InviteUserBody,
  ListAdminUsersQuery,
  UpdateAdminUserBody,
} from "@folio/types";
import { InvalidOneTimeTokenError } from "../accounts/account-errors.js";
import { assertPasswordPolicy } from "../accounts/account-rules.js";
import { recordAudit, type RequestMeta } from "../accounts/audit.js";
import { issueOneTimeToken } from "../accounts/one-time-tokens.js";
import { freeUserSlug } from "../accounts/registration.flow.js";
import { permissionsOfRole } from "../accounts/user-view.js";
import { enqueueEmail } from "../messaging/outbox.js";
import type { AdminActor, AdminDeps } from "./admin-context.js";
import { toAdminUser } from "./admin-mappers.js";
import { canManageRole } from "./role-policy.js";
import { timestampCursor } from "../pagination/timestamp-cursor.js";

export const INVITE_TTL_DAYS = 7;
/** The web page an invitation links to (apps/web `(auth)/accept-invite`). */
export const ACCEPT_INVITE_PATH = "/accept-invite";

export interface AdminUsersService {
  list(query: ListAdminUsersQuery): Promise<AdminUserList>;
  get(id: string): Promise<AdminUser>;
  /** Creates an `invited` user and emails them a set-password link (7 days). */
  invite(actor: AdminActor, body: InviteUserBody, meta: RequestMeta): Promise<AdminUser>;
  /** Changes role and/or status; suspending revokes every session and API token. */
  update(actor: AdminActor, id: string, body: UpdateAdminUserBody, meta: RequestMeta): Promise<AdminUser>;
  /** Sets the invited user's password; verifies their email and activates them. */
  acceptInvite(body: AcceptInviteBody, meta: RequestMeta): Promise<void>;
}

async function loadRoleGrant(tx: Db, name: string, pointer: string) {
  const row = await createRepositories(tx).roles.find(name);
  if (!row) throw new ValidationError([{ pointer, detail: `no role named ${JSON.stringify(name)}` }]);
  return { name: row.name, permissions: permissionsOfRole(row.name, row) };
}

export function createAdminUsersService(deps: AdminDeps): AdminUsersService {
  const { database } = deps;
  const repos = createRepositories(database);
  // Payload `{ c: created_at, i: id }`.
  const cursor = timestampCursor(deps.cursors, "c", "a user listing");

  async function get(id: string): Promise<AdminUser> {
    const record = await repos.adminUsers.findRecord(id);
    if (!record) throw new NotFoundError("user", id);
    return toAdminUser(record);
  }

  return {
    async list(query) {
      const position = query.cursor === undefined ? undefined : cursor.decode(query.cursor);
      const page = await repos.adminUsers.search({
        q: query.q,
        role: query.role,
        status: query.status,
        limit: query.limit,
        after: position && { createdAt: position.at, id: position.id },
      });
      const last = page.items.at(-1);
      return {
        data: page.items.map(toAdminUser),
        next_cursor:
          page.hasMore && last ? cursor.encode({ at: last.sortKey.createdAt, id: last.sortKey.id }) : null,
      };
    },

    get,

    async invite(actor, body, meta) {
      const now = deps.now();
      const email = body.email.trim().toLowerCase();
      const userId = uuidv7();
      await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        const role = await loadRoleGrant(tx, body.role, "/body/role");
        if (!canManageRole(actor, role)) {
          throw new ForbiddenError(`You cannot invite someone as ${role.name}.`);
        }
        if (await r.adminUsers.emailExists(email)) {
          throw new ConflictError("email-taken", "A user with this email address exists.");
        }
        await r.adminUsers.insertInvited({
          id: userId,
          email,
          displayName: body.display_name,
          slug: await freeUserSlug(r.accounts, body.display_name, { fallback: "user", maxLength: 180 }),
          role: role.name,
        });
        const issued = await issueOneTimeToken(r.accounts, {
          userId,
          purpose: "invite",
          ttlMs: INVITE_TTL_DAYS * 86_400_000,
          now,
        });
        const inviter = await r.adminUsers.findRecord(actor.userId);
        await enqueueEmail(r.outbox, {
          to: email,
          template: "invite",
          data: {
            inviterName: inviter?.displayName ?? "An administrator",
            role: role.name,
            url: deps.link(ACCEPT_INVITE_PATH, { token: issued.secret }),
            expiresInDays: INVITE_TTL_DAYS,
          },
          dedupeKey: `invite:${issued.id}`,
        });
        await recordAudit(tx, {
          event: "user.invited",
          actorId: actor.userId,
          targetId: userId,
          meta,
          details: { role: role.name },
          occurredAt: now,
        });
      });
      return get(userId);
    },

    async update(actor, id, body, meta) {
      const now = deps.now();
      if (id === actor.userId) {
        throw new ForbiddenError("You cannot change your own role or status; ask another administrator.");
      }
      let revokedSessions: string[] = [];
      await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        // Role and status changes queue here first: two owners demoting each other would
        // otherwise each lock their target, then wait for the other's row (a deadlock).
        await r.adminUsers.lockOwnershipChanges();
        const target = await r.adminUsers.findForUpdate(id);
        if (!target) throw new NotFoundError("user", id);
        const current = await loadRoleGrant(tx, target.role, "/params/id");
        if (!canManageRole(actor, current)) {
          throw new ForbiddenError(`You cannot change a user whose role is ${current.name}.`);
        }
        const changes: { role?: string; status?: UserStatus } = {};
        if (body.role !== undefined && body.role !== target.role) {
          const next = await loadRoleGrant(tx, body.role, "/body/role");
          if (!canManageRole(actor, next))
            throw new ForbiddenError(`You cannot assign the role ${next.name}.`);
          changes.role = next.name;
        }
        if (body.status !== undefined && body.status !== target.status) {
          if (target.status === "invited" && body.status === "active") {
            throw new ConflictError(
              "user-invited",
              "An invited user becomes active by accepting the invitation.",
            );
          }
          changes.status = body.status;
        }
        const losesOwner =
          target.role === "owner" &&
          target.status === "active" &&
          ((changes.role !== undefined && changes.role !== "owner") || changes.status === "suspended");
        if (losesOwner && (await r.adminUsers.countOtherActiveOwners(target.id)) === 0) {
          throw new ConflictError("last-owner", "The site must keep at least one active owner.");
        }
        if (changes.role === undefined && changes.status === undefined) return;

        await r.adminUsers.update(target.id, changes, now);
        const audit = { actorId: actor.userId, targetId: target.id, meta, occurredAt: now };
        if (changes.role !== undefined) {
          await recordAudit(tx, {
            ...audit,
            event: "user.role_changed",
            details: { from: target.role, to: changes.role },
          });
        }
        if (changes.status === "suspended") {
          // In the same transaction: a suspended user keeps no way in, not even for a moment.
          revokedSessions = await r.adminUsers.revokeSessions(target.id, "suspended", now);
          const revokedTokens = await r.apiTokens.revokeAllForUser(target.id, now);
          await recordAudit(tx, {
            ...audit,
            event: "user.suspended",
            details: { sessions_revoked: revokedSessions.length, tokens_revoked: revokedTokens.length },
          });
        } else if (changes.status === "active") {
          await recordAudit(tx, { ...audit, event: "user.reactivated" });
        }
      });
      if (revokedSessions.length > 0) deps.announceRevoked(id, revokedSessions, "suspended");
      return get(id);
    },

    async acceptInvite(body, meta) {
      const now = deps.now();
      const tokenHash = hashOpaqueToken(body.token);
      const open = await repos.accounts.findOpenOneTimeToken("invite", tokenHash, now);
      const invited = open && (await repos.accounts.findUserById(open.userId));
      if (!invited || invited.status !== "invited") throw new InvalidOneTimeTokenError();
      // The password is checked before the token is used, so a rejected password can be retried.
      assertPasswordPolicy(body.password, [invited.email, invited.displayName], "/body/password");
      const passwordHash = await deps.hasher.hash(body.password);
      await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        const userId = (await r.accounts.consumeOneTimeToken("invite", tokenHash, now))?.userId;
        if (userId !== invited.id || !(await r.adminUsers.activateInvited(userId, passwordHash, now))) {
          throw new InvalidOneTimeTokenError();
        }
        await recordAudit(tx, {
          event: "auth.email_verified",
          actorId: userId,
          targetId: userId,
          meta,
          details: { via: "invite" },
          occurredAt: now,
        });
      });
    },
  };
}
