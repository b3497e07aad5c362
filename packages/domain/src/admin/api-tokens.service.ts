import {
  generateOpaqueToken,
  hashOpaqueToken,
  narrowByScopes,
  PERMISSIONS,
  type Permission,
} from "@folio/auth";
import {
  ConflictError,
  ForbiddenError,
  isUuid,
  NotFoundError,
  UnauthorizedError,
  uuidv7,
  ValidationError,
} from "@folio/core";
import { API_TOKEN_TOUCH_INTERVAL_SECONDS, createRepositories } from "@folio/database";
import type {
  AdminApiTokenList,
  ApiTokenList,
  CreateApiTokenBody,
  CreatedApiToken,
  ListAdminApiTokensQuery,
} from "@folio/types";
import { recordAudit, type RequestMeta } from "../accounts/audit.js";
import { permissionsOfRole } from "../accounts/user-view.js";
import type { AdminActor, AdminDeps } from "./admin-context.js";
import { toAdminApiToken, toApiToken } from "./admin-mappers.js";
import { grantablePermissions } from "./role-policy.js";

/** Every API token starts with this, so scanners (and our auth plugin) recognise one. */
export const API_TOKEN_PREFIX = "folio_pat_";
/** Characters of the token kept in clear for lists: the prefix plus two of the secret. */
export const API_TOKEN_DISPLAY_LENGTH = 12;
/** Live (unrevoked) tokens one user may hold. */
export const API_TOKEN_LIMIT_PER_USER = 50;
// `folio_pat_` + base64url of 32 random bytes (43 characters, no padding).
const API_TOKEN_PATTERN = /^folio_pat_[A-Za-z0-9_-]{43}$/;

/** Who an API token acts for, with what it may do right now. */
export interface ApiTokenPrincipal {
  tokenId: string;
  userId: string;
  role: string;
  /** The owner's current permissions narrowed by the token's scopes. */
  permissions: ReadonlySet<Permission>;
  scopes: readonly string[];
  /**
   * The owner's role requires MFA and they have no factor: like their sessions, the token is
   * held to the enrolment routes until they enrol (the policy may postdate the token).
   */
  mfaEnrolmentRequired: boolean;
}

export interface ApiTokensService {
  listOwn(actor: AdminActor): Promise<ApiTokenList>;
  /** The secret is in the answer only: it is stored as a SHA-256 hash. */
  create(actor: AdminActor, body: CreateApiTokenBody, meta: RequestMeta): Promise<CreatedApiToken>;
  /** 404 for tokens that are not the actor's (no way to tell them from unknown ones). */
  revokeOwn(actor: AdminActor, id: string, meta: RequestMeta): Promise<void>;
  listAll(query: ListAdminApiTokensQuery): Promise<AdminApiTokenList>;
  revokeAny(actor: AdminActor, id: string, meta: RequestMeta): Promise<void>;
  /** Resolves a presented token; `UnauthorizedError` when unknown, revoked, expired or its owner is not active. */
  authenticate(token: string): Promise<ApiTokenPrincipal>;
}

export class InvalidApiTokenError extends UnauthorizedError {
  constructor() {
    super("The API token is invalid, expired or revoked.");
  }
}

const CURSOR_POINTER = "/query/cursor";

export function isApiToken(value: string): boolean {
  return value.startsWith(API_TOKEN_PREFIX);
}

