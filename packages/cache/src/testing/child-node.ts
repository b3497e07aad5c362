import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../../../..");
const fixture = path.join(here, "cache-node.fixture.ts");

/** A child process running `cache-node.fixture.ts`, spoken to with JSON lines. */
export class ChildNode {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #pending = new Map<number, (result: unknown) => void>();
  #nextId = 1;

  constructor(env: Record<string, string>) {
    this.#child = spawn(
      path.join(repoRoot, "node_modules/.bin/tsx"),
      ["--conditions=@folio/source", fixture],
      {
        cwd: repoRoot,
        env: { ...process.env, ...env },
      },
    );
    createInterface({ input: this.#child.stdout }).on("line", (line) => {
      const { id, result } = JSON.parse(line) as { id: number; result: unknown };
      this.#pending.get(id)?.(result);
      this.#pending.delete(id);
    });
  }

  send(command: { op: string; key?: string; value?: unknown; tags?: string[] }): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`child did not answer ${JSON.stringify(command)}`)),
        20_000,
      );
      this.#pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.#child.stdin.write(`${JSON.stringify({ id, ...command })}\n`);
    });
  }

  async close(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.#child.once("exit", resolve));
    await this.send({ op: "close" }).catch(() => this.#child.kill("SIGKILL"));
    await exited;
  }
}
