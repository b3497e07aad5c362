import { and, asc, count, eq, isNull, like, ne, or, sql } from "drizzle-orm";
import { categories, postCategories, posts, type CategoryRow } from "../schema/index.js";
import { CrudRepository, type DbSource } from "./base.repository.js";

export interface CategoryWithCount extends CategoryRow {
  /** Published posts in this category, not counting sub-categories. */
  postCount: number;
  /** 0 for top-level categories. */
  depth: number;
}

/** Depth-first tree order: each parent, then its children by position, then name. */
function treeOrder<T extends CategoryRow>(rows: T[]): (T & { depth: number })[] {
  const children = new Map<string | null, T[]>();
  for (const row of rows) {
    const siblings = children.get(row.parentId);
    if (siblings) siblings.push(row);
    else children.set(row.parentId, [row]);
  }
  const ordered: (T & { depth: number })[] = [];
  const seen = new Set<string>();
  const visit = (parentId: string | null, depth: number): void => {
    for (const row of children.get(parentId) ?? []) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      ordered.push({ ...row, depth });
      visit(row.id, depth + 1);
    }
  };
  visit(null, 0);
  // Rows whose parent is missing (cannot happen with the FK, but never drop data) go last.
  for (const row of rows) if (!seen.has(row.id)) ordered.push({ ...row, depth: 0 });
  return ordered;
}

export class CategoriesRepository extends CrudRepository<typeof categories> {
  constructor(source: DbSource) {
    super(source, categories, "category");
  }

  async findBySlug(slug: string): Promise<CategoryRow | null> {
    const rows = await this.access.read().select().from(categories).where(eq(categories.slug, slug)).limit(1);
    return rows[0] ?? null;
  }

  /** Every category in tree order, with its published post count (one grouped query). */
  async listWithPostCounts(): Promise<CategoryWithCount[]> {
    const db = this.access.read();
    const counts = db
      .select({ categoryId: postCategories.categoryId, n: count().as("n") })
      .from(postCategories)
      .innerJoin(posts, eq(posts.id, postCategories.postId))
      .where(and(eq(posts.status, "published"), isNull(posts.deletedAt)))
      .groupBy(postCategories.categoryId)
      .as("counts");
    const rows = await db
      .select({ category: categories, postCount: sql<number>`coalesce(${counts.n}, 0)::int` })
      .from(categories)
      .leftJoin(counts, eq(counts.categoryId, categories.id))
      .orderBy(asc(categories.position), asc(categories.name));
    return treeOrder(rows.map((r) => ({ ...r.category, postCount: Number(r.postCount) })));
  }

  /** The category with its published post count; null when it does not exist. */
  async findWithPostCount(id: string): Promise<CategoryWithCount | null> {
    const db = this.access.write;
    const [row] = await db.select().from(categories).where(eq(categories.id, id)).limit(1);
    if (!row) return null;
    const counted = await db
      .select({ n: count() })
      .from(postCategories)
      .innerJoin(posts, eq(posts.id, postCategories.postId))
      .where(and(eq(postCategories.categoryId, id), eq(posts.status, "published"), isNull(posts.deletedAt)));
    return { ...row, postCount: Number(counted[0]?.n ?? 0), depth: 0 };
  }

  async slugTaken(slug: string, exceptId?: string): Promise<boolean> {
    const rows = await this.access.write
      .select({ id: categories.id })
      .from(categories)
      .where(
        exceptId === undefined
          ? eq(categories.slug, slug)
          : and(eq(categories.slug, slug), ne(categories.id, exceptId)),
      )
      .limit(1);
    return rows.length > 0;
  }

  /** Slugs equal to `base` or starting with `base-` (for de-duplication with -2, -3…). */
  async slugsLike(base: string): Promise<string[]> {
    const rows = await this.access.write
      .select({ slug: categories.slug })
      .from(categories)
      .where(or(eq(categories.slug, base), like(categories.slug, `${base}-%`)));
    return rows.map((r) => r.slug);
  }

  /**
   * Serialises writes to the category tree for the rest of the transaction, so two concurrent
   * moves cannot together make a cycle that neither one alone would.
   */
  async lockTree(): Promise<void> {
    await this.access.write.execute(sql`select pg_advisory_xact_lock(hashtext('folio.categories.tree'))`);
  }

  /** Ids from `id` up to the root (`id` first); stops at a repeated id. */
  async ancestorIds(id: string): Promise<string[]> {
    const result: unknown = await this.access.write.execute(
      sql`with recursive up(id, parent_id, depth) as (
            select id, parent_id, 0 from ${categories} where id = ${id}
            union all
            select c.id, c.parent_id, up.depth + 1 from ${categories} c join up on c.id = up.parent_id
            where up.depth < 1000
          ) select id from up order by depth`,
    );
    // Both drivers (node-postgres, PGlite) answer `{ rows }` from execute.
    return (result as { rows: { id: string }[] }).rows.map((r) => r.id);
  }

  async countChildren(id: string): Promise<number> {
    const rows = await this.access.write
      .select({ n: count() })
      .from(categories)
      .where(eq(categories.parentId, id));
    return Number(rows[0]?.n ?? 0);
  }

  /** Siblings under `parentId` (null: top level) in display order. */
  async siblings(parentId: string | null): Promise<CategoryRow[]> {
    return await this.access.write
      .select()
      .from(categories)
      .where(parentId === null ? isNull(categories.parentId) : eq(categories.parentId, parentId))
      .orderBy(asc(categories.position), asc(categories.name), asc(categories.id));
  }

  /**
   * Puts `id` at index `position` among the siblings under `parentId` and renumbers them 0…n-1
   * (only rows whose position changes are written). Locks the sibling rows first.
   */
  async placeAt(id: string, parentId: string | null, position: number | undefined): Promise<void> {
    const db = this.access.write;
    await db
      .select({ id: categories.id })
      .from(categories)
      .where(parentId === null ? isNull(categories.parentId) : eq(categories.parentId, parentId))
      .orderBy(asc(categories.id))
      .for("update");
    const others = (await this.siblings(parentId)).filter((row) => row.id !== id);
    const index = Math.max(0, Math.min(position ?? others.length, others.length));
    const ordered = [...others.slice(0, index).map((r) => r.id), id, ...others.slice(index).map((r) => r.id)];
    const current = new Map(others.map((r) => [r.id, r.position]));
    for (const [i, rowId] of ordered.entries()) {
      if (rowId !== id && current.get(rowId) === i) continue;
      await db.update(categories).set({ position: i }).where(eq(categories.id, rowId));
    }
  }

  /** Slugs of the live posts in the category (for revalidating their pages). */
  async livePostSlugs(categoryId: string, limit = 200): Promise<string[]> {
    const rows = await this.access.write
      .select({ slug: posts.slug })
      .from(postCategories)
      .innerJoin(posts, eq(posts.id, postCategories.postId))
      .where(
        and(
          eq(postCategories.categoryId, categoryId),
          eq(posts.status, "published"),
          isNull(posts.deletedAt),
        ),
      )
      .limit(limit);
    return rows.map((r) => r.slug);
  }
}
