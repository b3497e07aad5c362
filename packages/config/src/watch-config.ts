import { type FSWatcher, existsSync, unwatchFile, watch, watchFile } from "node:fs";
import path from "node:path";
import type { ConfigError } from "./config-error.js";
import { locateConfigFile, resolveEnvName } from "./config-sources.js";
import { type Config, type LoadConfigOptions, loadConfig } from "./load-config.js";
import { Secret } from "./secret.js";

export interface WatchConfigOptions extends LoadConfigOptions {
  /** Quiet period after the last file event before reloading. Default 100. */
  debounceMs?: number | undefined;
  /** Poll interval used only while the config file's directory does not exist. Default 1000. */
  pollIntervalMs?: number | undefined;
}

export interface ConfigChangeEvent {
  config: Config;
  /** Top-level keys whose value changed, e.g. ["features", "logLevel"], sorted. */
  changed: string[];
}

export interface ConfigWatcher {
  /** The configuration currently in force (the last valid one). */
  current(): Config;
  close(): void;
}

/** A comparable form of a config value; secrets compare by value without leaving this module. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner instanceof Secret ? { secret: inner.reveal() } : inner,
  );
}

export function changedKeys(previous: Config, next: Config): string[] {
  return Object.keys(next)
    .filter((key) => canonical(previous[key as keyof Config]) !== canonical(next[key as keyof Config]))
    .sort();
}

/**
 * Hot reload: watches the config file (through its directory, so editors' atomic saves count),
 * reloads and re-validates after `debounceMs` of quiet, and calls `listener` with the new frozen
 * config and the changed top-level keys. An invalid edit goes to `onError` and the previous
 * config stays in force. Loads the config once up front, so it throws `ConfigError` if it is
 * invalid to begin with.
 */
export function watchConfig(
  options: WatchConfigOptions,
  listener: (event: ConfigChangeEvent) => void,
  onError?: (err: ConfigError | Error) => void,
): ConfigWatcher {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const loadOptions: LoadConfigOptions = { env, cwd, file: options.file };
  let current = loadConfig(loadOptions);
  const file = locateConfigFile({ file: options.file, cwd }, env, resolveEnvName(env, [])).path;
  const directory = path.dirname(file);
  const debounceMs = options.debounceMs ?? 100;
  const report = onError ?? ((err: Error) => process.emitWarning(err));
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const reload = () => {
    timer = undefined;
    if (closed) return;
    let next: Config;
    try {
      next = loadConfig(loadOptions);
    } catch (err) {
      report(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const changed = changedKeys(current, next);
    if (changed.length === 0) return;
    current = next;
    listener({ config: next, changed });
  };
  const schedule = () => {
    if (closed) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  };

  let watcher: FSWatcher | undefined;
  let polling = false;
  if (existsSync(directory)) {
    watcher = watch(directory, { persistent: false }, (_event, filename) => {
      // Some platforms omit the name; then any change in the directory triggers a (cheap) reload.
      if (filename === null || filename === path.basename(file)) schedule();
    });
    watcher.on("error", (err) => report(err));
  } else {
    watchFile(file, { persistent: false, interval: options.pollIntervalMs ?? 1000 }, schedule);
    polling = true;
  }
  // One reload once watching has started: an edit made between the initial load and the start of
  // the watcher would otherwise go unnoticed (it emits nothing when the file is unchanged).
  schedule();

  return {
    current: () => current,
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      watcher?.close();
      if (polling) unwatchFile(file, schedule);
    },
  };
}
