import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { type ConfigChangeEvent, type ConfigWatcher, watchConfig } from "./watch-config.js";

let cwd: string;
let file: string;
let watcher: ConfigWatcher | undefined;
const env = { FOLIO_ENV: "development" };

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), "folio-watch-"));
  mkdirSync(path.join(cwd, "config"));
  file = path.join(cwd, "config", "development.json");
  writeFileSync(file, JSON.stringify({ LOG_LEVEL: "info", FEATURE_FLAGS: "comments=true" }));
});
afterEach(() => {
  watcher?.close();
  watcher = undefined;
  rmSync(cwd, { recursive: true, force: true });
});

/** Resolves with the next value pushed to the returned callback, or rejects after `ms`. */
function nextValue<T>(ms = 5000) {
  let push: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
    push = (value) => {
      clearTimeout(timer);
      resolve(value);
    };
  });
  return { promise, push: (value: T) => push(value) };
}

describe("watchConfig", () => {
  it("emits the new config and the changed keys when the file changes", async () => {
    const event = nextValue<ConfigChangeEvent>();
    watcher = watchConfig({ env, cwd, debounceMs: 20 }, event.push);
    expect(watcher.current().logLevel).toBe("info");
    writeFileSync(file, JSON.stringify({ LOG_LEVEL: "debug", FEATURE_FLAGS: "comments=false" }));
    const { config, changed } = await event.promise;
    expect(changed).toEqual(["features", "logLevel"]);
    expect(config.logLevel).toBe("debug");
    expect(config.features).toEqual({ comments: false });
    expect(Object.isFrozen(config)).toBe(true);
    expect(watcher.current()).toBe(config);
  });

  it("debounces a burst of writes into one reload", async () => {
    const events: ConfigChangeEvent[] = [];
    const first = nextValue<ConfigChangeEvent>();
    watcher = watchConfig({ env, cwd, debounceMs: 150 }, (event) => {
      events.push(event);
      first.push(event);
    });
    for (const level of ["warn", "error", "trace"]) writeFileSync(file, JSON.stringify({ LOG_LEVEL: level }));
    const event = await first.promise;
    expect(event.config.logLevel).toBe("trace");
    // A second reload would have arrived within another debounce window.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toHaveLength(1);
  });

  it("follows atomic saves (write to a temp file, rename over)", async () => {
    const event = nextValue<ConfigChangeEvent>();
    watcher = watchConfig({ env, cwd, debounceMs: 20 }, event.push);
    const temp = path.join(cwd, "config", ".development.json.tmp");
    writeFileSync(temp, JSON.stringify({ LOG_LEVEL: "warn", FEATURE_FLAGS: "comments=true" }));
    renameSync(temp, file);
    const { changed, config } = await event.promise;
    expect(changed).toEqual(["logLevel"]);
    expect(config.logLevel).toBe("warn");
  });

  it("reports an invalid edit and keeps the old config, then recovers", async () => {
    const failure = nextValue<Error>();
    const recovered = nextValue<ConfigChangeEvent>();
    watcher = watchConfig({ env, cwd, debounceMs: 20 }, recovered.push, failure.push);
    writeFileSync(file, JSON.stringify({ LOG_LEVEL: "loud", API_PORT: "x" }));
    const err = await failure.promise;
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).issues.map((issue) => issue.variable)).toEqual(["API_PORT", "LOG_LEVEL"]);
    expect(watcher.current().logLevel).toBe("info");
    writeFileSync(file, JSON.stringify({ LOG_LEVEL: "error", FEATURE_FLAGS: "comments=true" }));
    expect((await recovered.promise).config.logLevel).toBe("error");
  });

  it("ignores other files in the directory and edits that change nothing", async () => {
    const events: ConfigChangeEvent[] = [];
    const settled = nextValue<ConfigChangeEvent>();
    watcher = watchConfig({ env, cwd, debounceMs: 20 }, (event) => {
      events.push(event);
      settled.push(event);
    });
    writeFileSync(path.join(cwd, "config", "production.json"), JSON.stringify({ LOG_LEVEL: "fatal" }));
    writeFileSync(file, JSON.stringify({ FEATURE_FLAGS: "comments=true", LOG_LEVEL: "info" }));
    writeFileSync(
      file,
      JSON.stringify({ LOG_LEVEL: "info", FEATURE_FLAGS: "comments=true", API_PORT: 3005 }),
    );
    const event = await settled.promise;
    expect(event.changed).toEqual(["apiPort", "apiUrl"]);
    expect(events).toHaveLength(1);
  });

  it("throws at once when the initial config is invalid", () => {
    writeFileSync(file, JSON.stringify({ API_PORT: "nope" }));
    expect(() => watchConfig({ env, cwd }, () => undefined)).toThrow(ConfigError);
  });

  it("stops emitting after close", async () => {
    const events: ConfigChangeEvent[] = [];
    watcher = watchConfig({ env, cwd, debounceMs: 10 }, (event) => events.push(event));
    watcher.close();
    writeFileSync(file, JSON.stringify({ LOG_LEVEL: "debug" }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual([]);
  });

  it("waits for a config directory that does not exist yet by polling", async () => {
    rmSync(path.join(cwd, "config"), { recursive: true });
    const event = nextValue<ConfigChangeEvent>();
    watcher = watchConfig({ env, cwd, debounceMs: 10, pollIntervalMs: 50 }, event.push);
    mkdirSync(path.join(cwd, "config"));
    writeFileSync(file, JSON.stringify({ LOG_LEVEL: "warn" }));
    const { changed } = await event.promise;
    expect(changed).toEqual(["logLevel"]);
  });
});
