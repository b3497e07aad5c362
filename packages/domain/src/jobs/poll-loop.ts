/** What one pass over the outbox did: rows claimed, and how many of them finished. */
export interface BatchResult {
  claimed: number;
  done: number;
}

export interface PollLoopOptions {
  /** Claims and processes one batch. */
  runBatch: () => Promise<BatchResult>;
  /** Whether to poll again at once after a batch (more work is likely waiting). */
  again: (result: BatchResult) => boolean;
  /** Wait between polls when nothing was due. */
  pollIntervalMs: number;
  /** Called when a poll failed (the database is down or busy); it is retried at the next interval. */
  onPollError: (error: unknown) => void;
}

export interface PollLoop {
  /** Polls in the background until `stop()`. */
  start(): void;
  /** Stops polling and resolves once the batch in flight (if any) is finished. */
  stop(): Promise<void>;
  /** Runs batches until one claims nothing; resolves with how many rows finished. */
  drain(): Promise<number>;
  /** Polls now instead of at the next interval (call after committing an enqueue). */
  wake(): void;
}

/**
 * The polling loop shared by the outbox consumers (the messaging dispatcher and the job runner)
 * and the job scheduler's hourly tick.
 * Every batch, from the loop or from `drain()`, runs on one promise chain: one at a time per
 * loop, and `stop()` only has to wait for its tail.
 */
export function createPollLoop(options: PollLoopOptions): PollLoop {
  let chain: Promise<unknown> = Promise.resolve();
  function serially<T>(work: () => Promise<T>): Promise<T> {
    const run = chain.then(work);
    chain = run.catch(() => undefined);
    return run;
  }

  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let polling = false;
  let wakeRequested = false;

  function schedule(delayMs: number): void {
    if (!running) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void poll(), delayMs);
    // A pending poll must not keep the process alive on its own.
    timer.unref();
  }

  async function poll(): Promise<void> {
    timer = null;
    if (!running) return;
    polling = true;
    wakeRequested = false;
    let more = false;
    try {
      more = options.again(await serially(options.runBatch));
    } catch (error) {
      options.onPollError(error);
    } finally {
      polling = false;
    }
    schedule(more || wakeRequested ? 0 : options.pollIntervalMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await chain;
    },
    drain() {
      return serially(async () => {
        let done = 0;
        for (;;) {
          const result = await options.runBatch();
          done += result.done;
          if (result.claimed === 0) return done;
        }
      });
    },
    wake() {
      if (!running) return;
      if (polling) wakeRequested = true;
      else schedule(0);
    },
  };
}
