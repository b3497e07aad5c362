/**
 * Counts redirect hits in memory and writes them in batches, so answering a redirect never waits
 * for a write (and a hot redirect costs one UPDATE per flush, not one per hit). Counts gathered in
 * the last `flushMs` before a crash are lost: hits are statistics, not records.
 */
export interface HitCounter {
  record(id: string): void;
  /** Writes what was gathered; resolves when the writes (and any running flush) are done. */
  flush(): Promise<void>;
}

export interface HitCounterOptions {
  flushMs: number;
  write(id: string, count: number, at: Date): Promise<void>;
  onError?: ((error: unknown) => void) | undefined;
  now?: (() => Date) | undefined;
}

export function createHitCounter(options: HitCounterOptions): HitCounter {
  const now = options.now ?? (() => new Date());
  let pending = new Map<string, { count: number; at: Date }>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();

  async function writeBatch(batch: Map<string, { count: number; at: Date }>): Promise<void> {
    for (const [id, { count, at }] of batch) {
      try {
        await options.write(id, count, at);
      } catch (error) {
        options.onError?.(error);
      }
    }
  }

  function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    const batch = pending;
    pending = new Map();
    running = running.then(() => (batch.size > 0 ? writeBatch(batch) : undefined));
    return running;
  }

  return {
    record(id) {
      const entry = pending.get(id);
      if (entry) {
        entry.count += 1;
        entry.at = now();
      } else {
        pending.set(id, { count: 1, at: now() });
      }
      if (!timer) {
        timer = setTimeout(() => void flush(), options.flushMs);
        // Never keeps the process alive on its own.
        timer.unref?.();
      }
    },
    flush,
  };
}
