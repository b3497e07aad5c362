import { randomBytes, timingSafeEqual } from "node:crypto";
import { UnauthorizedError } from "@folio/core";
import { CodeChallengeMethod, generateCodeVerifier as arcticCodeVerifier, OAuth2Client } from "arctic";
import { createRemoteJWKSet, customFetch, jwtVerify, type JWTPayload } from "jose";

export type OAuthProviderId = "github" | "google" | "oidc";

/** Who the provider says the user is. Link accounts by email only when `emailVerified` is true. */
export interface OAuthProfile {
  provider: OAuthProviderId;
  /** The provider's stable user id (`sub`, or GitHub's numeric id). */
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  avatarUrl: string | null;
}

export interface OAuthProvider {
  id: OAuthProviderId;
  displayName: string;
  /** True when `exchange` checks the nonce (OIDC); the caller must still keep one per attempt. */
  usesNonce: boolean;
  authorizationUrl(input: { state: string; codeVerifier: string; nonce: string }): Promise<URL>;
  /** Throws `OAuthError` on any failure. */
  exchange(input: { code: string; codeVerifier: string; nonce: string }): Promise<OAuthProfile>;
}

/** Signing in with a provider failed. The client sees one generic message; `reason` is for logs. */
export class OAuthError extends UnauthorizedError {
  readonly reason: string;
  constructor(reason: string, options?: ErrorOptions) {
    super("Signing in with the external provider failed. Please try again.");
    this.reason = reason;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** The `state` parameter: binds the callback to the browser that started the flow (store it in a cookie). */
export function generateOAuthState(): string {
  return randomBytes(32).toString("base64url");
}

/** A PKCE code verifier (RFC 7636: 43 characters of base64url). */
export function generateCodeVerifier(): string {
  return arcticCodeVerifier();
}

/** An OIDC nonce: ties the id_token to this one authorization request. */
export function generateNonce(): string {
  return randomBytes(32).toString("base64url");
}

function wrap(reason: string, e: unknown): OAuthError {
  return e instanceof OAuthError ? e : new OAuthError(reason, { cause: e });
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

async function getJson(
  doFetch: typeof fetch,
  url: string,
  headers: Record<string, string>,
): Promise<unknown> {
  const response = await doFetch(url, { headers, redirect: "error", signal: AbortSignal.timeout(10_000) });
  if (!response.ok) {
    await response.arrayBuffer().catch(() => undefined);
    throw new OAuthError(`GET ${url} answered ${response.status}`);
  }
  return (await response.json()) as unknown;
}

export interface GitHubProviderOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Endpoints default to github.com; override them for GitHub Enterprise or tests. */
  authorizeUrl?: string;
  tokenUrl?: string;
  apiUrl?: string;
  /** Used for the API calls; arctic makes the token request with the global fetch. */
  fetch?: typeof fetch;
}

const GITHUB_SCOPES = ["read:user", "user:email"];

/** GitHub OAuth (it is not OIDC: no id_token, so no nonce); PKCE S256; profile from the REST API. */
export function createGitHubProvider(opts: GitHubProviderOptions): OAuthProvider {
  const authorizeUrl = opts.authorizeUrl ?? "https://github.com/login/oauth/authorize";
  const tokenUrl = opts.tokenUrl ?? "https://github.com/login/oauth/access_token";
  const apiUrl = (opts.apiUrl ?? "https://api.github.com").replace(/\/+$/, "");
  const doFetch = opts.fetch ?? fetch;
  const client = new OAuth2Client(opts.clientId, opts.clientSecret, opts.redirectUri);

  return {
    id: "github",
    displayName: "GitHub",
    usesNonce: false,
    authorizationUrl({ state, codeVerifier }) {
      return Promise.resolve(
        client.createAuthorizationURLWithPKCE(
          authorizeUrl,
          state,
          CodeChallengeMethod.S256,
          codeVerifier,
          GITHUB_SCOPES,
        ),
      );
    },
    async exchange({ code, codeVerifier }) {
      let accessToken: string;
      try {
        // GitHub reports a bad code as 200 {"error": …}; accessToken() then throws.
        accessToken = (await client.validateAuthorizationCode(tokenUrl, code, codeVerifier)).accessToken();
      } catch (e) {
        throw wrap("token exchange failed", e);
      }
      const headers = {
        authorization: `Bearer ${accessToken}`,
        accept: "application/vnd.github+json",
        "user-agent": "folio",
        "x-github-api-version": "2022-11-28",
      };
      try {
        const user = (await getJson(doFetch, `${apiUrl}/user`, headers)) as Record<string, unknown>;
        if (typeof user.id !== "number" && typeof user.id !== "string")
          throw new OAuthError("user without id");
        let email: string | null = null;
        let emailVerified = false;
        // /user only shows a public email, unverified as far as we know; /user/emails knows which is
        // primary and verified. Without that scope granted, fall back to the public one.
        try {
          const emails = await getJson(doFetch, `${apiUrl}/user/emails`, headers);
          if (Array.isArray(emails)) {
            const primary = (emails as Record<string, unknown>[]).find((e) => e.primary === true);
            email = stringOrNull(primary?.email);
            emailVerified = email !== null && primary?.verified === true;
          }
        } catch (e) {
          if (!(e instanceof OAuthError)) throw e;
          email = stringOrNull(user.email);
        }
        return {
          provider: "github",
          subject: String(user.id),
          email,
          emailVerified,
          name: stringOrNull(user.name) ?? stringOrNull(user.login),
          avatarUrl: stringOrNull(user.avatar_url),
        };
      } catch (e) {
        throw wrap("profile request failed", e);
      }
    },
  };
}

export interface OidcProviderOptions {
  id: "google" | "oidc";
  displayName: string;
  /** Exactly as the provider's discovery document states it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Used for discovery, JWKS and userinfo; arctic makes the token request with the global fetch. */
  fetch?: typeof fetch;
  /** Default ["openid", "email", "profile"]. */
  scopes?: readonly string[];
}

interface OidcMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
  id_token_signing_alg_values_supported?: string[];
}

// Asymmetric algorithms only: an HS256 id_token would be keyed with our client secret, and "none" is never OK.
const ID_TOKEN_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];

