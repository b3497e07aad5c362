/**
 * One "API node" for the cross-process tests: a cache on the shared Redis driven by JSON lines on
 * stdin, answering JSON lines on stdout. Run with `tsx --conditions=@folio/source`.
 */
import { createInterface } from "node:readline";
import { createCache } from "@folio/cache";

interface Command {
  id: number;
  op: "get" | "getOrSet" | "set" | "invalidate" | "summary" | "close";
  key?: string;
  value?: unknown;
  tags?: string[];
}

const cache = createCache({
  namespace: "folio",
  keyPrefix: process.env.CACHE_KEY_PREFIX ?? "folio-test:fixture",
  redis: { url: process.env.FOLIO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379" },
});

function reply(id: number, result: unknown): void {
  process.stdout.write(`${JSON.stringify({ id, result: result ?? null })}\n`);
}

async function run(command: Command): Promise<unknown> {
  const key = command.key ?? "";
  const tags = command.tags ?? [];
  switch (command.op) {
    case "get":
      return cache.get(key);
    case "getOrSet":
      return cache.getOrSet(key, () => Promise.resolve(command.value), { tags });
    case "set":
      return cache.set(key, command.value, { tags });
    case "invalidate":
      return cache.invalidateTags(tags);
    case "summary":
      return cache.summary();
    case "close":
      await cache.close();
      setImmediate(() => process.exit(0));
      return true;
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const command = JSON.parse(line) as Command;
  run(command).then(
    (result) => reply(command.id, result),
    (error: unknown) => reply(command.id, { error: String(error) }),
  );
}
