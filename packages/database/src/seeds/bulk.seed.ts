import { slugify, uuidv7 } from "@folio/core";
import { documentExcerpt, postReadingTimeMinutes, renderPostBody } from "../content/render-body.js";
import type { Database } from "../db-types.js";
import type { PostBodyDocument } from "../schema/index.js";
import { demoThemes, type DemoTheme } from "./demo-corpus.js";
import { demoCategories } from "./demo-people.js";
import { DEMO_BASE_DATE, upsertDemoTaxonomy } from "./demo.seed.js";
import { createRandom, type Random } from "./random.js";
import { inTransaction } from "../sql-connection.js";

export interface BulkProgress {
  inserted: number;
  total: number;
  elapsedMs: number;
  /** Posts per second so far. */
  ratePerSecond: number;
}

export interface SeedBulkOptions {
  /** Number of posts to add. */
  posts: number;
  /** Posts per INSERT statement (default 2000). */
  batchSize?: number;
  /** Newest publication date (default: the demo base date). */
  now?: Date;
  onProgress?: (progress: BulkProgress) => void;
}

export interface SeedBulkResult {
  posts: number;
  elapsedMs: number;
  analyzed: boolean;
}

interface BodyVariant {
  idx: number;
  body: PostBodyDocument;
  html: string;
  reading_time: number;
  excerpt: string;
  theme: DemoTheme;
}

/** Short bodies (listing benchmarks never read them) built from the demo corpus. */
function bodyVariants(random: Random): BodyVariant[] {
  const variants: BodyVariant[] = [];
  for (let i = 0; i < 24; i += 1) {
    const theme = demoThemes[i % demoThemes.length] as DemoTheme;
    const paragraphs = random.shuffle(theme.paragraphs);
    const body: PostBodyDocument = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: paragraphs[0] ?? "Folio" }] },
        {
          type: "heading",
          attrs: { level: 2 },
          content: [{ type: "text", text: random.pick(theme.headings) }],
        },
        { type: "paragraph", content: [{ type: "text", text: paragraphs[1] ?? "Folio" }] },
        {
          type: "bulletList",
          content: random.pick(theme.lists).map((item) => ({
            type: "listItem",
            content: [{ type: "paragraph", content: [{ type: "text", text: item }] }],
          })),
        },
      ],
    };
    variants.push({
      idx: i,
      body,
      html: renderPostBody(body),
      reading_time: postReadingTimeMinutes(body),
      excerpt: documentExcerpt(body, 200),
      theme,
    });
  }
  return variants;
}

const INSERT_POSTS = `
  insert into posts (id, title, slug, excerpt, body, html, status, published_at, featured, cover_image_url,
                     cover_image_alt, reading_time_minutes, primary_category_id, meta_description, created_at, updated_at)
  select r.id, r.title, r.slug, r.excerpt, v.body, v.html, r.status, r.published_at, r.featured,
         r.cover, r.cover_alt, v.reading_time, r.category_id, r.excerpt, r.created_at, r.created_at
  from json_to_recordset($1::json) as r(id uuid, title text, slug text, excerpt text, variant int, status text,
       published_at timestamptz, featured boolean, cover text, cover_alt text, category_id uuid, created_at timestamptz)
  join json_to_recordset($2::json) as v(idx int, body jsonb, html text, reading_time int) on v.idx = r.variant`;
const INSERT_AUTHORS = `
  insert into post_authors (post_id, user_id, position)
  select p, u, pos from json_to_recordset($1::json) as r(p uuid, u uuid, pos int)`;
const INSERT_TAGS = `
  insert into post_tags (post_id, tag_id, position)
  select p, t, pos from json_to_recordset($1::json) as r(p uuid, t uuid, pos int)`;
const INSERT_CATEGORIES = `
  insert into post_categories (post_id, category_id)
  select p, c from json_to_recordset($1::json) as r(p uuid, c uuid)`;

/**
 * Adds `posts` generated posts for benchmarks: a few thousand rows per statement (JSON record
 * sets, so both drivers send one parameter), each batch in its own transaction, then VACUUM (ANALYZE)
 * so the planner sees the new sizes (autovacuum may be off). Re-runnable: slugs continue numbering.
 */
