import { uuidv7 } from "@folio/core";
import { and, desc, eq, ilike, lt, ne, or, sql } from "drizzle-orm";
import { redirects, type RedirectKind, type RedirectRow } from "../schema/index.js";
import { CrudRepository, type DbSource } from "./base.repository.js";

export interface RedirectListOptions {
  limit: number;
  /** Exclusive upper bound on `id` (UUIDv7: newest first). */
  before?: string | undefined;
  /** Substring of from_path or to_path, case-insensitive. */
  q?: string | undefined;
  kind?: RedirectKind | undefined;
}

export interface PointRedirect {
  fromPath: string;
  toPath: string;
  statusCode?: number | undefined;
  kind: RedirectKind;
  createdBy?: string | null | undefined;
}

/** `%`, `_` and `\` match themselves in the ILIKE pattern. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The redirects table. Paths arrive normalised (see @folio/domain redirects/paths.ts); the
 * repository keeps the table free of chains: `point` re-targets redirects that pointed at the
 * old path and drops one that started at the new path.
 */
export class RedirectsRepository extends CrudRepository<typeof redirects> {
  constructor(source: DbSource) {
    super(source, redirects, "redirect");
  }

  async findByFromPath(fromPath: string): Promise<RedirectRow | null> {
    const rows = await this.access.write
      .select()
      .from(redirects)
      .where(eq(redirects.fromPath, fromPath))
      .limit(1);
    return rows[0] ?? null;
  }

  /** The public lookup: replica-tolerant, one index probe. */
  async resolve(fromPath: string): Promise<Pick<RedirectRow, "id" | "toPath" | "statusCode"> | null> {
    const rows = await this.access
      .read()
      .select({ id: redirects.id, toPath: redirects.toPath, statusCode: redirects.statusCode })
      .from(redirects)
      .where(eq(redirects.fromPath, fromPath))
      .limit(1);
    return rows[0] ?? null;
  }

  /** Newest first; fetches `limit + 1` to know whether another page exists. */
  async listPage(options: RedirectListOptions): Promise<{ items: RedirectRow[]; hasMore: boolean }> {
    const conditions = [
      options.before === undefined ? undefined : lt(redirects.id, options.before),
      options.kind === undefined ? undefined : eq(redirects.kind, options.kind),
      options.q === undefined
        ? undefined
        : or(
            ilike(redirects.fromPath, likePattern(options.q)),
            ilike(redirects.toPath, likePattern(options.q)),
          ),
    ];
    const rows = await this.access.write
      .select()
      .from(redirects)
      .where(and(...conditions))
      .orderBy(desc(redirects.id))
      .limit(options.limit + 1);
    return { items: rows.slice(0, options.limit), hasMore: rows.length > options.limit };
  }

  /** Redirects whose target is `toPath` (the chains a new redirect from `toPath` would extend). */
  async findByToPath(toPath: string): Promise<RedirectRow[]> {
    return await this.access.write.select().from(redirects).where(eq(redirects.toPath, toPath));
  }

  /**
   * Content moved from `fromPath` to `toPath` (a slug change): upserts `fromPath → toPath`,
   * re-targets every redirect that pointed at `fromPath` (no chains), and deletes the redirect
   * starting at `toPath`, so the content is reachable there again (which also removes the
   * `toPath → fromPath` loop a rename back would make). Run it inside the change's transaction.
   */
  async point(redirect: PointRedirect): Promise<RedirectRow> {
    const db = this.access.write;
    const now = new Date();
    await db.delete(redirects).where(eq(redirects.fromPath, redirect.toPath));
    await db
      .update(redirects)
      .set({ toPath: redirect.toPath, updatedAt: now })
      .where(and(eq(redirects.toPath, redirect.fromPath), ne(redirects.fromPath, redirect.toPath)));
    const rows = await db
      .insert(redirects)
      .values({
        id: uuidv7(),
        fromPath: redirect.fromPath,
        toPath: redirect.toPath,
        statusCode: redirect.statusCode ?? 301,
        kind: redirect.kind,
        createdBy: redirect.createdBy ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: redirects.fromPath,
        set: {
          toPath: redirect.toPath,
          statusCode: redirect.statusCode ?? 301,
          kind: redirect.kind,
          updatedAt: now,
        },
      })
      .returning();
    const row = rows[0];
    if (!row) throw new Error("upsert into redirects returned no row");
    return row;
  }

  /** Re-targets redirects that pointed at `fromPath` to `toPath` (collapsing a chain). */
  async retarget(fromPath: string, toPath: string): Promise<number> {
    const rows = await this.access.write
      .update(redirects)
      .set({ toPath, updatedAt: new Date() })
      .where(and(eq(redirects.toPath, fromPath), ne(redirects.fromPath, toPath)))
      .returning({ id: redirects.id });
    return rows.length;
  }

  /** Deletes the redirect starting at `fromPath`, if any. */
  async deleteByFromPath(fromPath: string): Promise<boolean> {
    const rows = await this.access.write
      .delete(redirects)
      .where(eq(redirects.fromPath, fromPath))
      .returning({ id: redirects.id });
    return rows.length > 0;
  }

  /** Adds `count` hits (counted in memory by the caller, written in one statement). */
  async addHits(id: string, count: number, at: Date): Promise<void> {
    await this.access.write
      .update(redirects)
      .set({ hits: sql`${redirects.hits} + ${count}`, lastHitAt: at })
      .where(eq(redirects.id, id));
  }
}
