import { type CursorCodec, isUuid, NotFoundError, UnprocessableError, ValidationError } from "@folio/core";
import { createRepositories, type Database, type RedirectRow, type Repositories } from "@folio/database";
import type {
  ListRedirectsQuery,
  Redirect,
  RedirectInput,
  RedirectList,
  RedirectPatch,
  RedirectResolution,
  RedirectStatusCode,
} from "@folio/types";
import { isUniqueViolation } from "../accounts/account-rules.js";
import { RedirectExistsError } from "./redirect-errors.js";
import { createHitCounter, type HitCounter } from "./hit-counter.js";
import { normaliseFromPath, normaliseToPath, type PathResult, sitePathOf } from "./paths.js";

export interface RedirectsActor {
  userId: string;
}

export interface RedirectsServiceDeps {
  database: Database;
  cursors: CursorCodec;
  /** How long hits are gathered in memory before one UPDATE per redirect (default 1 s). */
  hitFlushMs?: number | undefined;
  /** Told about a failed hit flush (the counts are dropped; hits are statistics). */
  onHitFlushError?: ((error: unknown) => void) | undefined;
}

export interface RedirectsService {
  list(query: ListRedirectsQuery): Promise<RedirectList>;
  get(id: string): Promise<Redirect>;
  /** 409 `redirect-exists` for a taken from_path; 422 for a loop; a chain is collapsed. */
  create(actor: RedirectsActor, input: RedirectInput): Promise<Redirect>;
  update(actor: RedirectsActor, id: string, patch: RedirectPatch): Promise<Redirect>;
  delete(actor: RedirectsActor, id: string): Promise<void>;
  /** Where `path` redirects to, or null. Counts the hit without waiting for the write. */
  resolve(path: string): Promise<RedirectResolution | null>;
  /** Writes the hits gathered so far (tests, shutdown). */
  flushHits(): Promise<void>;
}

/** Longest chain followed while collapsing; the table is kept chain-free, so 1 is normal. */
const MAX_CHAIN = 20;

export function toRedirect(row: RedirectRow): Redirect {
  return {
    id: row.id,
    from_path: row.fromPath,
    to_path: row.toPath,
    status_code: row.statusCode as RedirectStatusCode,
    kind: row.kind,
    hits: row.hits,
    last_hit_at: row.lastHitAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

function valid(result: PathResult, pointer: string): string {
  if (!result.ok) throw new ValidationError([{ pointer, detail: result.detail }]);
  return result.value;
}

const loop = (detail: string) =>
  new UnprocessableError("The redirect would make a loop.", [{ pointer: "/body/to_path", detail }]);

const exists = (fromPath: string) => new RedirectExistsError(fromPath);

/**
 * Follows the redirects starting at `toPath` (ignoring `selfId`, the row being edited) and
 * answers the final target; a 422 when the walk comes back to `fromPath`.
 */
async function collapse(r: Repositories, fromPath: string, toPath: string, selfId?: string): Promise<string> {
  let target = toPath;
  const seen = new Set([fromPath]);
  for (let hop = 0; hop <= MAX_CHAIN; hop += 1) {
    const path = sitePathOf(target);
    if (path === null) return target;
    if (seen.has(path)) {
      throw loop(
        hop === 0 ? "must not point to from_path itself" : `${path} already redirects back to ${fromPath}`,
      );
    }
    const next = await r.redirects.findByFromPath(path);
    if (!next || next.id === selfId) return target;
    seen.add(path);
    target = next.toPath;
  }
  throw loop(`the chain from ${toPath} is longer than ${MAX_CHAIN} redirects`);
}

export function createRedirectsService(deps: RedirectsServiceDeps): RedirectsService {
  const { database, cursors } = deps;
  const repos = createRepositories(database);
  const hits: HitCounter = createHitCounter({
    flushMs: deps.hitFlushMs ?? 1000,
    write: (id, count, at) => repos.redirects.addHits(id, count, at),
    onError: deps.onHitFlushError,
  });

  function decodeCursor(cursor: string): string {
    const payload = cursors.decode<{ r?: unknown }>(cursor, "/query/cursor");
    if (!isUuid(payload.r)) {
      throw new ValidationError([{ pointer: "/query/cursor", detail: "cursor is not a redirects cursor" }]);
    }
    return payload.r;
  }

  async function write(fromPath: string, run: () => Promise<RedirectRow>): Promise<Redirect> {
    try {
      return toRedirect(await run());
    } catch (error) {
      if (isUniqueViolation(error)) throw exists(fromPath);
      throw error;
    }
  }

  return {
    async list(query) {
      const page = await repos.redirects.listPage({
        limit: query.limit,
        before: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
        q: query.q,
        kind: query.kind,
      });
      const last = page.items.at(-1);
      return {
        data: page.items.map(toRedirect),
        next_cursor: page.hasMore && last ? cursors.encode({ r: last.id }) : null,
      };
    },

    async get(id) {
      const row = await repos.redirects.findById(id);
      if (!row) throw new NotFoundError("redirect", id);
      return toRedirect(row);
    },

    async create(actor, input) {
      const fromPath = valid(normaliseFromPath(input.from_path), "/body/from_path");
      const toPath = valid(normaliseToPath(input.to_path), "/body/to_path");
      return await write(fromPath, () =>
        database.transaction(async (tx) => {
          const r = createRepositories(tx);
          if (await r.redirects.findByFromPath(fromPath)) throw exists(fromPath);
          const target = await collapse(r, fromPath, toPath);
          // Redirects that led to fromPath now lead straight to the target (no chains).
          await r.redirects.retarget(fromPath, target);
          return await r.redirects.create({
            fromPath,
            toPath: target,
            statusCode: input.status_code,
            kind: "manual",
            createdBy: actor.userId,
          });
        }),
      );
    },

    async update(_actor, id, patch) {
      return await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        const current = await r.redirects.findById(id);
        if (!current) throw new NotFoundError("redirect", id);
        const fromPath =
          patch.from_path === undefined
            ? current.fromPath
            : valid(normaliseFromPath(patch.from_path), "/body/from_path");
        const toPath =
          patch.to_path === undefined
            ? current.toPath
            : valid(normaliseToPath(patch.to_path), "/body/to_path");
        if (fromPath !== current.fromPath) {
          const other = await r.redirects.findByFromPath(fromPath);
          if (other && other.id !== id) throw exists(fromPath);
        }
        const target = await collapse(r, fromPath, toPath, id);
        await r.redirects.retarget(fromPath, target);
        return await write(fromPath, () =>
          r.redirects.update(id, {
            fromPath,
            toPath: target,
            ...(patch.status_code === undefined ? {} : { statusCode: patch.status_code }),
          }),
        );
      });
    },

    async delete(_actor, id) {
      if (!(await repos.redirects.delete(id))) throw new NotFoundError("redirect", id);
    },

    async resolve(path) {
      const normalised = normaliseFromPath(path);
      if (!normalised.ok) return null;
      const row = await repos.redirects.resolve(normalised.value);
      if (!row) return null;
      hits.record(row.id);
      return { to_path: row.toPath, status_code: row.statusCode as RedirectStatusCode };
    },

    flushHits: () => hits.flush(),
  };
}
