/** Flag names: lower-case, starting with a letter, at most 64 characters (e.g. "newsletter.double-opt-in"). */
export const FLAG_NAME_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/;

/** Where runtime overrides live (the database in production; memory in tests and embedded tools). */
export interface FeatureFlagStore {
  load(): Promise<Record<string, boolean>>;
  save(name: string, enabled: boolean): Promise<void>;
  remove(name: string): Promise<void>;
}

export interface FeatureFlagState {
  name: string;
  enabled: boolean;
  source: "default" | "override";
}

export interface FeatureFlagChange {
  /** Flags whose effective value changed, sorted. */
  changed: string[];
}

export type FeatureFlagListener = (event: FeatureFlagChange) => void;

export interface FeatureFlags {
  /** The effective value: the override if there is one, else the default, else false. */
  isEnabled(name: string): boolean;
  list(): FeatureFlagState[];
  /** Stores an override and applies it in this process at once. */
  set(name: string, enabled: boolean): Promise<void>;
  /** Removes an override; the default applies again. */
  clear(name: string): Promise<void>;
  /** Re-reads the overrides from the store (picks up other processes' changes). */
  refresh(): Promise<void>;
  /** Replaces the defaults, e.g. when the config file is hot-reloaded. */
  setDefaults(defaults: Record<string, boolean>): void;
  subscribe(listener: FeatureFlagListener): () => void;
  /** Stops periodic refresh and drops listeners. */
  close(): void;
}

export interface FeatureFlagsOptions {
  defaults: Record<string, boolean>;
  store: FeatureFlagStore;
  /** When set, overrides are re-read this often (the timer does not keep the process alive). */
  refreshIntervalMs?: number | undefined;
  /** Failures of periodic refreshes and of listeners; defaults to a process warning. */
  onError?: ((err: unknown) => void) | undefined;
}

export function isFlagName(name: unknown): name is string {
  return typeof name === "string" && FLAG_NAME_PATTERN.test(name);
}

function assertFlagName(name: unknown): asserts name is string {
  if (!isFlagName(name)) {
    throw new TypeError(
      `invalid feature flag name ${JSON.stringify(name)}: expected ${String(FLAG_NAME_PATTERN)}`,
    );
  }
}

function validated(flags: Record<string, boolean>, what: string): Map<string, boolean> {
  const result = new Map<string, boolean>();
  for (const [name, enabled] of Object.entries(flags)) {
    assertFlagName(name);
    if (typeof enabled !== "boolean") throw new TypeError(`${what} ${name} must be a boolean`);
    result.set(name, enabled);
  }
  return result;
}

function defaultOnError(err: unknown): void {
  process.emitWarning(err instanceof Error ? err : String(err), { code: "FOLIO_FEATURE_FLAGS" });
}

/**
 * Feature flags: defaults from config, overrides from a store, applied without a restart.
 * Call `await flags.refresh()` once at start-up to load the stored overrides. Store operations
 * run one at a time so a refresh can never overwrite a newer `set` with a stale read.
 */
export function createFeatureFlags(options: FeatureFlagsOptions): FeatureFlags {
  const { store } = options;
  const onError = options.onError ?? defaultOnError;
  let defaults = validated(options.defaults, "default");
  let overrides = new Map<string, boolean>();
  const listeners = new Set<FeatureFlagListener>();
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const effective = (name: string) => overrides.get(name) ?? defaults.get(name) ?? false;
  const names = () => new Set([...defaults.keys(), ...overrides.keys()]);

  function apply(mutate: () => void): void {
    const before = new Map([...names()].map((name) => [name, effective(name)]));
    mutate();
    const changed = [...new Set([...before.keys(), ...names()])]
      .filter((name) => (before.get(name) ?? false) !== effective(name))
      .sort();
    if (changed.length === 0) return;
    for (const listener of [...listeners]) {
      try {
        listener({ changed: [...changed] });
      } catch (err) {
        onError(err);
      }
    }
  }

  function serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function refresh(): Promise<void> {
    await serialised(async () => {
      const loaded = new Map<string, boolean>();
      for (const [name, enabled] of Object.entries(await store.load())) {
        if (isFlagName(name) && typeof enabled === "boolean") loaded.set(name, enabled);
        else onError(new TypeError(`ignored invalid stored feature flag override ${JSON.stringify(name)}`));
      }
      apply(() => {
        overrides = loaded;
      });
    });
  }

  const timer =
    options.refreshIntervalMs === undefined
      ? undefined
      : setInterval(() => {
          refresh().catch(onError);
        }, options.refreshIntervalMs);
  timer?.unref();

  return {
    isEnabled(name) {
      assertFlagName(name);
      return effective(name);
    },
    list() {
      return [...names()].sort().map((name) => ({
        name,
        enabled: effective(name),
        source: overrides.has(name) ? ("override" as const) : ("default" as const),
      }));
    },
    async set(name, enabled) {
      assertFlagName(name);
      if (typeof enabled !== "boolean") throw new TypeError("enabled must be a boolean");
      await serialised(async () => {
        await store.save(name, enabled);
        apply(() => overrides.set(name, enabled));
      });
    },
    async clear(name) {
      assertFlagName(name);
      await serialised(async () => {
        await store.remove(name);
        apply(() => overrides.delete(name));
      });
    },
    refresh,
    setDefaults(next) {
      const parsed = validated(next, "default");
      apply(() => {
        defaults = parsed;
      });
    },
    subscribe(listener) {
      if (closed) throw new Error("feature flags are closed");
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      listeners.clear();
    },
  };
}

/** A store kept in memory; share one between several `createFeatureFlags` to model several processes. */
export function createMemoryFeatureFlagStore(initial: Record<string, boolean> = {}): FeatureFlagStore {
  const overrides = validated(initial, "override");
  return {
    load: () => Promise.resolve(Object.fromEntries(overrides)),
    save(name, enabled) {
      assertFlagName(name);
      overrides.set(name, enabled);
      return Promise.resolve();
    },
    remove(name) {
      overrides.delete(name);
      return Promise.resolve();
    },
  };
}
