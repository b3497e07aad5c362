import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type FeatureFlagChange,
  type FeatureFlagStore,
  createFeatureFlags,
  createMemoryFeatureFlagStore,
  isFlagName,
} from "./feature-flags.js";

const open: { close(): void }[] = [];
afterEach(() => {
  for (const flags of open.splice(0)) flags.close();
  vi.useRealTimers();
});

function flagsWith(
  defaults: Record<string, boolean>,
  store: FeatureFlagStore = createMemoryFeatureFlagStore(),
  extra = {},
) {
  const flags = createFeatureFlags({ defaults, store, ...extra });
  open.push(flags);
  return flags;
}

describe("feature flags", () => {
  it("answers defaults, and false for unknown flags", () => {
    const flags = flagsWith({ comments: true, newsletter: false });
    expect(flags.isEnabled("comments")).toBe(true);
    expect(flags.isEnabled("newsletter")).toBe(false);
    expect(flags.isEnabled("unknown")).toBe(false);
    expect(flags.list()).toEqual([
      { name: "comments", enabled: true, source: "default" },
      { name: "newsletter", enabled: false, source: "default" },
    ]);
  });

  it("loads stored overrides on refresh", async () => {
    const flags = flagsWith(
      { comments: true },
      createMemoryFeatureFlagStore({ comments: false, beta: true }),
    );
    expect(flags.isEnabled("comments")).toBe(true);
    await flags.refresh();
    expect(flags.isEnabled("comments")).toBe(false);
    expect(flags.list()).toEqual([
      { name: "beta", enabled: true, source: "override" },
      { name: "comments", enabled: false, source: "override" },
    ]);
  });

  it("applies set and clear at once, persists them and notifies subscribers", async () => {
    const store = createMemoryFeatureFlagStore();
    const flags = flagsWith({ newsletter: false }, store);
    const events: FeatureFlagChange[] = [];
    const unsubscribe = flags.subscribe((event) => events.push(event));
    await flags.set("newsletter", true);
    expect(flags.isEnabled("newsletter")).toBe(true);
    expect(await store.load()).toEqual({ newsletter: true });
    await flags.set("newsletter", true); // no change, no event
    await flags.clear("newsletter");
    expect(flags.isEnabled("newsletter")).toBe(false);
    expect(await store.load()).toEqual({});
    unsubscribe();
    await flags.set("newsletter", true);
    expect(events).toEqual([{ changed: ["newsletter"] }, { changed: ["newsletter"] }]);
  });

  it("sees another process's change after a refresh", async () => {
    const shared = createMemoryFeatureFlagStore();
    const apiProcess = flagsWith({ search: false }, shared);
    const workerProcess = flagsWith({ search: false }, shared);
    await apiProcess.set("search", true);
    expect(workerProcess.isEnabled("search")).toBe(false);
    await workerProcess.refresh();
    expect(workerProcess.isEnabled("search")).toBe(true);
  });

  it("refreshes periodically when asked to", async () => {
    vi.useFakeTimers();
    const shared = createMemoryFeatureFlagStore();
    const other = flagsWith({}, shared);
    const flags = flagsWith({}, shared, { refreshIntervalMs: 1000 });
    await other.set("beta", true);
    expect(flags.isEnabled("beta")).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(flags.isEnabled("beta")).toBe(true);
    flags.close();
    await other.set("beta", false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(flags.isEnabled("beta")).toBe(true);
  });

  it("keeps the last overrides and reports when a periodic refresh fails", async () => {
    vi.useFakeTimers();
    const onError = vi.fn();
    const store = createMemoryFeatureFlagStore({ beta: true });
    const flags = flagsWith({}, store, { refreshIntervalMs: 500, onError });
    await flags.refresh();
    store.load = () => Promise.reject(new Error("database down"));
    await vi.advanceTimersByTimeAsync(500);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: "database down" }));
    expect(flags.isEnabled("beta")).toBe(true);
  });

  it("does not change local state when the store rejects a write", async () => {
    const store = createMemoryFeatureFlagStore();
    store.save = () => Promise.reject(new Error("read-only"));
    const flags = flagsWith({ beta: false }, store);
    await expect(flags.set("beta", true)).rejects.toThrow("read-only");
    expect(flags.isEnabled("beta")).toBe(false);
  });

  it("never lets a slow refresh overwrite a newer set", async () => {
    const inner = createMemoryFeatureFlagStore();
    let releaseLoad: () => void = () => undefined;
    let loadStarted: () => void = () => undefined;
    const loading = new Promise<void>((resolve) => (loadStarted = resolve));
    const store: FeatureFlagStore = {
      ...inner,
      async load() {
        const snapshot = await inner.load();
        const released = new Promise<void>((resolve) => (releaseLoad = resolve));
        loadStarted();
        await released;
        return snapshot; // taken before the set below reached the store
      },
    };
    const flags = flagsWith({}, store);
    const refreshing = flags.refresh();
    const setting = flags.set("beta", true);
    await loading;
    releaseLoad();
    await Promise.all([refreshing, setting]);
    expect(flags.isEnabled("beta")).toBe(true);
  });

  it("skips invalid stored names and reports them", async () => {
    const onError = vi.fn();
    const store: FeatureFlagStore = {
      ...createMemoryFeatureFlagStore(),
      load: () => Promise.resolve({ "Bad Name": true, good: true }),
    };
    const flags = flagsWith({}, store, { onError });
    await flags.refresh();
    expect(flags.list()).toEqual([{ name: "good", enabled: true, source: "override" }]);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it("updates defaults from a reloaded config and tells subscribers", () => {
    const flags = flagsWith({ comments: false });
    const events: FeatureFlagChange[] = [];
    flags.subscribe((event) => events.push(event));
    flags.setDefaults({ comments: true, newsletter: false });
    expect(flags.isEnabled("comments")).toBe(true);
    expect(events).toEqual([{ changed: ["comments"] }]);
  });

  it("validates flag names everywhere", async () => {
    for (const bad of ["", "Upper", "1st", "has space", `a${"b".repeat(64)}`]) {
      expect(isFlagName(bad)).toBe(false);
      expect(() => flagsWith({ [bad]: true })).toThrow(TypeError);
    }
    expect(isFlagName("search.v2_beta-1")).toBe(true);
    const flags = flagsWith({});
    expect(() => flags.isEnabled("Nope")).toThrow(TypeError);
    await expect(flags.set("Nope", true)).rejects.toThrow(TypeError);
    await expect(flags.clear("no pe")).rejects.toThrow(TypeError);
  });

  it("keeps going when a listener throws", async () => {
    const onError = vi.fn();
    const flags = flagsWith({}, createMemoryFeatureFlagStore(), { onError });
    const second = vi.fn();
    flags.subscribe(() => {
      throw new Error("listener bug");
    });
    flags.subscribe(second);
    await flags.set("beta", true);
    expect(second).toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: "listener bug" }));
  });
});
