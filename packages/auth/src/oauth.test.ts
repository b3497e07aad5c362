import { OAuth2Server } from "oauth2-mock-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createGitHubProvider,
  createGoogleProvider,
  createOidcProvider,
  generateCodeVerifier,
  generateNonce,
  generateOAuthState,
  OAuthError,
  type OAuthProvider,
} from "./oauth.js";
import { type LocalHttpServer, sendJson, startLocalHttpServer } from "./testing/local-http.js";

// A real OIDC server (oauth2-mock-server) and a real redirect target that echoes the callback query,
// so the test runs the browser's side of the flow with fetch.
let idp: OAuth2Server;
let callback: LocalHttpServer;
let issuer: string;

beforeAll(async () => {
  idp = new OAuth2Server();
  await idp.issuer.keys.generate("RS256");
  await idp.start(0, "127.0.0.1");
  // The mock names itself "localhost"; pin the address it really listens on.
  issuer = `http://127.0.0.1:${idp.address().port}`;
  idp.issuer.url = issuer;
  callback = await startLocalHttpServer((req, res) => {
    sendJson(res, 200, Object.fromEntries(new URL(req.url, "http://x").searchParams));
  });
});

afterAll(async () => {
  await idp.stop();
  await callback.close();
});

afterEach(() => {
  idp.service.removeAllListeners();
});

function oidc(overrides: Partial<Parameters<typeof createOidcProvider>[0]> = {}): OAuthProvider {
  return createOidcProvider({
    id: "oidc",
    displayName: "Test IdP",
    issuer,
    clientId: "folio-client",
    clientSecret: "folio-secret",
    redirectUri: `${callback.url}/callback`,
    ...overrides,
  });
}

/** What the browser does: follow the authorization URL through the IdP's redirect to our callback. */
async function authorize(provider: OAuthProvider) {
  const attempt = {
    state: generateOAuthState(),
    codeVerifier: generateCodeVerifier(),
    nonce: generateNonce(),
  };
  const url = await provider.authorizationUrl(attempt);
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const query = (await response.json()) as Record<string, string>;
  expect(query.state).toBe(attempt.state);
  expect(query.code).toBeTruthy();
  return { ...attempt, url, code: query.code! };
}

