import { timingSafeEqual } from "node:crypto";
import type { Permission } from "@folio/auth";
import { ForbiddenError, FolioError, isFolioError, PROBLEM_CONTENT_TYPE } from "@folio/core";
import {
  CsrfFailedError,
  MfaEnrolmentRequiredError,
  StepUpRequiredError,
  type RequestMeta,
} from "@folio/domain";
import { ProblemDetailsSchema } from "@folio/types";
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest, RouteOptions } from "fastify";
import fp from "fastify-plugin";
import { authCookieNames, CSRF_HEADER, readCookie, type AuthCookieNames } from "./auth-cookies.js";

/** What a route requires: anyone, any signed-in caller, or one permission. */
export type RoutePermission = Permission | "public" | "authenticated";

/** The caller of a request, once authenticated (`request.auth`). */
export interface AuthContext {
  userId: string;
  role: string;
  permissions: ReadonlySet<Permission>;
  via: "session" | "api-token";
  sessionId: string | null;
  tokenId: string | null;
  /** The session completed a second factor. */
  mfa: boolean;
  amr: readonly string[];
  /** Authenticated by the `__Host-folio_access` cookie (so unsafe methods need the CSRF header). */
  viaCookie: boolean;
  /** The role requires MFA and no factor is enrolled: only enrolment routes are open. */
  mfaEnrolmentRequired?: boolean | undefined;
}

/** What an authenticator returns; the plugin fills in `viaCookie`. */
export type AuthenticatedCaller = Omit<AuthContext, "viaCookie"> & { viaCookie?: boolean };

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** Required on every route under /api/ and /.well-known/ (start-up fails without it). */
    permission?: RoutePermission;
    /** Needs a re-authentication (POST /auth/step-up) within AUTH_STEP_UP_TTL_SECONDS. */
    stepUp?: boolean;
    /** Open to sessions that must enrol MFA first (GET /me, /me/mfa*, logout, step-up). */
    allowDuringMfaEnrolment?: boolean;
    /**
     * On a public route: authenticate the caller when credentials are present (`request.auth`),
     * and treat missing, invalid or expired ones as anonymous (members-only posts).
     */
    optionalAuth?: boolean;
  }
  interface FastifyInstance {
    /** Every /api/ and /.well-known/ route with what it requires (the role × route matrix reads it). */
    readonly routePermissions: readonly RoutePermissionEntry[];
    readonly authSettings: AuthSettings;
  }
}

export interface RoutePermissionEntry {
  method: string;
  url: string;
  permission: RoutePermission;
  stepUp: boolean;
  allowDuringMfaEnrolment: boolean;
}

export interface AuthSettings {
  cookieNames: AuthCookieNames;
  cookieSecure: boolean;
  /** Origins whose cookie-authenticated unsafe requests are accepted. */
  allowedOrigins: readonly string[];
}

export interface AuthPluginOptions {
  /** Verifies an access JWT (signature, claims, session state); throws a 401 error. */
  authenticate: (token: string) => Promise<AuthenticatedCaller>;
  /** Verifies a `folio_pat_…` API token; without it such tokens are refused (401). */
  authenticateApiToken?: ((token: string) => Promise<AuthenticatedCaller>) | undefined;
  /** The session's last re-authentication, read fresh (not cached) for `stepUp` routes. */
  stepUpAt: (sessionId: string) => Promise<Date | null>;
  stepUpTtlSeconds: number;
  cookieSecure: boolean;
  allowedOrigins: readonly string[];
  now?: (() => Date) | undefined;
}

export const API_TOKEN_PREFIX = "folio_pat_";
const PROTECTED_PREFIXES = ["/api/", "/.well-known/"];
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const AUTH_SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];

/** 401 with `WWW-Authenticate` (RFC 6750), one generic text for every reason. */
export class AuthenticationError extends FolioError {
  constructor(detail = "Sign in to use this endpoint.", invalidToken = false) {
    super({
      slug: "unauthorized",
      title: "Unauthorized",
      status: 401,
      detail,
      headers: {
        "WWW-Authenticate": invalidToken
          ? 'Bearer realm="folio", error="invalid_token"'
          : 'Bearer realm="folio"',
      },
    });
  }
}

/** The caller of a handler on a protected route; 401 when there is none (a public route). */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (request.auth === null) throw new AuthenticationError();
  return request.auth;
}

/** Who made the request, for the audit log. */
export function requestMeta(request: FastifyRequest): RequestMeta {
  return {
    ip: request.ip || null,
    userAgent: header(request, "user-agent")?.slice(0, 512) ?? null,
    requestId: request.id,
  };
}

