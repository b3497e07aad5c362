// The role × route matrix: every protected route, called by every built-in role (a fresh session,
// so step-up routes are open to it), by an API token holding all of the role's permissions, and
// anonymously; the answer must be exactly what the route's declared permission predicts. The
// routes come from the auth plugin's registry, so a new route is covered (and one without a
// declared permission cannot even start, see the last test).
import { randomUUID } from "node:crypto";
import { BUILTIN_ROLE_PERMISSIONS, BUILTIN_ROLES, type BuiltinRole, type Permission } from "@folio/auth";
import { NO_REQUEST_META } from "@folio/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoutePermissionEntry } from "../plugins/auth.js";
import { createUser, signIn } from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

type Caller = {
  name: string;
  role: BuiltinRole | null;
  via: "session" | "api-token" | "anonymous";
  headers: Record<string, string>;
};

/** Syntactically valid values for the path parameters our routes use (unknown names get a slug). */
const PARAM_VALUES: Record<string, () => string> = {
  id: () => randomUUID(),
  name: () => "zz-matrix-role",
  kind: () => "sms",
  provider: () => "github",
  slug: () => "zz-matrix-slug",
};

function concreteUrl(url: string): string {
  return url.replace(/:([A-Za-z_]+)/g, (_match, param: string) =>
    (PARAM_VALUES[param] ?? (() => "zz-matrix"))(),
  );
}

function expectedStatusClass(route: RoutePermissionEntry, caller: Caller): "allow" | 401 | 403 {
  if (caller.via === "anonymous" || caller.role === null) return 401;
  const granted =
    route.permission === "authenticated" ||
    BUILTIN_ROLE_PERMISSIONS[caller.role].includes(route.permission as Permission);
  if (!granted) return 403;
  // An API token has no session, so it can never have stepped up.
  if (route.stepUp && caller.via === "api-token") return 403;
  return "allow";
}

describe("role × route matrix", () => {
  let t: TestApp;
  let routes: RoutePermissionEntry[];
  const callers: Caller[] = [{ name: "anonymous", role: null, via: "anonymous", headers: {} }];

  beforeAll(async () => {
    t = await buildTestApp({ seed: false });
    routes = t.app.routePermissions.filter(
      (r) => r.url.startsWith("/api/") || r.url.startsWith("/.well-known/"),
    );
    for (const role of BUILTIN_ROLES) {
      // Owners and admins get a confirmed TOTP factor (their role requires MFA), so full sessions.
      const user = await createUser(t, { role });
      const session = await signIn(t, user);
      callers.push({ name: `${role} session`, role, via: "session", headers: session.headers });
      const permissions = new Set(BUILTIN_ROLE_PERMISSIONS[role]);
      // Straight through the service: contributors and members may not create tokens over HTTP.
      const { token } = await t.services.admin.tokens.create(
        { userId: user.id, role, permissions, via: "session" },
        { name: "matrix", scopes: [...permissions] },
        NO_REQUEST_META,
      );
      callers.push({
        name: `${role} api-token`,
        role,
        via: "api-token",
        headers: { authorization: `Bearer ${token}` },
      });
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("collects every route and each declares a permission", () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) expect(route.permission, `${route.method} ${route.url}`).toBeDefined();
    const names = routes.map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      "GET /api/v1/admin/users",
      "PATCH /api/v1/admin/users/:id",
      "DELETE /api/v1/admin/roles/:name",
      "POST /api/v1/me/tokens",
      "GET /api/v1/admin/audit.csv",
      "GET /api/v1/me",
    ]) {
      expect(names).toContain(expected);
    }
  });

  it("answers every protected route × caller as its declared permission predicts", async () => {
    const protectedRoutes = routes.filter((r) => r.permission !== "public");
    const mismatches: string[] = [];
    const outcomes = { allow: 0, 401: 0, 403: 0 };
    for (const route of protectedRoutes) {
      for (const caller of callers) {
        const hasBody = !["GET", "HEAD", "OPTIONS"].includes(route.method);
        // Malformed JSON: authorisation (onRequest) runs before the body is parsed, so an allowed
        // call stops at the parser with 400 and no handler runs — the matrix changes nothing
        // (it would otherwise sign sessions out, regenerate codes, …) and needs no valid bodies.
        const response = await t.app.inject({
          method: route.method as "GET",
          url: concreteUrl(route.url),
          headers: hasBody ? { ...caller.headers, "content-type": "application/json" } : caller.headers,
          ...(hasBody ? { payload: "{" } : {}),
        });
        const expected = expectedStatusClass(route, caller);
        const actual =
          response.statusCode === 401 || response.statusCode === 403 ? response.statusCode : "allow";
        outcomes[actual] += 1;
        if (actual !== expected || response.statusCode >= 500) {
          mismatches.push(
            `${route.method} ${route.url} [${String(route.permission)}${route.stepUp ? ", step-up" : ""}] as ${caller.name}: ` +
              `expected ${String(expected)}, got ${response.statusCode} ${response.body.slice(0, 160)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Every kind of answer occurs: the matrix is not vacuous.
    expect(outcomes.allow).toBeGreaterThan(100);
    expect(outcomes[401]).toBe(protectedRoutes.length);
    expect(outcomes[403]).toBeGreaterThan(100);
  }, 300_000);

  it("documents each protected route's permission in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ url: "/openapi.json" })).json<{
      paths: Record<string, Record<string, { "x-folio-permission"?: string; security?: unknown[] }>>;
    }>();
    for (const route of routes) {
      const path = route.url.replace(/:([A-Za-z_]+)/g, "{$1}");
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${path}`).toBeDefined();
      if (route.permission === "public") {
        expect(operation?.security).toEqual([]);
      } else {
        expect(operation?.["x-folio-permission"], `${route.method} ${path}`).toBe(route.permission);
      }
    }
  });

  it("refuses to start with a route under /api/ that declares no permission", async () => {
    await expect(
      buildTestApp({
        seed: false,
        beforeReady: (app) => {
          app.get("/api/v1/zz-forgotten", () => ({ ok: true }));
        },
      }),
    ).rejects.toThrow(/declares no config.permission/);
  });
});
