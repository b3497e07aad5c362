import type { CurrentPostRow } from "@folio/database";
import type { ContentChange, FieldChange } from "@folio/types";
import { diffWordsWithSpace } from "diff";

/** A revision or the current post, in the terms a diff compares. */
export interface DiffSide {
  title: string;
  slug: string;
  excerpt: string | null;
  html: string;
  fields: Record<string, unknown>;
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  "#39": "'",
  apos: "'",
  nbsp: " ",
};
const BLOCK_END = /<\/(p|h[1-6]|li|blockquote|pre|figcaption|figure)>|<br\s*\/?>|<hr\s*\/?>/gi;

/**
 * The readable text of rendered post HTML: block ends become line breaks, tags are dropped and
 * the entities the renderer emits are decoded. Good enough to diff; never rendered.
 */
export function htmlToText(html: string): string {
  return html
    .replace(BLOCK_END, (tag) => `${tag}\n`)
    .replace(/<[^>]*>/g, "")
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/gi, (entity: string, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X"))
        return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith("#") && name !== "#39") return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A word diff of the two texts, adjacent parts of one kind merged. */
export function diffText(before: string, after: string): ContentChange[] {
  const changes: ContentChange[] = [];
  for (const part of diffWordsWithSpace(before, after)) {
    const op: ContentChange["op"] = part.added ? "insert" : part.removed ? "delete" : "equal";
    const last = changes.at(-1);
    if (last?.op === op) last.text += part.value;
    else if (part.value !== "") changes.push({ op, text: part.value });
  }
  return changes;
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** Changed fields: title, slug, excerpt, then every key of either side's `fields`, in name order. */
export function diffFields(from: DiffSide, to: DiffSide): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of ["title", "slug", "excerpt"] as const) {
    if (from[field] !== to[field]) changes.push({ field, before: from[field], after: to[field] });
  }
  const keys = [...new Set([...Object.keys(from.fields), ...Object.keys(to.fields)])].sort();
  for (const key of keys) {
    const before = from.fields[key] ?? null;
    const after = to.fields[key] ?? null;
    if (stable(before) !== stable(after)) changes.push({ field: key, before, after });
  }
  return changes;
}

/**
 * The current post's fields, named like a revision's (the PostInput names) and, for an object
 * field, limited to the keys the revision recorded — so a diff shows real changes, not a
 * difference in what was captured.
 */
export function currentFields(post: CurrentPostRow, like: Record<string, unknown>): Record<string, unknown> {
  const all: Record<string, unknown> = {
    featured: post.featured,
    visibility: post.visibility,
    comments_enabled: post.commentsEnabled,
    cover_image:
      post.coverImageUrl === null
        ? null
        : { url: post.coverImageUrl, alt: post.coverImageAlt, media_id: post.coverMediaId },
    primary_category_id: post.primaryCategoryId,
    category_ids: post.categoryIds,
    tag_ids: post.tagIds,
    author_ids: post.authorIds,
    unpublish_at: post.unpublishAt?.toISOString() ?? null,
    seo: {
      meta_title: post.metaTitle,
      meta_description: post.metaDescription,
      canonical_url: post.canonicalUrl,
      og_title: post.ogTitle,
      og_description: post.ogDescription,
      og_image_url: post.ogImageUrl,
      twitter_title: post.twitterTitle,
      twitter_description: post.twitterDescription,
      twitter_image_url: post.twitterImageUrl,
    },
  };
  const fields: Record<string, unknown> = {};
  for (const [key, recorded] of Object.entries(like)) {
    if (!(key in all)) continue;
    const value = all[key];
    if (
      recorded !== null &&
      typeof recorded === "object" &&
      !Array.isArray(recorded) &&
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value)
    ) {
      const current = value as Record<string, unknown>;
      fields[key] = Object.fromEntries(
        Object.keys(recorded).map((k) => [
          k,
          k in current ? current[k] : (recorded as Record<string, unknown>)[k],
        ]),
      );
    } else {
      fields[key] = value;
    }
  }
  return fields;
}
