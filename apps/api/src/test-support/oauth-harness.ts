// Test harness for the OAuth routes: the real app, a real local OpenID provider (oauth2-mock-server)
// that also serves as GitHub's authorize/token endpoints, and a node:http server answering GitHub's
// /user and /user/emails. The browser is played by following the provider's redirect with fetch.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type oauthAccounts, type sessions, type users } from "@folio/database";
import type { DatabaseKind } from "@folio/database/testing";
import type { User } from "@folio/types";
import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { OAuth2Server, type MutableResponse, type MutableToken } from "oauth2-mock-server";
import { expect } from "vitest";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

export const OAUTH_COOKIE = "__Host-folio_oauth";
export const HTML_ACCEPT = "text/html,application/xhtml+xml";

/** Claims the provider puts in the next tokens and userinfo answer. */
export interface Identity {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

export type ProviderId = "oidc" | "github";

function setCookieLines(response: LightMyRequestResponse): string[] {
  const header = response.headers["set-cookie"];
  return header === undefined ? [] : Array.isArray(header) ? header : [header];
}

/** The cookies a response sets, by name. */
export function cookiesOf(response: LightMyRequestResponse): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of setCookieLines(response)) {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    jar[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1));
  }
  return jar;
}

export function setCookieLine(response: LightMyRequestResponse, name: string): string | undefined {
  return setCookieLines(response).find((line) => line.startsWith(`${name}=`));
}

export function locationOf(response: LightMyRequestResponse): URL {
  return new URL(String(response.headers.location), "https://folio.invalid");
}

export function randomIdentity(): Identity {
  const n = Math.floor(Math.random() * 1e9);
  return { sub: `sub-${n}`, email: `person-${n}@example.org`, email_verified: true, name: `Person ${n}` };
}

export interface OAuthHarness {
  t: TestApp;
  idp: OAuth2Server;
  /** Who the provider says signs in next (mutate it freely). */
  identity: Identity;
  githubUser: GitHubUser;
  /** The next id_token carries another nonce than the one the flow sent. */
  forgeNonce: boolean;
  /** GET …/start, then the provider's authorize endpoint: the callback parameters and the flow cookie. */
  authorize(
    provider: ProviderId,
    redirectTo?: string,
  ): Promise<{ code: string; state: string; cookie: string }>;
  /** The user consents at the provider: the code and state it sends back. */
  followProvider(authorizationUrl: string): Promise<{ code: string; state: string }>;
  callback(
    provider: ProviderId,
    query: { code?: string; state?: string; error?: string },
    options?: { cookie?: string | null; accept?: string },
  ): Promise<LightMyRequestResponse>;
  /** The whole browser round trip; the callback's response. */
  signInWith(provider: ProviderId, redirectTo?: string): Promise<LightMyRequestResponse>;
  /** GET /me with the access cookie a response set. */
  me(response: LightMyRequestResponse): Promise<User>;
  count(table: typeof users | typeof oauthAccounts | typeof sessions): Promise<number>;
  close(): Promise<void>;
}

export async function startOAuthHarness(options: { kind?: DatabaseKind } = {}): Promise<OAuthHarness> {
  const idp = new OAuth2Server();
  await idp.issuer.keys.generate("RS256");
  await idp.start(0, "127.0.0.1");
  const githubApi: Server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.headers.authorization?.startsWith("Bearer ") !== true) {
      res.statusCode = 401;
      res.end("{}");
    } else if (req.url === "/user") {
      const { id, login, name } = harness.githubUser;
      res.end(JSON.stringify({ id, login, name }));
    } else if (req.url === "/user/emails") {
      res.end(JSON.stringify(harness.githubUser.emails));
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  await new Promise<void>((resolve) => githubApi.listen(0, "127.0.0.1", resolve));
  const issuer = idp.issuer.url!;
  const t = await buildTestApp({
    seed: false,
    ...(options.kind ? { kind: options.kind } : {}),
    env: {
      PUBLIC_URL: "https://folio.test",
      OAUTH_OIDC_ISSUER: issuer,
      OAUTH_OIDC_CLIENT_ID: "folio-oidc",
      OAUTH_OIDC_CLIENT_SECRET: "oidc-secret",
      OAUTH_OIDC_NAME: "Company SSO",
      OAUTH_GITHUB_CLIENT_ID: "folio-github",
      OAUTH_GITHUB_CLIENT_SECRET: "github-secret",
      OAUTH_GITHUB_AUTHORIZE_URL: `${issuer}/authorize`,
      OAUTH_GITHUB_TOKEN_URL: `${issuer}/token`,
      OAUTH_GITHUB_API_URL: `http://127.0.0.1:${(githubApi.address() as AddressInfo).port}`,
    },
  });

  const harness: OAuthHarness = {
    t,
    idp,
    identity: randomIdentity(),
    githubUser: { id: 1, login: "octocat", name: null, emails: [] },
    forgeNonce: false,

    async authorize(provider, redirectTo) {
      const query = redirectTo === undefined ? "" : `?redirect_to=${encodeURIComponent(redirectTo)}`;
      const start = await t.app.inject({
        method: "GET",
        url: `/api/v1/auth/oauth/${provider}/start${query}`,
      });
      expect(start.statusCode).toBe(302);
      const { code, state } = await harness.followProvider(String(start.headers.location));
      return { code, state, cookie: cookiesOf(start)[OAUTH_COOKIE]! };
    },

    async followProvider(authorizationUrl) {
      const consent = await fetch(authorizationUrl, { redirect: "manual" });
      const back = new URL(consent.headers.get("location")!);
      return { code: back.searchParams.get("code")!, state: back.searchParams.get("state")! };
    },

    callback(provider, query, callOptions = {}) {
      const params = new URLSearchParams(query);
      const cookie = callOptions.cookie;
      return t.app.inject({
        method: "GET",
        url: `/api/v1/auth/oauth/${provider}/callback?${params.toString()}`,
        headers: {
          accept: callOptions.accept ?? HTML_ACCEPT,
          ...(cookie === null || cookie === undefined ? {} : { cookie: `${OAUTH_COOKIE}=${cookie}` }),
        },
      });
    },

    async signInWith(provider, redirectTo) {
      const { code, state, cookie } = await harness.authorize(provider, redirectTo);
      return harness.callback(provider, { code, state }, { cookie });
    },

    async me(response) {
      const res = await t.app.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { cookie: `__Host-folio_access=${cookiesOf(response)["__Host-folio_access"]}` },
      });
      expect(res.statusCode).toBe(200);
      return res.json<User>();
    },

    async count(table) {
      const rows = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(table);
      return rows[0]!.n;
    },

    async close() {
      await t.close();
      await idp.stop();
      await new Promise((resolve) => githubApi.close(resolve));
    },
  };

  idp.service.on("beforeTokenSigning", (token: MutableToken) => {
    Object.assign(token.payload, harness.identity);
    if (harness.forgeNonce && "nonce" in token.payload) token.payload.nonce = "forged-nonce";
  });
  // Without an email claim in the id_token the provider asks userinfo: answer for the same person.
  idp.service.on("beforeUserinfo", (response: MutableResponse) => {
    response.body = { ...harness.identity };
  });
  return harness;
}