describe("OIDC provider", () => {
  it("builds an authorization URL with PKCE S256, nonce, state and the OIDC scopes", async () => {
    const attempt = {
      state: generateOAuthState(),
      codeVerifier: generateCodeVerifier(),
      nonce: generateNonce(),
    };
    const url = await oidc().authorizationUrl(attempt);
    expect(url.origin + url.pathname).toBe(`${issuer}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "folio-client",
      redirect_uri: `${callback.url}/callback`,
      state: attempt.state,
      nonce: attempt.nonce,
      scope: "openid email profile",
      code_challenge_method: "S256",
    });
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("code_challenge")).not.toBe(attempt.codeVerifier);
  });

  it("runs the full flow and returns the profile from the verified id_token", async () => {
    idp.service.on("beforeTokenSigning", (token) => {
      Object.assign(token.payload, {
        email: "jane@example.com",
        email_verified: true,
        name: "Jane Example",
        picture: "https://img.example.com/jane.png",
      });
    });
    const provider = oidc();
    expect(provider.usesNonce).toBe(true);
    const { code, codeVerifier, nonce } = await authorize(provider);
    await expect(provider.exchange({ code, codeVerifier, nonce })).resolves.toEqual({
      provider: "oidc",
      subject: "johndoe",
      email: "jane@example.com",
      emailVerified: true,
      name: "Jane Example",
      avatarUrl: "https://img.example.com/jane.png",
    });
  });

  it("fills the profile from userinfo when the id_token has no email", async () => {
    idp.service.on("beforeUserinfo", (response) => {
      response.body = { sub: "johndoe", email: "jd@example.org", email_verified: "true", name: "J. Doe" };
    });
    const provider = oidc();
    const { code, codeVerifier, nonce } = await authorize(provider);
    await expect(provider.exchange({ code, codeVerifier, nonce })).resolves.toEqual({
      provider: "oidc",
      subject: "johndoe",
      email: "jd@example.org",
      emailVerified: true,
      name: "J. Doe",
      avatarUrl: null,
    });
  });

  it("ignores a userinfo answer about someone else", async () => {
    idp.service.on("beforeUserinfo", (response) => {
      response.body = { sub: "mallory", email: "mallory@example.org", email_verified: true };
    });
    const provider = oidc();
    const { code, codeVerifier, nonce } = await authorize(provider);
    await expect(provider.exchange({ code, codeVerifier, nonce })).rejects.toMatchObject({
      reason: "userinfo subject mismatch",
    });
  });

  it("rejects an id_token whose nonce is not the one this attempt sent", async () => {
    const provider = oidc();
    const { code, codeVerifier } = await authorize(provider);
    const error = await provider
      .exchange({ code, codeVerifier, nonce: generateNonce() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({
      status: 401,
      reason: "id_token nonce mismatch",
      message: "Signing in with the external provider failed. Please try again.",
    });
  });

  it("rejects an id_token for another audience, or an expired one", async () => {
    const provider = oidc();
    idp.service.on("beforeTokenSigning", (token) => {
      token.payload.aud = "another-client";
    });
    const first = await authorize(provider);
    await expect(provider.exchange(first)).rejects.toMatchObject({ reason: "id_token rejected" });
    idp.service.removeAllListeners();
    idp.service.on("beforeTokenSigning", (token) => {
      token.payload.exp = Math.floor(Date.now() / 1000) - 120;
    });
    const second = await authorize(provider);
    await expect(provider.exchange(second)).rejects.toMatchObject({ reason: "id_token rejected" });
  });

  it("fails when the code verifier does not match the PKCE challenge", async () => {
    const provider = oidc();
    const { code, nonce } = await authorize(provider);
    await expect(
      provider.exchange({ code, nonce, codeVerifier: generateCodeVerifier() }),
    ).rejects.toBeInstanceOf(OAuthError);
  });

  it("refuses a discovery document that names another issuer", async () => {
    const alias = new URL(issuer);
    alias.hostname = alias.hostname === "localhost" ? "127.0.0.1" : "localhost";
    const provider = oidc({ issuer: alias.origin }); // the same server, named differently
    expect(alias.origin).not.toBe(issuer);
    const attempt = {
      state: generateOAuthState(),
      codeVerifier: generateCodeVerifier(),
      nonce: generateNonce(),
    };
    await expect(provider.authorizationUrl(attempt)).rejects.toMatchObject({
      reason: "discovery issuer mismatch",
    });
  });

  it("uses the fetch it is given for discovery, JWKS and userinfo", async () => {
    const seen: string[] = [];
    const provider = oidc({
      fetch: (input, init) => {
        seen.push(new URL(input instanceof Request ? input.url : input).pathname);
        return fetch(input, init);
      },
    });
    const { code, codeVerifier, nonce } = await authorize(provider);
    await provider.exchange({ code, codeVerifier, nonce });
    expect(seen).toEqual(["/.well-known/openid-configuration", "/jwks", "/userinfo"]);
  });

  it("configures Google as OIDC with its fixed issuer", () => {
    const google = createGoogleProvider({
      clientId: "id",
      clientSecret: "secret",
      redirectUri: "https://folio.test/cb",
    });
    expect(google).toMatchObject({ id: "google", displayName: "Google", usesNonce: true });
  });
});

describe("GitHub provider", () => {
  let api: LocalHttpServer;
  let issuedAccessToken: string | undefined;
  let emails: unknown[] | number;

  beforeAll(async () => {
    api = await startLocalHttpServer((req, res) => {
      const url = new URL(req.url, "http://x");
      if (url.pathname === "/callback") return sendJson(res, 200, Object.fromEntries(url.searchParams));
      if (req.headers.authorization !== `Bearer ${issuedAccessToken}`) return sendJson(res, 401, {});
      if (url.pathname === "/user") {
        return sendJson(res, 200, {
          id: 583231,
          login: "octocat",
          name: null,
          email: "public@octocat.example",
          avatar_url: "https://avatars.example.com/u/583231",
        });
      }
      if (url.pathname === "/user/emails") {
        return typeof emails === "number"
          ? sendJson(res, emails, { message: "nope" })
          : sendJson(res, 200, emails);
      }
      return sendJson(res, 404, {});
    });
  });

  afterAll(async () => {
    await api.close();
  });

  function github(): OAuthProvider {
    // The mock IdP's token endpoint returns the access token; remember it so the API can check it.
    idp.service.on("beforeResponse", (response) => {
      issuedAccessToken = (response.body as { access_token: string }).access_token;
    });
    return createGitHubProvider({
      clientId: "gh-client",
      clientSecret: "gh-secret",
      redirectUri: `${api.url}/callback`,
      authorizeUrl: `${issuer}/authorize`,
      tokenUrl: `${issuer}/token`,
      apiUrl: api.url,
    });
  }

  async function run(provider: OAuthProvider) {
    const attempt = { state: generateOAuthState(), codeVerifier: generateCodeVerifier(), nonce: "" };
    const url = await provider.authorizationUrl(attempt);
    expect(url.searchParams.get("scope")).toBe("read:user user:email");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.has("nonce")).toBe(false);
    const query = (await (await fetch(url)).json()) as Record<string, string>;
    expect(query.state).toBe(attempt.state);
    return provider.exchange({ code: query.code!, codeVerifier: attempt.codeVerifier, nonce: "" });
  }

  it("returns the primary verified email from /user/emails", async () => {
    emails = [
      { email: "old@octocat.example", primary: false, verified: true },
      { email: "octocat@github.example", primary: true, verified: true },
    ];
    const provider = github();
    expect(provider).toMatchObject({ id: "github", displayName: "GitHub", usesNonce: false });
    await expect(run(provider)).resolves.toEqual({
      provider: "github",
      subject: "583231",
      email: "octocat@github.example",
      emailVerified: true,
      name: "octocat",
      avatarUrl: "https://avatars.example.com/u/583231",
    });
  });

  it("marks an unverified primary email as unverified", async () => {
    emails = [{ email: "new@octocat.example", primary: true, verified: false }];
    await expect(run(github())).resolves.toMatchObject({
      email: "new@octocat.example",
      emailVerified: false,
    });
  });

  it("falls back to the public, unverified email when /user/emails is refused", async () => {
    emails = 403;
    await expect(run(github())).resolves.toMatchObject({
      email: "public@octocat.example",
      emailVerified: false,
    });
  });

  it("fails with OAuthError when the token endpoint refuses the code", async () => {
    const provider = github();
    idp.service.on("beforeResponse", (response) => {
      response.statusCode = 400;
      response.body = { error: "invalid_grant" };
    });
    await expect(run(provider)).rejects.toMatchObject({ reason: "token exchange failed" });
  });
});