export async function seedBulk(database: Database, options: SeedBulkOptions): Promise<SeedBulkResult> {
  const total = Math.max(0, Math.floor(options.posts));
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 2000));
  const now = options.now ?? DEMO_BASE_DATE;
  const random = createRandom(0xb01c + total);
  const started = Date.now();
  const ids = await database.transaction((tx) =>
    upsertDemoTaxonomy(tx, createRandom(0xf0110), now.getTime()),
  );
  const userIds = [...ids.users.values()];
  const tagIds = [...ids.tags.values()];
  const variants = bodyVariants(random);
  const variantsJson = JSON.stringify(variants.map(({ theme: _theme, ...v }) => v));
  const categoryFor = (theme: DemoTheme): string[] =>
    demoCategories
      .filter((c) => c.slug === theme.category || c.slug === theme.subcategory)
      .map((c) => ids.categories.get(c.slug))
      .filter((id): id is string => id !== undefined);

  return database.withConnection(async (connection) => {
    const [{ n: existing } = { n: 0 }] = await connection.query<{ n: number }>(
      "select count(*)::int as n from posts where slug like 'bulk-%'",
    );
    let inserted = 0;
    while (inserted < total) {
      const size = Math.min(batchSize, total - inserted);
      const postRows: Record<string, unknown>[] = [];
      const authorRows: { p: string; u: string; pos: number }[] = [];
      const tagRows: { p: string; t: string; pos: number }[] = [];
      const categoryRows: { p: string; c: string }[] = [];
      for (let k = 0; k < size; k += 1) {
        const n = existing + inserted + k + 1;
        const variant = variants[n % variants.length] as BodyVariant;
        const title = `${random.pick(variant.theme.titles)}, part ${n}`;
        const id = uuidv7();
        const roll = random.next();
        const status = roll < 0.02 ? "draft" : roll < 0.03 ? "scheduled" : "published";
        const offsetMs = (n * 7 + random.int(0, 6)) * 60_000;
        const publishedAt =
          status === "draft"
            ? null
            : new Date(now.getTime() + (status === "scheduled" ? offsetMs : -offsetMs)).toISOString();
        const categories = categoryFor(variant.theme);
        const cover = n % 3 === 0 ? null : `/covers/${variant.theme.category}-${(n % 4) + 1}.svg`;
        postRows.push({
          id,
          title,
          slug: `bulk-${n}-${slugify(title, { maxLength: 120 })}`,
          excerpt: variant.excerpt,
          variant: variant.idx,
          status,
          published_at: publishedAt,
          featured: status === "published" && random.chance(0.05),
          cover,
          cover_alt: cover === null ? null : `Illustration for “${title}”`,
          category_id: categories[n % categories.length] ?? null,
          created_at: new Date(now.getTime() - offsetMs - 3_600_000).toISOString(),
        });
        const authors = random.shuffle(userIds).slice(0, random.chance(0.2) ? 2 : 1);
        authors.forEach((u, pos) => authorRows.push({ p: id, u, pos }));
        random
          .shuffle(tagIds)
          .slice(0, random.int(1, 3))
          .forEach((t, pos) => tagRows.push({ p: id, t, pos }));
        categories.forEach((c) => categoryRows.push({ p: id, c }));
      }
      await inTransaction(connection, async () => {
        await connection.query(INSERT_POSTS, [JSON.stringify(postRows), variantsJson]);
        await connection.query(INSERT_AUTHORS, [JSON.stringify(authorRows)]);
        await connection.query(INSERT_TAGS, [JSON.stringify(tagRows)]);
        if (categoryRows.length > 0)
          await connection.query(INSERT_CATEGORIES, [JSON.stringify(categoryRows)]);
      });
      inserted += size;
      const elapsedMs = Date.now() - started;
      options.onProgress?.({
        inserted,
        total,
        elapsedMs,
        ratePerSecond: elapsedMs > 0 ? Math.round((inserted * 1000) / elapsedMs) : inserted,
      });
    }
    // VACUUM as well as ANALYZE: it sets the visibility map, so counts over published posts can
    // use index-only scans right away instead of after autovacuum (which is off on some machines).
    await connection.exec(
      "VACUUM (ANALYZE) posts, post_authors, post_tags, post_categories, users, tags, categories",
    );
    return { posts: inserted, elapsedMs: Date.now() - started, analyzed: true };
  });
}