export function createApiTokensService(deps: AdminDeps): ApiTokensService {
  const { database } = deps;
  const repos = createRepositories(database);

  return {
    async listOwn(actor) {
      const rows = await repos.apiTokens.listForUser(actor.userId);
      return { data: rows.map(toApiToken) };
    },

    async create(actor, body, meta) {
      // A token never mints tokens: creation needs a fresh sign-in (step-up), which only sessions have.
      if (actor.via === "api-token") throw new ForbiddenError("API tokens cannot create API tokens.");
      const scopes = grantablePermissions(actor, body.scopes, "/body/scopes", PERMISSIONS);
      const now = deps.now();
      const secret = `${API_TOKEN_PREFIX}${generateOpaqueToken(32)}`;
      const days = body.expires_in_days ?? null;
      const row = await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        if ((await r.apiTokens.listForUser(actor.userId)).length >= API_TOKEN_LIMIT_PER_USER) {
          throw new ConflictError(
            "token-limit",
            `You have ${API_TOKEN_LIMIT_PER_USER} API tokens; revoke one before creating another.`,
          );
        }
        const created = await r.apiTokens.create({
          id: uuidv7(),
          userId: actor.userId,
          name: body.name,
          tokenHash: hashOpaqueToken(secret),
          prefix: secret.slice(0, API_TOKEN_DISPLAY_LENGTH),
          scopes,
          createdAt: now,
          expiresAt: days === null ? null : new Date(now.getTime() + days * 86_400_000),
        });
        await recordAudit(tx, {
          event: "token.created",
          actorId: actor.userId,
          targetType: "api_token",
          targetId: created.id,
          meta,
          details: { name: created.name, scopes, expires_at: created.expiresAt?.toISOString() ?? null },
          occurredAt: now,
        });
        return created;
      });
      return { token: secret, api_token: toApiToken(row) };
    },

    async revokeOwn(actor, id, meta) {
      const now = deps.now();
      await database.transaction(async (tx) => {
        const revoked = await createRepositories(tx).apiTokens.revokeOwned(id, actor.userId, now);
        if (!revoked) throw new NotFoundError("api token", id);
        await recordAudit(tx, {
          event: "token.revoked",
          actorId: actor.userId,
          targetType: "api_token",
          targetId: id,
          meta,
          details: { owner_id: revoked.userId, name: revoked.name },
          occurredAt: now,
        });
      });
    },

    async listAll(query) {
      let before: string | undefined;
      if (query.cursor !== undefined) {
        const { i } = deps.cursors.decode<{ i?: unknown }>(query.cursor, CURSOR_POINTER);
        if (!isUuid(i))
          throw new ValidationError([{ pointer: CURSOR_POINTER, detail: "cursor is not a token cursor" }]);
        before = i;
      }
      const page = await repos.apiTokens.listAll({ userId: query.user_id, limit: query.limit, before });
      const last = page.items.at(-1);
      return {
        data: page.items.map(toAdminApiToken),
        next_cursor: page.hasMore && last ? deps.cursors.encode({ i: last.id }) : null,
      };
    },

    async revokeAny(actor, id, meta) {
      const now = deps.now();
      await database.transaction(async (tx) => {
        const revoked = await createRepositories(tx).apiTokens.revoke(id, now);
        if (!revoked) throw new NotFoundError("api token", id);
        await recordAudit(tx, {
          event: "token.revoked",
          actorId: actor.userId,
          targetType: "api_token",
          targetId: id,
          meta,
          details: { owner_id: revoked.userId, name: revoked.name, by_admin: true },
          occurredAt: now,
        });
      });
    },

    async authenticate(token) {
      if (!API_TOKEN_PATTERN.test(token)) throw new InvalidApiTokenError();
      const now = deps.now();
      const found = await repos.apiTokens.findCredential(hashOpaqueToken(token));
      if (
        !found ||
        found.token.revokedAt !== null ||
        (found.token.expiresAt !== null && found.token.expiresAt.getTime() <= now.getTime()) ||
        found.user.status !== "active"
      ) {
        throw new InvalidApiTokenError();
      }
      const lastUsed = found.token.lastUsedAt?.getTime() ?? null;
      // The statement re-checks the interval; skipping it here keeps busy tokens read-only.
      if (lastUsed === null || now.getTime() - lastUsed >= API_TOKEN_TOUCH_INTERVAL_SECONDS * 1000)
        await repos.apiTokens.touch(found.token.id, now);
      // The owner's permissions as of now: a demoted owner's tokens lose what the role lost.
      const ownerPermissions = permissionsOfRole(found.user.role, found.role);
      return {
        tokenId: found.token.id,
        userId: found.user.id,
        role: found.user.role,
        permissions: narrowByScopes(ownerPermissions, found.token.scopes),
        scopes: [...found.token.scopes],
        mfaEnrolmentRequired: (found.role?.mfaRequired ?? false) && !found.user.hasConfirmedFactor,
      };
    },
  };
}
