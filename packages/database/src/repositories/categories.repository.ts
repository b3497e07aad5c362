import { asc, count, eq, sql } from "drizzle-orm";
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
      .where(eq(posts.status, "published"))
      .groupBy(postCategories.categoryId)
      .as("counts");
    const rows = await db
      .select({ category: categories, postCount: sql<number>`coalesce(${counts.n}, 0)::int` })
      .from(categories)
      .leftJoin(counts, eq(counts.categoryId, categories.id))
      .orderBy(asc(categories.position), asc(categories.name));
    return treeOrder(rows.map((r) => ({ ...r.category, postCount: Number(r.postCount) })));
  }
}
