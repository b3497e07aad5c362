import { inArray } from "drizzle-orm";
import type { Database, Db } from "../db-types.js";
import {
  categories,
  postAuthors,
  postCategories,
  posts,
  postTags,
  tags,
  users,
  type NewPostRow,
} from "../schema/index.js";
import { planDemoPosts } from "./demo-posts.js";
import { demoAuthors, demoCategories, demoOwner, demoTags } from "./demo-people.js";
import { createRandom, seededUuidv7, type Random } from "./random.js";

/** The fixed instant demo content is dated from, so two seeded databases are identical. */
export const DEMO_BASE_DATE = new Date("2026-01-15T09:00:00.000Z");
const DEMO_SEED = 0xf0110;

export interface SeedDemoOptions {
  /** "Now" for the demo timeline (default DEMO_BASE_DATE). Scheduled posts fall after it. */
  now?: Date;
  /**
   * Local demos only (never production): an argon2id hash (from @folio/auth, which this package
   * cannot depend on) of a password given to the demo staff, who also get verified emails, and
   * to an extra owner, `owner@folio.local`. Without it the demo people cannot sign in.
   */
  demoPasswordHash?: string;
}

export interface SeedDemoResult {
  skipped: boolean;
  users: number;
  tags: number;
  categories: number;
  posts: number;
}

/** True when there are no users and no posts (a fresh install). */
export async function isDatabaseEmpty(database: Database): Promise<boolean> {
  const [post] = await database.db.select({ id: posts.id }).from(posts).limit(1);
  const [user] = await database.db.select({ id: users.id }).from(users).limit(1);
  return post === undefined && user === undefined;
}

/** Authors, tags and categories of the demo (idempotent per slug); returns slug -> id maps. */
export async function upsertDemoTaxonomy(
  tx: Db,
  random: Random,
  baseMs: number,
): Promise<{ users: Map<string, string>; tags: Map<string, string>; categories: Map<string, string> }> {
  const base = new Date(baseMs - 400 * 24 * 3_600_000);
  await tx
    .insert(users)
    .values(
      demoAuthors.map((a, i) => ({
        id: seededUuidv7(base.getTime() + i, random),
        email: a.email,
        displayName: a.displayName,
        slug: a.slug,
        bio: a.bio,
        avatarUrl: a.avatarUrl,
        websiteUrl: a.websiteUrl,
        role: a.role,
        createdAt: base,
        updatedAt: base,
      })),
    )
    .onConflictDoNothing();
  await tx
    .insert(tags)
    .values(
      demoTags.map((t, i) => ({
        id: seededUuidv7(base.getTime() + 100 + i, random),
        slug: t.slug,
        name: t.name,
        description: t.description,
        createdAt: base,
        updatedAt: base,
      })),
    )
    .onConflictDoNothing();
  const categoryIds = new Map<string, string>();
  for (const existing of await tx.select({ id: categories.id, slug: categories.slug }).from(categories)) {
    categoryIds.set(existing.slug, existing.id);
  }
  // Parents first, so each child's parent id is known.
  const ordered = [...demoCategories].sort((a, b) => Number(a.parent !== null) - Number(b.parent !== null));
  for (const [i, c] of ordered.entries()) {
    if (categoryIds.has(c.slug)) continue;
    const id = seededUuidv7(base.getTime() + 200 + i, random);
    await tx.insert(categories).values({
      id,
      slug: c.slug,
      name: c.name,
      description: c.description,
      parentId: c.parent === null ? null : (categoryIds.get(c.parent) ?? null),
      position: c.position,
      createdAt: base,
      updatedAt: base,
    });
    categoryIds.set(c.slug, id);
  }
  const userIds = new Map(
    (await tx.select({ id: users.id, slug: users.slug }).from(users)).map((r) => [r.slug, r.id] as const),
  );
  const tagIds = new Map(
    (await tx.select({ id: tags.id, slug: tags.slug }).from(tags)).map((r) => [r.slug, r.id] as const),
  );
  return { users: userIds, tags: tagIds, categories: categoryIds };
}

