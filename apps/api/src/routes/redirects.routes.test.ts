import { RedirectListSchema, RedirectSchema, type Redirect } from "@folio/types";
import { uuidv7 } from "@folio/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn, type SignedInUser } from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

interface Problem {
  type: string;
  status: number;
  code?: string;
  errors?: { pointer: string; detail: string }[];
}

describe("redirects routes (PGlite)", () => {
  let t: TestApp;
  let editor: SignedInUser;
  let contributor: SignedInUser;

  beforeAll(async () => {
    t = await buildTestApp({ kind: "pglite", seed: false });
    editor = await signIn(t, await createUser(t, { role: "editor" }));
    contributor = await signIn(t, await createUser(t, { role: "contributor" }));
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown, who = editor) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who.headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  it("needs redirects:manage", async () => {
    expect((await t.app.inject({ url: "/api/v1/admin/redirects" })).statusCode).toBe(401);
    const res = await call("POST", "/admin/redirects", { from_path: "/a", to_path: "/b" }, contributor);
    expect(res.statusCode).toBe(403);
  });

  it("creates (201, default 301), lists, edits and deletes redirects", async () => {
    const created = await call("POST", "/admin/redirects", { from_path: "old-about/", to_path: "/about" });
    expect(created.statusCode).toBe(201);
    const redirect = RedirectSchema.parse(created.json());
    expect(redirect).toMatchObject({
      from_path: "/old-about",
      to_path: "/about",
      status_code: 301,
      kind: "manual",
    });

    const list = await call("GET", "/admin/redirects?q=about");
    expect(RedirectListSchema.parse(list.json()).data.map((r) => r.id)).toContain(redirect.id);
    expect(list.headers["cache-control"]).toBe("no-store");

    const patched = await call("PATCH", `/admin/redirects/${redirect.id}`, { status_code: 302 });
    expect(patched.json<Redirect>().status_code).toBe(302);
    expect((await call("GET", `/admin/redirects/${redirect.id}`)).json<Redirect>().status_code).toBe(302);

    expect((await call("DELETE", `/admin/redirects/${redirect.id}`)).statusCode).toBe(204);
    expect((await call("DELETE", `/admin/redirects/${redirect.id}`)).statusCode).toBe(404);
    expect((await call("GET", `/admin/redirects/${uuidv7()}`)).statusCode).toBe(404);
  });

  it("answers 409 for a duplicate from_path, 422 for a loop, 400 for wrong input", async () => {
    await call("POST", "/admin/redirects", { from_path: "/x1", to_path: "/x2" });
    const duplicate = await call("POST", "/admin/redirects", { from_path: "/x1/", to_path: "/x3" });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json<Problem>().type).toMatch(/\/redirect-exists$/);

    const loop = await call("POST", "/admin/redirects", { from_path: "/x2", to_path: "/x1" });
    expect(loop.statusCode).toBe(422);
    expect(loop.json<Problem>().errors?.[0]?.pointer).toBe("/body/to_path");

    const badStatus = await call("POST", "/admin/redirects", {
      from_path: "/y",
      to_path: "/z",
      status_code: 303,
    });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json<Problem>().errors?.[0]?.pointer).toBe("/body/status_code");
    const script = await call("POST", "/admin/redirects", {
      from_path: "/y",
      to_path: "javascript:alert(1)",
    });
    expect(script.statusCode).toBe(400);
    expect(script.json<Problem>().errors?.[0]?.pointer).toBe("/body/to_path");
    const api = await call("POST", "/admin/redirects", { from_path: "/api/v1/x", to_path: "/z" });
    expect(api.json<Problem>().errors?.[0]?.pointer).toBe("/body/from_path");
    const tooLong = await call("POST", "/admin/redirects", {
      from_path: `/${"a".repeat(2001)}`,
      to_path: "/z",
    });
    expect(tooLong.statusCode).toBe(400);
    const unknownField = await call("POST", "/admin/redirects", {
      from_path: "/y",
      to_path: "/z",
      kind: "post",
    });
    expect(unknownField.statusCode).toBe(400);
    const badCursor = await call("GET", "/admin/redirects?cursor=zzz");
    expect(badCursor.statusCode).toBe(400);
  });

  it("resolves publicly (no-store, counted) and 404s unknown paths", async () => {
    const created = (
      await call("POST", "/admin/redirects", {
        from_path: "/promo",
        to_path: "https://shop.example/",
        status_code: 307,
      })
    ).json<Redirect>();
    const res = await t.app.inject({ url: "/api/v1/redirects/resolve?path=%2Fpromo%3Futm%3D1" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ to_path: "https://shop.example/", status_code: 307 });
    expect(res.headers["cache-control"]).toBe("no-store");
    const missing = await t.app.inject({ url: "/api/v1/redirects/resolve?path=/nowhere" });
    expect(missing.statusCode).toBe(404);
    expect((await t.app.inject({ url: "/api/v1/redirects/resolve" })).statusCode).toBe(400);
    await t.services.redirects.flushHits();
    expect((await call("GET", `/admin/redirects/${created.id}`)).json<Redirect>().hits).toBe(1);
  });
});
