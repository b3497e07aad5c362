// The worker process: load the configuration once, run the jobs until SIGTERM / SIGINT, then drain.
import { formatConfigError, loadConfig, type Config } from "@folio/config";
import { startWorker } from "./worker.js";

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  console.error(formatConfigError(error));
  process.exit(1);
}

try {
  const worker = await startWorker(config);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      worker.logger.error({ signal }, "second signal while stopping; exiting now");
      process.exit(1);
    }
    stopping = true;
    worker.logger.info({ signal }, "stopping: finishing the jobs in flight");
    // A job stuck past the shutdown budget must not keep the process up forever.
    setTimeout(() => {
      worker.logger.error("stopping did not finish in time; exiting");
      process.exit(1);
    }, config.http.shutdownTimeoutMs + 60_000).unref();
    worker.close().then(
      () => {
        worker.logger.info("worker stopped");
        process.exit(0);
      },
      (error: unknown) => {
        worker.logger.error({ err: error }, "stopping failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
} catch (error) {
  console.error("The Folio worker could not start:", error);
  process.exit(1);
}
