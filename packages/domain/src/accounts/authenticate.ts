import { InvalidTokenError, type Permission } from "@folio/auth";
import { SessionsRepository, type SessionAuthState } from "@folio/database";
import type { AccountsContext } from "./accounts-context.js";
import { permissionsOfRole } from "./user-view.js";

/** A caller the auth layer identified; the API's AuthContext has the same shape plus transport facts. */
export interface Principal {
  userId: string;
  role: string;
  permissions: ReadonlySet<Permission>;
  via: "session" | "api-token";
  sessionId: string | null;
  tokenId: string | null;
  mfa: boolean;
  amr: readonly string[];
  /** The role requires MFA and the user has no factor: only enrolment routes are open. */
  mfaEnrolmentRequired?: boolean;
}

export interface Authenticator {
  /** Verifies an access JWT and the state of its session; throws a 401 error otherwise. */
  authenticate(accessToken: string): Promise<Principal>;
  /** Drops what is cached about a session (revocations in this process apply at once). */
  forget(sessionId: string): void;
  /** Drops everything cached (tests, role changes). */
  clear(): void;
}

/** Upper bound of the session cache: revocation must apply well within the access-token lifetime. */
export const MAX_SESSION_CACHE_MS = 30_000;
const DEFAULT_SESSION_CACHE_MS = 10_000;
const MAX_CACHED_SESSIONS = 10_000;

interface Cached {
  state: SessionAuthState;
  loadedAt: number;
}

/**
 * Access tokens are self-contained, but sessions can be revoked and users suspended or given
 * another role before a token expires. Each request therefore checks its session's current
 * state, cached in memory for at most `sessionCacheMs` (≤ 30 s): a revocation elsewhere applies
 * within that time, one in this process at once (`session.revoked` drops the entry). A state
 * that restricts the caller (MFA enrolment pending) is never cached, so completing enrolment
 * takes effect immediately.
 */
export function createAuthenticator(ctx: AccountsContext): Authenticator {
  const ttl = Math.min(ctx.options.sessionCacheMs ?? DEFAULT_SESSION_CACHE_MS, MAX_SESSION_CACHE_MS);
  const cache = new Map<string, Cached>();
  const sessions = new SessionsRepository(ctx.database);

  ctx.events.subscribe((type, payload) => {
    if (type === "session.revoked") cache.delete((payload as { sessionId: string }).sessionId);
  });

  async function stateOf(sessionId: string): Promise<SessionAuthState | null> {
    const now = Date.now();
    const hit = cache.get(sessionId);
    if (hit && now - hit.loadedAt < ttl) return hit.state;
    const state = await sessions.authState(sessionId);
    cache.delete(sessionId);
    if (state && !(state.roleMfaRequired && !state.hasConfirmedFactor)) {
      if (cache.size >= MAX_CACHED_SESSIONS) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      cache.set(sessionId, { state, loadedAt: now });
    }
    return state;
  }

  return {
    async authenticate(accessToken) {
      const claims = await ctx.accessTokens.verify(accessToken);
      const state = await stateOf(claims.sid);
      const now = ctx.now();
      if (
        !state ||
        state.userId !== claims.sub ||
        state.revokedAt !== null ||
        state.absoluteExpiresAt <= now ||
        state.userStatus !== "active"
      ) {
        throw new InvalidTokenError("session-ended");
      }
      return {
        userId: state.userId,
        // The current role, not the one in the token: a demotion applies within the cache time.
        role: state.role,
        permissions: permissionsOfRole(state.role, { permissions: state.rolePermissions }),
        via: "session",
        sessionId: state.sessionId,
        tokenId: null,
        mfa: claims.mfa,
        amr: claims.amr,
        mfaEnrolmentRequired: state.roleMfaRequired && !state.hasConfirmedFactor,
      };
    },
    forget(sessionId) {
      cache.delete(sessionId);
    },
    clear() {
      cache.clear();
    },
  };
}
