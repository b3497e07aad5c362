import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { proxy } from "./proxy";

function answer(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

describe("redirect proxy", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("redirects with the API's status and keeps the query string", async () => {
    const fetchMock = vi.fn(() => Promise.resolve(answer(200, { to_path: "/new-home", status_code: 301 })));
    vi.stubGlobal("fetch", fetchMock);
    const response = await proxy(new NextRequest("https://site.example/old-home?utm=1"));
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("https://site.example/new-home?utm=1");
    const lookup = new URL(String((fetchMock.mock.calls[0] as unknown[])[0]));
    expect(lookup.pathname).toBe("/api/v1/redirects/resolve");
    expect(lookup.searchParams.get("path")).toBe("/old-home");
  });

  it("redirects to absolute URLs as given", async () => {
    vi.stubGlobal("fetch", () =>
      Promise.resolve(answer(200, { to_path: "https://shop.example/x?a=1", status_code: 302 })),
    );
    const response = await proxy(new NextRequest("https://site.example/shop?b=2"));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("https://shop.example/x?a=1");
  });

  it("lets misses through and remembers them; errors and non-GET requests pass untouched", async () => {
    const fetchMock = vi.fn(() => Promise.resolve(answer(404, { status: 404 })));
    vi.stubGlobal("fetch", fetchMock);
    const first = await proxy(new NextRequest("https://site.example/a-live-post"));
    expect(first.headers.get("x-middleware-next")).toBe("1");
    await proxy(new NextRequest("https://site.example/a-live-post"));
    expect(fetchMock).toHaveBeenCalledTimes(1);

    vi.stubGlobal("fetch", () => Promise.reject(new Error("API down")));
    const down = await proxy(new NextRequest("https://site.example/another"));
    expect(down.headers.get("x-middleware-next")).toBe("1");

    const post = await proxy(new NextRequest("https://site.example/old-home", { method: "POST" }));
    expect(post.headers.get("x-middleware-next")).toBe("1");
  });

  it("ignores answers that are not a redirect it can follow", async () => {
    vi.stubGlobal("fetch", () =>
      Promise.resolve(answer(200, { to_path: "javascript:alert(1)", status_code: 301 })),
    );
    const response = await proxy(new NextRequest("https://site.example/evil"));
    expect(response.headers.get("location")).toBeNull();
  });
});
