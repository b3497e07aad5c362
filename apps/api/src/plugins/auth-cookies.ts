import { generateOpaqueToken } from "@folio/auth";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Web sessions (`X-Folio-Client: web`) keep their tokens in cookies instead of JavaScript:
 * the refresh token (HttpOnly, SameSite=Strict), the access JWT (HttpOnly, SameSite=Lax, so
 * server-rendered pages can forward it) and a CSRF token the page reads and echoes in
 * `X-CSRF-Token` (double submit). The `__Host-` prefix pins them to this host, path `/` and
 * Secure; with AUTH_COOKIE_SECURE=false (plain-http development off localhost) browsers would
 * refuse that prefix, so the names drop it.
 */
export interface AuthCookieNames {
  refresh: string;
  access: string;
  csrf: string;
}

export const WEB_CLIENT_HEADER = "x-folio-client";
export const CSRF_HEADER = "x-csrf-token";

export function authCookieNames(secure: boolean): AuthCookieNames {
  const prefix = secure ? "__Host-" : "";
  return { refresh: `${prefix}folio_refresh`, access: `${prefix}folio_access`, csrf: `${prefix}folio_csrf` };
}

/** Cookies of a request (RFC 6265 `cookie` header); the first of duplicate names wins. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name === "" || Object.hasOwn(cookies, name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

export function readCookie(request: FastifyRequest, name: string): string | null {
  const value = parseCookies(request.headers.cookie)[name];
  return value === undefined || value === "" ? null : value;
}

export interface CookieAttributes {
  httpOnly: boolean;
  secure: boolean;
  sameSite: "Strict" | "Lax";
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    "Path=/",
    `Max-Age=${Math.max(0, Math.round(attributes.maxAge))}`,
  ];
  if (attributes.maxAge <= 0) parts.push("Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  if (attributes.httpOnly) parts.push("HttpOnly");
  if (attributes.secure) parts.push("Secure");
  parts.push(`SameSite=${attributes.sameSite}`);
  return parts.join("; ");
}

/** Appends Set-Cookie values without dropping ones set earlier on the reply. */
function appendSetCookie(reply: FastifyReply, values: readonly string[]): void {
  const current = reply.getHeader("set-cookie");
  const existing = current === undefined ? [] : Array.isArray(current) ? current : [String(current)];
  reply.header("set-cookie", [...existing, ...values]);
}

/** True when the caller asked for cookie-based tokens (the web app). */
export function isWebClient(request: FastifyRequest): boolean {
  const value = request.headers[WEB_CLIENT_HEADER];
  return (Array.isArray(value) ? value[0] : value)?.trim().toLowerCase() === "web";
}

export interface SessionCookieTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  sessionExpiresAt: Date;
}

/**
 * Sets the three session cookies; the refresh cookie lives as long as the session may, the
 * access cookie as long as the JWT. Returns the new CSRF token.
 */
export function setSessionCookies(
  reply: FastifyReply,
  tokens: SessionCookieTokens,
  options: { secure: boolean; now?: Date },
): string {
  const now = (options.now ?? new Date()).getTime();
  const names = authCookieNames(options.secure);
  const csrf = generateOpaqueToken();
  const sessionSeconds = Math.max(1, (tokens.sessionExpiresAt.getTime() - now) / 1000);
  appendSetCookie(reply, [
    serializeCookie(names.refresh, tokens.refreshToken, {
      httpOnly: true,
      secure: options.secure,
      sameSite: "Strict",
      maxAge: sessionSeconds,
    }),
    serializeCookie(names.access, tokens.accessToken, {
      httpOnly: true,
      secure: options.secure,
      sameSite: "Lax",
      maxAge: Math.max(1, (tokens.accessTokenExpiresAt.getTime() - now) / 1000),
    }),
    serializeCookie(names.csrf, csrf, {
      httpOnly: false,
      secure: options.secure,
      sameSite: "Strict",
      maxAge: sessionSeconds,
    }),
  ]);
  return csrf;
}

/** Expires the three session cookies (logout, a dead refresh token). */
export function clearSessionCookies(reply: FastifyReply, options: { secure: boolean }): void {
  const names = authCookieNames(options.secure);
  appendSetCookie(
    reply,
    [names.refresh, names.access, names.csrf].map((name) =>
      serializeCookie(name, "", {
        httpOnly: name !== names.csrf,
        secure: options.secure,
        sameSite: name === names.access ? "Lax" : "Strict",
        maxAge: 0,
      }),
    ),
  );
}
