import type { OAuthProviderId } from "@folio/auth";
import { NotFoundError, PROBLEM_CONTENT_TYPE } from "@folio/core";
import { isOAuthRedirectError, OAUTH_FLOW_TTL_SECONDS, type OAuthService } from "@folio/domain";
import {
  AuthorizationUrlSchema,
  ConnectionListSchema,
  LinkProviderBodySchema,
  LoginResponseSchema,
  OAuthCallbackQuerySchema,
  OAuthProviderListSchema,
  OAuthProviderParamsSchema,
  OAuthStartQuerySchema,
  ProblemDetailsSchema,
  type LoginResponse,
} from "@folio/types";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { readCookie, serializeCookie, setSessionCookies } from "../plugins/auth-cookies.js";
import { requestMeta, requireAuth } from "../plugins/auth.js";
import { NO_STORE } from "../plugins/problem-details.js";
import { sendTokenResponse } from "./auth.routes.js";
import { NoQuerySchema, PUBLIC, problemResponses } from "./route-schemas.js";

/** The browser's half of an OAuth flow: the state, so only the browser that started it can finish it. */
export function oauthCookieName(secure: boolean): string {
  return secure ? "__Host-folio_oauth" : "folio_oauth";
}

/** The web page that shows sign-in errors (`?error=`), and the one that asks for the second factor. */
export const OAUTH_LOGIN_PAGE = "/login";
export const OAUTH_MFA_PAGE = "/login/mfa";

const REDIRECT = {
  302: z.null().meta({ description: "Redirect (see the `Location` header)" }),
};

/** `path` with query parameters added (the path is one of ours, already checked to be relative). */
function withQuery(path: string, params: Record<string, string>): string {
  const url = new URL(path, "https://folio.invalid");
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Browsers navigate to the callback (Accept: text/html…); API clients that drive the flow
 * themselves ask for JSON and get problem details and token bodies instead of redirects.
 */
function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? "";
  return /application\/(?:problem\+)?json/i.test(accept) && !/text\/html/i.test(accept);
}

function setFlowCookie(reply: FastifyReply, secure: boolean, state: string | null): void {
  // SameSite=Lax, not Strict: the callback is a top-level navigation coming from the provider's site.
  const cookie = serializeCookie(oauthCookieName(secure), state ?? "", {
    httpOnly: true,
    secure,
    sameSite: "Lax",
    maxAge: state === null ? 0 : OAUTH_FLOW_TTL_SECONDS,
  });
  const current = reply.getHeader("set-cookie");
  const existing = current === undefined ? [] : Array.isArray(current) ? current : [String(current)];
  reply.header("set-cookie", [...existing, cookie]);
}

/** A documented 409 answer (route-schemas' `problemResponses` has no 409). */
function conflict(description: string) {
  return { 409: { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemDetailsSchema } } } };
}

function connectionsOf(oauth: OAuthService, userId: string) {
  return oauth.listConnections(userId).then((rows) => ({
    data: rows.map((row) => ({
      provider: row.provider as OAuthProviderId,
      email: row.email,
      created_at: row.createdAt.toISOString(),
    })),
  }));
}