function isProtectedUrl(url: string): boolean {
  return PROTECTED_PREFIXES.some((prefix) => url.startsWith(prefix));
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Double-submit CSRF check for cookie-authenticated state changes: `X-CSRF-Token` must equal
 * the CSRF cookie (compared in constant time), and an `Origin`, when sent, must be allowed.
 * Also used by /auth/refresh and /auth/logout when they read the refresh cookie.
 */
export function verifyCsrf(request: FastifyRequest): void {
  const settings = request.server.authSettings;
  const origin = header(request, "origin");
  if (origin !== undefined && !settings.allowedOrigins.includes(origin)) throw new CsrfFailedError();
  const cookie = readCookie(request, settings.cookieNames.csrf);
  const sent = header(request, CSRF_HEADER);
  if (cookie === null || sent === undefined || !safeEqual(cookie, sent)) throw new CsrfFailedError();
}

/** Adds security requirements, the permission extension and 401/403 responses to the operation. */
function documentRoute(routeOptions: RouteOptions, permission: RoutePermission): void {
  const schema = routeOptions.schema as
    (Record<string, unknown> & { response?: Record<string, unknown> }) | undefined;
  // Fastify's automatic HEAD route shares the GET route's schema object: document it once.
  if (schema === undefined || schema["x-folio-permission"] !== undefined) return;
  if (permission === "public") {
    schema.security ??= [];
    return;
  }
  schema.security = AUTH_SECURITY;
  schema["x-folio-permission"] = permission;
  const stepUp = routeOptions.config?.stepUp === true;
  if (stepUp) schema["x-folio-step-up"] = true;
  const requirement =
    permission === "authenticated"
      ? "Requires a signed-in caller."
      : `Requires permission \`${permission}\`.`;
  const extra = stepUp ? " Requires a recent re-authentication (`POST /api/v1/auth/step-up`)." : "";
  const description = typeof schema.description === "string" ? `${schema.description}\n\n` : "";
  schema.description = `${description}${requirement}${extra}`;
  const problem = { content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemDetailsSchema } } };
  schema.response ??= {};
  schema.response[401] ??= { description: "Not signed in, or the token is invalid or expired", ...problem };
  schema.response[403] ??= {
    description: "The caller lacks the permission (or a step-up, MFA enrolment, CSRF token)",
    ...problem,
  };
}

const auth: FastifyPluginAsync<AuthPluginOptions> = (app, options) => {
  const settings: AuthSettings = {
    cookieNames: authCookieNames(options.cookieSecure),
    cookieSecure: options.cookieSecure,
    allowedOrigins: options.allowedOrigins,
  };
  const now = options.now ?? (() => new Date());
  const entries: RoutePermissionEntry[] = [];
  app.decorate("routePermissions", entries);
  app.decorate("authSettings", settings);
  app.decorateRequest("auth", null);

  app.addHook("onRoute", (routeOptions) => {
    const url = routeOptions.url ?? routeOptions.path;
    if (!isProtectedUrl(url)) return;
    const permission = routeOptions.config?.permission;
    const methods = [routeOptions.method].flat();
    if (permission === undefined) {
      throw new Error(`${methods.join(",")} ${url} declares no config.permission (see plugins/auth.ts)`);
    }
    for (const method of methods) {
      if (
        method === "HEAD" &&
        methods.length === 1 &&
        entries.some((e) => e.url === url && e.method === "GET")
      )
        continue;
      entries.push({
        method,
        url,
        permission,
        stepUp: routeOptions.config?.stepUp === true,
        allowDuringMfaEnrolment: routeOptions.config?.allowDuringMfaEnrolment === true,
      });
    }
    documentRoute(routeOptions, permission);
  });

  async function authenticateRequest(request: FastifyRequest): Promise<AuthContext | null> {
    const authorization = header(request, "authorization");
    let caller: AuthenticatedCaller;
    let viaCookie = false;
    try {
      if (authorization !== undefined) {
        const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)[ ]*$/i.exec(authorization);
        if (!match?.[1])
          throw new AuthenticationError("The Authorization header must be `Bearer <token>`.", true);
        const token = match[1];
        if (token.startsWith(API_TOKEN_PREFIX)) {
          if (!options.authenticateApiToken)
            throw new AuthenticationError("API tokens are not accepted.", true);
          caller = await options.authenticateApiToken(token);
        } else {
          caller = await options.authenticate(token);
        }
      } else {
        const token = readCookie(request, settings.cookieNames.access);
        if (token === null) return null;
        caller = await options.authenticate(token);
        viaCookie = true;
      }
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      if (isFolioError(error) && error.status === 401) {
        throw new AuthenticationError("The access token is invalid or has expired.", true);
      }
      throw error;
    }
    return { ...caller, viaCookie };
  }

  async function hasSteppedUp(authContext: AuthContext): Promise<boolean> {
    if (authContext.via !== "session" || authContext.sessionId === null) return false;
    const at = await options.stepUpAt(authContext.sessionId);
    return at !== null && now().getTime() - at.getTime() <= options.stepUpTtlSeconds * 1000;
  }

  app.addHook("onRequest", async (request) => {
    const config = request.routeOptions.config;
    const permission = config.permission;
    // Public routes never look at credentials: a stale token must not break a public read.
    if (permission === undefined || permission === "public") {
      if (permission === "public" && config.optionalAuth === true) {
        const caller = await authenticateRequest(request).catch(() => null);
        if (caller !== null && caller.mfaEnrolmentRequired !== true) request.auth = caller;
      }
      return;
    }
    const caller = await authenticateRequest(request);
    if (caller === null) throw new AuthenticationError();
    if (caller.viaCookie && UNSAFE_METHODS.has(request.method)) verifyCsrf(request);
    if (caller.mfaEnrolmentRequired === true && config.allowDuringMfaEnrolment !== true) {
      throw new MfaEnrolmentRequiredError();
    }
    if (permission !== "authenticated" && !caller.permissions.has(permission)) {
      throw new ForbiddenError(`This requires the permission ${permission}.`);
    }
    if (config.stepUp === true && !(await hasSteppedUp(caller))) throw new StepUpRequiredError();
    request.auth = caller;
  });
  return Promise.resolve();
};

/**
 * Authentication and authorisation for every route: each route under /api/ and /.well-known/
 * declares `config.permission` (start-up fails otherwise), and this plugin enforces it before
 * the body is even read. Register it after the OpenAPI plugin and before the routes.
 */
export const authPlugin = fp(auth, { name: "folio-auth", fastify: "5.x" });

/** The routes the auth plugin saw, with their requirements. */
export function listRoutePermissions(app: FastifyInstance): readonly RoutePermissionEntry[] {
  return app.routePermissions;
}