function parseMetadata(doc: unknown, issuer: string): OidcMetadata {
  const d = doc as Partial<Record<keyof OidcMetadata, unknown>> | null;
  if (
    d === null ||
    typeof d !== "object" ||
    typeof d.authorization_endpoint !== "string" ||
    typeof d.token_endpoint !== "string" ||
    typeof d.jwks_uri !== "string"
  ) {
    throw new OAuthError("discovery document incomplete");
  }
  // OIDC Discovery §4.3: the document must name the issuer we asked for, exactly.
  if (d.issuer !== issuer) throw new OAuthError("discovery issuer mismatch");
  const metadata: OidcMetadata = {
    issuer,
    authorization_endpoint: d.authorization_endpoint,
    token_endpoint: d.token_endpoint,
    jwks_uri: d.jwks_uri,
  };
  if (typeof d.userinfo_endpoint === "string") metadata.userinfo_endpoint = d.userinfo_endpoint;
  if (Array.isArray(d.id_token_signing_alg_values_supported)) {
    metadata.id_token_signing_alg_values_supported = d.id_token_signing_alg_values_supported.filter(
      (a): a is string => typeof a === "string",
    );
  }
  return metadata;
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

function emailVerifiedClaim(value: unknown): boolean {
  // Some providers send the string "true".
  return value === true || value === "true";
}

/** Any OpenID Connect provider via discovery: PKCE S256, nonce, id_token verified against its JWKS. */
export function createOidcProvider(opts: OidcProviderOptions): OAuthProvider {
  const doFetch = opts.fetch ?? fetch;
  const issuer = opts.issuer;
  const scopes = [...(opts.scopes ?? ["openid", "email", "profile"])];
  if (!scopes.includes("openid")) scopes.unshift("openid");
  const client = new OAuth2Client(opts.clientId, opts.clientSecret, opts.redirectUri);

  let discovered:
    Promise<{ metadata: OidcMetadata; jwks: ReturnType<typeof createRemoteJWKSet> }> | undefined;

  function discover() {
    discovered ??= (async () => {
      const url = `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
      const metadata = parseMetadata(await getJson(doFetch, url, { accept: "application/json" }), issuer);
      const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri), {
        [customFetch]: (input, init) => doFetch(input, init),
      });
      return { metadata, jwks };
    })().catch((e: unknown) => {
      // A failed discovery is retried on the next attempt rather than cached.
      discovered = undefined;
      throw wrap("discovery failed", e);
    });
    return discovered;
  }

  return {
    id: opts.id,
    displayName: opts.displayName,
    usesNonce: true,
    async authorizationUrl({ state, codeVerifier, nonce }) {
      const { metadata } = await discover();
      const url = client.createAuthorizationURLWithPKCE(
        metadata.authorization_endpoint,
        state,
        CodeChallengeMethod.S256,
        codeVerifier,
        scopes,
      );
      url.searchParams.set("nonce", nonce);
      return url;
    },
    async exchange({ code, codeVerifier, nonce }) {
      const { metadata, jwks } = await discover();
      let idToken: string;
      let accessToken: string;
      try {
        const tokens = await client.validateAuthorizationCode(metadata.token_endpoint, code, codeVerifier);
        idToken = tokens.idToken();
        accessToken = tokens.accessToken();
      } catch (e) {
        throw wrap("token exchange failed", e);
      }
      let claims: JWTPayload;
      try {
        const supported = metadata.id_token_signing_alg_values_supported;
        ({ payload: claims } = await jwtVerify(idToken, jwks, {
          issuer: metadata.issuer,
          audience: opts.clientId,
          algorithms: supported ? ID_TOKEN_ALGORITHMS.filter((a) => supported.includes(a)) : ["RS256"],
          requiredClaims: ["sub", "iat", "exp"],
          clockTolerance: 30,
        }));
      } catch (e) {
        throw wrap("id_token rejected", e);
      }
      if (typeof claims.nonce !== "string" || !sameString(claims.nonce, nonce)) {
        throw new OAuthError("id_token nonce mismatch");
      }
      // OIDC Core §3.1.3.7: with several audiences, azp must be us.
      if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp !== opts.clientId) {
        throw new OAuthError("id_token azp mismatch");
      }
      const subject = claims.sub;
      if (typeof subject !== "string" || subject === "") throw new OAuthError("id_token without subject");
      let profileClaims: Record<string, unknown> = claims;
      if (typeof claims.email !== "string" && metadata.userinfo_endpoint !== undefined) {
        try {
          const info = (await getJson(doFetch, metadata.userinfo_endpoint, {
            authorization: `Bearer ${accessToken}`,
            accept: "application/json",
          })) as Record<string, unknown>;
          // OIDC Core §5.3.2: a userinfo answer for someone else must be ignored.
          if (info.sub !== subject) throw new OAuthError("userinfo subject mismatch");
          // The signed id_token wins wherever both speak.
          profileClaims = { ...info, ...claims };
        } catch (e) {
          throw wrap("userinfo failed", e);
        }
      }
      const email = stringOrNull(profileClaims.email);
      return {
        provider: opts.id,
        subject,
        email,
        emailVerified: email !== null && emailVerifiedClaim(profileClaims.email_verified),
        name: stringOrNull(profileClaims.name),
        avatarUrl: stringOrNull(profileClaims.picture),
      };
    },
  };
}

export interface GoogleProviderOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  fetch?: typeof fetch;
}

/** Google is plain OIDC; its issuer is fixed. */
export function createGoogleProvider(opts: GoogleProviderOptions): OAuthProvider {
  return createOidcProvider({
    ...opts,
    id: "google",
    displayName: "Google",
    issuer: "https://accounts.google.com",
  });
}
