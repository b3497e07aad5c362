import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { Secret, isSecret, redactUrl } from "./secret.js";

describe("Secret", () => {
  const secret = new Secret("hunter2-hunter2");

  it("reveals its value only on request", () => {
    expect(secret.reveal()).toBe("hunter2-hunter2");
    expect(String(secret)).toBe("[redacted]");
    // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- what a careless log line does
    expect(`${secret}`).toBe("[redacted]");
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(inspect(secret)).toBe("[redacted]");
    expect(inspect({ nested: { secret } }, { depth: 5 })).not.toContain("hunter2");
    expect(Object.keys(secret)).toEqual([]);
  });

  it("compares in constant time against strings and secrets", () => {
    expect(secret.equals("hunter2-hunter2")).toBe(true);
    expect(secret.equals(new Secret("hunter2-hunter2"))).toBe(true);
    expect(secret.equals("hunter2")).toBe(false);
    expect(isSecret(secret)).toBe(true);
    expect(isSecret("hunter2")).toBe(false);
  });
});

describe("redactUrl", () => {
  it("hides the password and secret-looking query values", () => {
    expect(redactUrl("postgres://folio:s3cret@db.internal:5432/folio?sslmode=require")).toBe(
      "postgres://folio:***@db.internal:5432/folio?sslmode=require",
    );
    expect(redactUrl(new Secret("redis://:pw@cache:6379/0"))).toBe("redis://:***@cache:6379/0");
    expect(redactUrl("https://api.example/x?token=abc&page=2")).toBe(
      "https://api.example/x?token=***&page=2",
    );
  });

  it("leaves URLs without credentials alone and hides what it cannot parse", () => {
    expect(redactUrl("postgres://postgres@127.0.0.1:5432/folio")).toBe(
      "postgres://postgres@127.0.0.1:5432/folio",
    );
    expect(redactUrl("not a url with password")).toBe("[redacted]");
  });
});
