import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFolioClient, createMemoryTokenStore, createTokenSession, isProblemError } from "./index.js";

// A small stand-in API on a real socket: bearer "access-N" is valid only for the current N;
// refresh tokens rotate, and a rotated one is refused like the real API does.
let server: Server;
let baseUrl: string;
let generation = 1;
let refreshCalls = 0;
let refreshDelayMs = 0;
let refreshStatus = 200;
const seenAuth: string[] = [];

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    "content-type": status >= 400 ? "application/problem+json" : "application/json",
  });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      if (req.url === "/api/v1/auth/refresh") {
        refreshCalls += 1;
        const presented = (JSON.parse(body) as { refresh_token: string }).refresh_token;
        setTimeout(() => {
          if (refreshStatus !== 200 || presented !== `refresh-${generation}`) {
            send(res, refreshStatus === 200 ? 401 : refreshStatus, { status: 401, title: "Unauthorized" });
            return;
          }
          generation += 1;
          send(res, 200, {
            access_token: `access-${generation}`,
            refresh_token: `refresh-${generation}`,
            token_type: "Bearer",
            expires_in: 900,
          });
        }, refreshDelayMs);
        return;
      }
      if (req.url === "/api/v1/auth/logout") {
        res.writeHead(204).end();
        return;
      }
      const auth = req.headers.authorization ?? "";
      seenAuth.push(auth);
      if (auth === `Bearer access-${generation}`) send(res, 200, { ok: true, generation });
      else send(res, 401, { type: "about:blank", status: 401, title: "Unauthorized" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  generation = 1;
  refreshCalls = 0;
  refreshDelayMs = 0;
  refreshStatus = 200;
  seenAuth.length = 0;
});

// The client side thinks its token is fine (long expiry) but the server has moved on: a 401.
async function staleSession(onSignedOut?: (reason: string) => void) {
  const session = createTokenSession({ baseUrl, ...(onSignedOut ? { onSignedOut } : {}) });
  await session.signIn({ access_token: "access-0", refresh_token: "refresh-1", expires_in: 900 });
  const client = createFolioClient({ baseUrl, auth: session, retry: false });
  return { session, client };
}

describe("createTokenSession", () => {
  it("refreshes once for concurrent 401s and retries each request once with the new token", async () => {
    refreshDelayMs = 50;
    const { session, client } = await staleSession();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => client.request<{ generation: number }>("GET", "/api/v1/me")),
    );
    expect(results.map((r) => r.generation)).toEqual([2, 2, 2, 2, 2]);
    expect(refreshCalls).toBe(1);
    expect((await session.tokens())?.refreshToken).toBe("refresh-2");
    // Five stale attempts, five replays with the new token, nothing more.
    expect(seenAuth.filter((a) => a === "Bearer access-0")).toHaveLength(5);
    expect(seenAuth.filter((a) => a === "Bearer access-2")).toHaveLength(5);
  });

  it("signs out cleanly when the refresh is refused: tokens forgotten, callback once, 401 surfaced", async () => {
    refreshStatus = 401;
    const reasons: string[] = [];
    const { session, client } = await staleSession((reason) => reasons.push(reason));
    const outcomes = await Promise.allSettled([
      client.request("GET", "/api/v1/me"),
      client.request("GET", "/api/v1/me"),
    ]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe("rejected");
      expect(isProblemError((outcome as PromiseRejectedResult).reason)).toBe(true);
    }
    expect(refreshCalls).toBe(1);
    expect(reasons).toEqual(["refresh-rejected"]);
    expect(await session.tokens()).toBeNull();
    expect(await session.getAccessToken()).toBeNull();
  });

  it("keeps the tokens when the refresh fails on the network", async () => {
    const reasons: string[] = [];
    const session = createTokenSession({
      baseUrl: "http://127.0.0.1:9", // discard port: connection refused
      onSignedOut: (reason) => reasons.push(reason),
    });
    await session.signIn({ access_token: "a", refresh_token: "r", expires_in: 900 });
    expect(await session.refresh()).toBe(false);
    expect(reasons).toEqual([]);
    expect((await session.tokens())?.refreshToken).toBe("r");
  });

  it("refreshes ahead of expiry, and requests made meanwhile wait for the new token", async () => {
    let clock = new Date("2026-12-01T10:00:00Z");
    refreshDelayMs = 30;
    const session = createTokenSession({ baseUrl, now: () => clock, store: createMemoryTokenStore() });
    await session.signIn({ access_token: "access-1", refresh_token: "refresh-1", expires_in: 60 });
    expect(await session.getAccessToken()).toBe("access-1");
    clock = new Date(clock.getTime() + 45_000); // 15 s left, inside the 30 s leeway
    const tokens = await Promise.all([session.getAccessToken(), session.getAccessToken()]);
    expect(tokens).toEqual(["access-2", "access-2"]);
    expect(refreshCalls).toBe(1);
  });

  it("signOut revokes on the server and tells the app", async () => {
    const reasons: string[] = [];
    const { session } = await staleSession((reason) => reasons.push(reason));
    await session.signOut();
    expect(reasons).toEqual(["signed-out"]);
    expect(await session.tokens()).toBeNull();
  });
});
