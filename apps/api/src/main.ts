// The API process: load the configuration once, start, and shut down gracefully on signals.
import { formatConfigError, loadConfig, type Config } from "@folio/config";
import { startServer } from "./server.js";
import { installShutdownHandlers } from "./shutdown.js";

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  console.error(formatConfigError(error));
  process.exit(1);
}

try {
  const server = await startServer(config);
  server.app.log.info(
    {
      url: server.url,
      database: config.database.url === null ? "pglite" : "postgres",
      redis: config.redis.url !== null,
    },
    `Folio API listening on ${server.url} (docs at ${server.url}/docs)`,
  );
  installShutdownHandlers(server, { forceAfterMs: config.http.shutdownTimeoutMs + 5_000 });
} catch (error) {
  console.error("The Folio API could not start:", error);
  process.exit(1);
}
