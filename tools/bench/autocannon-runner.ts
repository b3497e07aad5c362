import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const autocannonBin = path.join(root, "node_modules/.bin/autocannon");

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  /** Sent with every request, e.g. `authorization`. */
  headers?: Record<string, string>;
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  totalRequests: number;
}

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

/**
 * Runs the autocannon CLI in a child process (its own event loop and CPU time), bounded by a
 * hard timeout of the duration plus 30 s, and returns the summary of its `--json` report.
 */
export function runAutocannon(url: string, options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      autocannonBin,
      [
        "--json",
        "--connections",
        String(options.connections),
        "--duration",
        String(options.durationSeconds),
        ...Object.entries(options.headers ?? {}).flatMap(([name, value]) => [
          "--headers",
          `${name}=${value}`,
        ]),
        url,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), (options.durationSeconds + 30) * 1000);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`autocannon exited with ${code ?? signal}: ${stderr.slice(-500)}`));
        return;
      }
      try {
        const report = JSON.parse(stdout) as AutocannonJson;
        resolve({
          requestsPerSecond: report.requests.average,
          latencyP50Ms: report.latency.p50,
          latencyP99Ms: report.latency.p99,
          errors: report.errors,
          timeouts: report.timeouts,
          non2xx: report.non2xx,
          totalRequests: report.requests.total,
        });
      } catch (error) {
        reject(new Error(`Could not read autocannon's report: ${String(error)}\n${stdout.slice(0, 500)}`));
      }
    });
  });
}