/** Passwords and verified emails for the demo staff, plus the demo owner; returns owners added. */
async function addDemoCredentials(tx: Db, random: Random, now: Date, passwordHash: string): Promise<number> {
  await tx
    .update(users)
    .set({ passwordHash, emailVerifiedAt: now, passwordChangedAt: now })
    .where(
      inArray(
        users.slug,
        demoAuthors.map((a) => a.slug),
      ),
    );
  // Drawn after everything else, so the rest of the demo stays identical with or without it.
  const inserted = await tx
    .insert(users)
    .values({
      id: seededUuidv7(now.getTime() - 400 * 24 * 3_600_000 + 50, random),
      email: demoOwner.email,
      displayName: demoOwner.displayName,
      slug: demoOwner.slug,
      bio: demoOwner.bio,
      role: demoOwner.role,
      passwordHash,
      passwordChangedAt: now,
      emailVerifiedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return inserted.length;
}

function required(map: Map<string, string>, slug: string, kind: string): string {
  const id = map.get(slug);
  if (id === undefined) throw new Error(`demo seed: unknown ${kind} ${JSON.stringify(slug)}`);
  return id;
}

/**
 * Loads the deterministic demo publication (4 authors, 8 tags, 5 categories, 60 posts) in one
 * transaction. Skips (and says so) when the database already has users or posts.
 */
export async function seedDemoContent(
  database: Database,
  options: SeedDemoOptions = {},
): Promise<SeedDemoResult> {
  if (!(await isDatabaseEmpty(database))) {
    return { skipped: true, users: 0, tags: 0, categories: 0, posts: 0 };
  }
  const now = options.now ?? DEMO_BASE_DATE;
  const random = createRandom(DEMO_SEED);
  return database.transaction(async (tx) => {
    const ids = await upsertDemoTaxonomy(tx, random, now.getTime());
    const plans = planDemoPosts(random, now);
    const rows: NewPostRow[] = plans.map((plan) => ({
      id: seededUuidv7((plan.publishedAt ?? plan.createdAt).getTime(), random),
      title: plan.title,
      slug: plan.slug,
      excerpt: plan.excerpt,
      body: plan.body,
      html: plan.html,
      status: plan.status,
      publishedAt: plan.publishedAt,
      featured: plan.featured,
      coverImageUrl: plan.coverImageUrl,
      coverImageAlt: plan.coverImageAlt,
      readingTimeMinutes: plan.readingTimeMinutes,
      primaryCategoryId: required(ids.categories, plan.primaryCategorySlug, "category"),
      ...plan.seo,
      createdAt: plan.createdAt,
      updatedAt: plan.updatedAt,
    }));
    await tx.insert(posts).values(rows);
    const authorRows = plans.flatMap((plan, i) =>
      plan.authorSlugs.map((slug, position) => ({
        postId: rows[i]?.id as string,
        userId: required(ids.users, slug, "author"),
        position,
      })),
    );
    const tagRows = plans.flatMap((plan, i) =>
      plan.tagSlugs.map((slug, position) => ({
        postId: rows[i]?.id as string,
        tagId: required(ids.tags, slug, "tag"),
        position,
      })),
    );
    const categoryRows = plans.flatMap((plan, i) =>
      plan.categorySlugs.map((slug) => ({
        postId: rows[i]?.id as string,
        categoryId: required(ids.categories, slug, "category"),
      })),
    );
    await tx.insert(postAuthors).values(authorRows);
    await tx.insert(postTags).values(tagRows);
    await tx.insert(postCategories).values(categoryRows);
    let owners = 0;
    if (options.demoPasswordHash !== undefined) {
      owners = await addDemoCredentials(tx, random, now, options.demoPasswordHash);
    }
    return {
      skipped: false,
      users: ids.users.size + owners,
      tags: ids.tags.size,
      categories: ids.categories.size,
      posts: rows.length,
    };
  });
}
