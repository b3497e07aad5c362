import type { RunningServer } from "./server.js";

export interface ShutdownOptions {
  /** Hard stop if closing hangs (e.g. a database that never answers). */
  forceAfterMs: number;
  exit?: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}

/**
 * SIGTERM / SIGINT: graceful close (see RunningServer.close), then exit 0. A second signal, a
 * failure while closing, or `forceAfterMs` passing exits 1 at once.
 */
export function installShutdownHandlers(server: RunningServer, options: ShutdownOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const log = server.app.log;
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      log.error({ signal }, "second signal while shutting down; exiting now");
      exit(1);
      return;
    }
    shuttingDown = true;
    log.info({ signal }, "shutting down: no new connections, finishing in-flight requests");
    setTimeout(() => {
      log.error({ forceAfterMs: options.forceAfterMs }, "shutdown did not finish in time; exiting");
      exit(1);
    }, options.forceAfterMs).unref();
    server.close().then(
      ({ drained }) => {
        log.info({ drained }, "shutdown complete");
        exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        exit(1);
      },
    );
  };
  for (const signal of options.signals ?? ["SIGTERM", "SIGINT"]) process.on(signal, onSignal);
}
