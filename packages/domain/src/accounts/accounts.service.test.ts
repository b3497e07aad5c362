import { createPasswordHasher } from "@folio/auth";
import { AccountsRepository, type UserRow } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDomainEvents } from "../events/domain-events.js";
import { DEFAULT_ACCOUNTS_OPTIONS } from "./accounts-context.js";
import { createAccountsService, type AccountsService } from "./accounts.service.js";
import type { SignedIn } from "./sessions.flow.js";

const meta = { ip: "192.0.2.10", userAgent: "vitest", requestId: "req-1" };
const PASSWORD = "pebble lighthouse tangerine orbit";

describe("accounts service across processes", () => {
  let database: TestDatabase;
  // Two services on one database stand for two API processes.
  let a: AccountsService;
  let b: AccountsService;
  let user: UserRow;

  beforeAll(async () => {
    database = await createTestDatabase();
    const options = { ...DEFAULT_ACCOUNTS_OPTIONS, sessionCacheMs: 200 };
    a = createAccountsService({ database, events: createDomainEvents(), options });
    b = createAccountsService({ database, events: createDomainEvents(), options });
    // Made with stronger-than-configured parameters: the first sign-in re-hashes it.
    const strong = createPasswordHasher({ memoryCost: 2 * 19_456, timeCost: 3 });
    user = await new AccountsRepository(database).insertUser({
      email: "proc@example.org",
      displayName: "Proc",
      slug: "proc",
      passwordHash: await strong.hash(PASSWORD),
      emailVerifiedAt: new Date(),
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  async function login(service: AccountsService): Promise<SignedIn> {
    const result = await service.login({ email: user.email, password: PASSWORD }, meta);
    if (result.kind !== "signed-in") throw new Error("expected a session");
    return result;
  }

  it("re-hashes a password made with other argon2 parameters on sign-in", async () => {
    await login(a);
    const stored = await new AccountsRepository(database).findUserById(user.id);
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await login(a);
  });

  it("shares signing keys through the database: a token from one process verifies in the other", async () => {
    const signedIn = await login(a);
    expect(await b.authenticate(signedIn.accessToken)).toMatchObject({ userId: user.id, via: "session" });
    expect((await b.jwks()).keys.map((k) => k.kid)).toEqual((await a.jwks()).keys.map((k) => k.kid));
  });

  it("applies a revocation made by another process within the session cache time", async () => {
    const signedIn = await login(a);
    await b.authenticate(signedIn.accessToken); // now cached in b
    await a.revokeSession({ userId: user.id, sessionId: null }, signedIn.sessionId, meta);
    await expect(a.authenticate(signedIn.accessToken)).rejects.toMatchObject({ status: 401 });
    // b may serve its cached state for at most sessionCacheMs (200 ms here, ≤ 30 s in general).
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(b.authenticate(signedIn.accessToken)).rejects.toMatchObject({ status: 401 });
  });
});