export const oauthRoutes: FastifyPluginAsyncZod<{ oauth: OAuthService }> = (app, { oauth }) => {
  const secure = (): boolean => app.authSettings.cookieSecure;

  function assertConfigured(provider: OAuthProviderId): void {
    if (!oauth.isConfigured(provider)) throw new NotFoundError("sign-in provider", provider);
  }

  app.get(
    "/auth/providers",
    {
      config: { permission: "public" },
      schema: {
        operationId: "listSignInProviders",
        summary: "List the sign-in providers",
        description:
          "The external sign-in providers (GitHub, Google, OpenID Connect) this site has configured.",
        tags: ["auth"],
        security: PUBLIC,
        querystring: NoQuerySchema,
        response: { 200: OAuthProviderListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "The configured providers" },
      },
    },
    () => ({ data: oauth.listProviders() }),
  );

  app.get(
    "/auth/oauth/:provider/start",
    {
      config: { permission: "public" },
      schema: {
        operationId: "startOAuthSignIn",
        summary: "Sign in with a provider",
        description:
          "Redirects the browser to the provider's authorization page (PKCE S256, `state`, and a `nonce` for " +
          "OpenID Connect) and sets the short-lived `__Host-folio_oauth` cookie that binds the flow to this " +
          "browser. `redirect_to` is a path on this site to land on after signing in (default `/dashboard`). " +
          "Callers sending `Accept: application/json` get the URL as JSON instead of a redirect.",
        tags: ["auth"],
        security: PUBLIC,
        params: OAuthProviderParamsSchema,
        querystring: OAuthStartQuerySchema,
        response: { 200: AuthorizationUrlSchema, ...REDIRECT, ...problemResponses(400, 404, 500) },
        responseDescriptions: {
          200: "For callers sending `Accept: application/json`: where to send the browser",
          302: "To the provider's authorization page",
        },
      },
    },
    async (request, reply) => {
      assertConfigured(request.params.provider);
      const started = await oauth.start({
        provider: request.params.provider,
        redirectTo: request.query.redirect_to ?? null,
      });
      reply.header("cache-control", NO_STORE);
      setFlowCookie(reply, secure(), started.state);
      if (wantsJson(request)) return { authorization_url: started.authorizationUrl.toString() };
      return reply.redirect(started.authorizationUrl.toString(), 302);
    },
  );

  app.get(
    "/auth/oauth/:provider/callback",
    {
      config: { permission: "public" },
      schema: {
        operationId: "completeOAuthSignIn",
        summary: "Provider callback",
        description:
          "Where the provider sends the browser back. The `state` must match the `__Host-folio_oauth` cookie " +
          "and a pending, unexpired flow (each is usable once). On success the web session cookies are set " +
          "and the browser is redirected to `redirect_to` (or to `/login/mfa?challenge=…` when the account " +
          "has a second factor); a refusal redirects to `/login?error=oauth` (or `oauth-link-required`, " +
          "`oauth-account-taken`, …). Callers sending `Accept: application/json` get the sign-in response " +
          "or a problem instead of redirects. Parameters the provider adds besides `code`, `state` and " +
          "`error` are ignored.",
        tags: ["auth"],
        security: PUBLIC,
        params: OAuthProviderParamsSchema,
        querystring: OAuthCallbackQuerySchema,
        response: {
          200: LoginResponseSchema,
          204: z.null().meta({ description: "The provider was connected (link flows)" }),
          ...REDIRECT,
          ...problemResponses(400, 500),
        },
        responseDescriptions: {
          200: "Signed in (JSON callers): tokens, or an MFA challenge",
          302: "Signed in, connected, or refused: see `Location`",
        },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", NO_STORE);
      const json = wantsJson(request);
      const cookieState = readCookie(request, oauthCookieName(secure()));
      // The cookie is single-use like the flow: gone whatever the outcome.
      setFlowCookie(reply, secure(), null);
      let completion: Awaited<ReturnType<OAuthService["complete"]>>;
      try {
        completion = await oauth.complete({
          provider: request.params.provider,
          code: request.query.code,
          state: request.query.state,
          cookieState,
          providerError: request.query.error,
          meta: requestMeta(request),
        });
      } catch (error) {
        if (json || !isOAuthRedirectError(error)) throw error;
        return reply.redirect(
          withQuery(error.returnTo ?? OAUTH_LOGIN_PAGE, { error: error.redirectError }),
          302,
        );
      }

      if (completion.kind === "linked") {
        if (json) return reply.code(204).send(null);
        return reply.redirect(withQuery(completion.redirectTo, { connected: request.params.provider }), 302);
      }
      const signIn = completion.signIn;
      if (signIn.kind === "mfa-required") {
        if (json) return signIn.challenge satisfies LoginResponse;
        return reply.redirect(
          withQuery(OAUTH_MFA_PAGE, {
            challenge: signIn.challenge.challenge_token,
            next: completion.redirectTo,
          }),
          302,
        );
      }
      if (json) return sendTokenResponse(request, reply, signIn);
      setSessionCookies(reply, signIn, { secure: secure() });
      return reply.redirect(completion.redirectTo, 302);
    },
  );

  app.get(
    "/me/connections",
    {
      config: { permission: "account:manage" },
      schema: {
        operationId: "listConnections",
        summary: "List my connected accounts",
        description: "The external sign-in providers linked to the signed-in user.",
        tags: ["account"],
        querystring: NoQuerySchema,
        response: { 200: ConnectionListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "The connected accounts" },
      },
    },
    (request) => connectionsOf(oauth, requireAuth(request).userId),
  );

  app.post(
    "/me/connections/:provider",
    {
      config: { permission: "account:manage", stepUp: true },
      schema: {
        operationId: "connectProvider",
        summary: "Connect a provider",
        description:
          "Starts linking a provider to the signed-in user: open `authorization_url` in this browser (the " +
          "`__Host-folio_oauth` cookie set here must come back with the callback). After the provider, the " +
          "browser lands on `redirect_to` (default `/dashboard/settings/connections`) with `?connected=<provider>`, " +
          "or `?error=oauth-account-taken` when that provider account belongs to someone else.",
        tags: ["account"],
        params: OAuthProviderParamsSchema,
        // No body at all is fine (Fastify validates it as null).
        body: LinkProviderBodySchema.nullish(),
        response: {
          200: AuthorizationUrlSchema,
          ...conflict("This provider is already connected (`oauth-already-linked`)"),
          ...problemResponses(400, 404, 500),
        },
        responseDescriptions: { 200: "Where to send the browser" },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      assertConfigured(request.params.provider);
      const started = await oauth.start({
        provider: request.params.provider,
        redirectTo: request.body?.redirect_to ?? null,
        linkUserId: auth.userId,
      });
      setFlowCookie(reply, secure(), started.state);
      return { authorization_url: started.authorizationUrl.toString() };
    },
  );

  app.delete(
    "/me/connections/:provider",
    {
      config: { permission: "account:manage" },
      schema: {
        operationId: "disconnectProvider",
        summary: "Disconnect a provider",
        description:
          "Unlinks a provider from the signed-in user. Refused with 409 (`last-sign-in-method`) when it is the " +
          "only way left to sign in (no password and no other provider).",
        tags: ["account"],
        params: OAuthProviderParamsSchema,
        response: {
          204: z.null().meta({ description: "Disconnected" }),
          ...conflict("The provider is the account's last way to sign in (`last-sign-in-method`)"),
          ...problemResponses(400, 404, 500),
        },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await oauth.unlink(auth.userId, request.params.provider, requestMeta(request));
      return reply.code(204).send(null);
    },
  );
  return Promise.resolve();
};
