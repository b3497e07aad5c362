import type { AuthHooks } from "./http.js";

/** What a signed-in API client holds. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token stops being accepted (from `expires_in`). */
  accessExpiresAt: Date;
}

/** Where tokens live between calls: memory by default; a mobile app passes secure storage. */
export interface TokenStore {
  load(): SessionTokens | null | Promise<SessionTokens | null>;
  save(tokens: SessionTokens | null): void | Promise<void>;
}

export type SignOutReason = "refresh-rejected" | "signed-out";

export interface TokenSessionOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  store?: TokenStore;
  /** Called once when a refresh is refused (expired, revoked or reused token) and on signOut(). */
  onSignedOut?: (reason: SignOutReason) => void;
  /** Refresh ahead of expiry when the access token has less than this left. Default 30 s. */
  refreshLeewayMs?: number;
  /** Per refresh request. Default 10 000 ms. */
  timeoutMs?: number;
  now?: () => Date;
}

/** Automatic token refresh for `createFolioClient({ auth: session })`. */
export interface TokenSession extends AuthHooks {
  /** Stores the tokens of a login / MFA response (`access_token`, `refresh_token`, `expires_in`). */
  signIn(response: TokenResponseLike): Promise<void>;
  /** Revokes the session on the server (best effort) and forgets the tokens. */
  signOut(): Promise<void>;
  tokens(): Promise<SessionTokens | null>;
}

export interface TokenResponseLike {
  access_token: string;
  refresh_token?: string | undefined;
  expires_in: number;
}

export function createMemoryTokenStore(initial: SessionTokens | null = null): TokenStore {
  let tokens = initial;
  return {
    load: () => tokens,
    save: (next) => {
      tokens = next;
    },
  };
}

function isTokenResponse(value: unknown): value is Required<TokenResponseLike> {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.access_token === "string" &&
    typeof v.refresh_token === "string" &&
    typeof v.expires_in === "number"
  );
}

/**
 * Holds the access and refresh tokens and refreshes them: one refresh at a time (requests that
 * need a token while it runs wait for it), ahead of expiry and after a 401. A refused refresh
 * (the API answers 400/401: expired, revoked or reused token) forgets the tokens and calls
 * `onSignedOut` once; a network failure keeps them, since the session may still be valid.
 */
export function createTokenSession(options: TokenSessionOptions): TokenSession {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const store = options.store ?? createMemoryTokenStore();
  const leeway = options.refreshLeewayMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  const base = options.baseUrl.replace(/\/+$/, "");
  let inFlight: Promise<boolean> | null = null;

  const toTokens = (response: TokenResponseLike, previousRefresh?: string): SessionTokens => {
    const refreshToken = response.refresh_token ?? previousRefresh;
    if (refreshToken === undefined) throw new TypeError("The token response has no refresh_token.");
    return {
      accessToken: response.access_token,
      refreshToken,
      accessExpiresAt: new Date(now().getTime() + response.expires_in * 1000),
    };
  };

  async function signedOut(reason: SignOutReason): Promise<void> {
    await store.save(null);
    options.onSignedOut?.(reason);
  }

  async function doRefresh(): Promise<boolean> {
    const current = await store.load();
    if (current === null) return false;
    let res: Response;
    try {
      res = await fetchImpl(`${base}/api/v1/auth/refresh`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ refresh_token: current.refreshToken }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch {
      return false;
    }
    if (res.ok) {
      const body: unknown = await res.json().catch(() => null);
      if (!isTokenResponse(body)) return false;
      await store.save(toTokens(body));
      return true;
    }
    await res.body?.cancel().catch(() => undefined);
    // Another tab/process may have rotated the token meanwhile; only sign out if ours is current.
    const latest = await store.load();
    if ((res.status === 400 || res.status === 401) && latest?.refreshToken === current.refreshToken) {
      await signedOut("refresh-rejected");
    }
    return false;
  }

  const refresh = (): Promise<boolean> => {
    inFlight ??= doRefresh().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  return {
    async getAccessToken() {
      if (inFlight) await inFlight;
      const tokens = await store.load();
      if (tokens === null) return null;
      if (tokens.accessExpiresAt.getTime() - now().getTime() <= leeway) {
        await refresh();
        return (await store.load())?.accessToken ?? null;
      }
      return tokens.accessToken;
    },
    refresh,
    async signIn(response) {
      await store.save(toTokens(response));
    },
    async signOut() {
      const tokens = await store.load();
      if (tokens !== null) {
        await fetchImpl(`${base}/api/v1/auth/logout`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ refresh_token: tokens.refreshToken }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        })
          .then((res) => res.body?.cancel())
          .catch(() => undefined);
      }
      await signedOut("signed-out");
    },
    async tokens() {
      return store.load();
    },
  };
}
