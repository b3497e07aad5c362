import type { PostRow, StaffListRow, StaffPostRecord } from "@folio/database";
import type {
  StaffPost,
  StaffPostListItem,
  StaffPostSummary,
  StaffPostSummaryField,
  StaffPostInclude,
} from "@folio/types";
import { toAuthorSummary, toTaxonSummary } from "./post-mappers.js";
import { allowedActions, canEdit, canTrash, type PostActor, type PostAccessFacts } from "./workflow.js";

// Staff rows (camelCase, Dates) -> the dashboard's contracts.

export type MediaUrl = (storageKey: string) => string;

export function isOwnRecord(
  actor: PostActor,
  record: Pick<StaffPostRecord, "createdBy"> & { authors: { id: string }[] },
) {
  return record.createdBy === actor.userId || record.authors.some((a) => a.id === actor.userId);
}

export function accessFacts(
  actor: PostActor,
  record: Pick<StaffPostRecord, "type" | "status" | "deletedAt" | "createdBy"> & {
    authors: { id: string }[];
  },
): PostAccessFacts {
  return {
    type: record.type,
    status: record.status,
    deletedAt: record.deletedAt,
    own: isOwnRecord(actor, record),
  };
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

function coverOf(record: Omit<StaffListRow, "sortKey">, mediaUrl: MediaUrl): StaffPostSummary["cover_image"] {
  if (record.coverImageUrl === null && record.coverMedia === null) return null;
  return {
    url: record.coverImageUrl ?? (record.coverMedia ? mediaUrl(record.coverMedia.storageKey) : ""),
    alt: record.coverImageAlt,
    media_id: record.coverMediaId,
    focal_x: record.coverMedia?.focalX ?? 0.5,
    focal_y: record.coverMedia?.focalY ?? 0.5,
  };
}

export function toStaffPostSummary(
  actor: PostActor,
  record: Omit<StaffListRow, "sortKey">,
  mediaUrl: MediaUrl,
): StaffPostSummary {
  const facts = accessFacts(actor, record);
  return {
    id: record.id,
    type: record.type,
    title: record.title,
    slug: record.slug,
    excerpt: record.excerpt,
    status: record.status,
    visibility: record.visibility,
    featured: record.featured,
    comments_enabled: record.commentsEnabled,
    published_at: iso(record.publishedAt),
    unpublish_at: iso(record.unpublishAt),
    cover_image: coverOf(record, mediaUrl),
    primary_category: record.primaryCategory && toTaxonSummary(record.primaryCategory),
    tags: record.tags.map(toTaxonSummary),
    authors: record.authors.map(toAuthorSummary),
    reading_time_minutes: record.readingTimeMinutes,
    version: record.version,
    created_at: record.createdAt.toISOString(),
    updated_at: record.updatedAt.toISOString(),
    deleted_at: iso(record.deletedAt),
    created_by: record.creator && toAuthorSummary(record.creator),
    allowed_actions: allowedActions(actor, facts),
    can_edit: canEdit(actor, facts),
    can_delete: canTrash(actor, facts),
  };
}

export function toStaffPost(actor: PostActor, record: StaffPostRecord, mediaUrl: MediaUrl): StaffPost {
  return {
    ...toStaffPostSummary(actor, record, mediaUrl),
    body: record.body as StaffPost["body"],
    html: record.html,
    categories: record.categories.map(toTaxonSummary),
    seo: seoOf(record),
  };
}

export function seoOf(row: PostRow): StaffPost["seo"] {
  return {
    meta_title: row.metaTitle,
    meta_description: row.metaDescription,
    canonical_url: row.canonicalUrl,
    og_title: row.ogTitle,
    og_description: row.ogDescription,
    og_image_url: row.ogImageUrl,
    twitter_title: row.twitterTitle,
    twitter_description: row.twitterDescription,
    twitter_image_url: row.twitterImageUrl,
  };
}

/** A list item with only the requested keys (`id` always) and relations. */
export function selectFields(
  summary: StaffPostSummary,
  fields: readonly StaffPostSummaryField[] | undefined,
  include: readonly StaffPostInclude[],
): StaffPostListItem {
  const out: Record<string, unknown> = {};
  const keys = fields ?? (Object.keys(summary) as (keyof StaffPostSummary)[]);
  out.id = summary.id;
  for (const key of keys) {
    if (key === "authors" && !include.includes("authors")) continue;
    if (key === "tags" && !include.includes("tags")) continue;
    out[key] = summary[key];
  }
  return out as StaffPostListItem;
}

/**
 * The revision snapshot's `fields`: everything editable besides title/slug/excerpt/body, named
 * as PostPatch names them, so a restore can send them back as a patch.
 */
export function revisionFields(record: StaffPostRecord): Record<string, unknown> {
  return {
    featured: record.featured,
    visibility: record.visibility,
    comments_enabled: record.commentsEnabled,
    cover_image:
      record.coverImageUrl === null && record.coverMediaId === null
        ? null
        : record.coverMediaId !== null
          ? { media_id: record.coverMediaId, alt: record.coverImageAlt }
          : { url: record.coverImageUrl, alt: record.coverImageAlt },
    primary_category_id: record.primaryCategoryId,
    category_ids: record.categories.map((c) => c.id),
    tag_ids: record.tags.map((t) => t.id),
    author_ids: record.authors.map((a) => a.id),
    seo: seoOf(record),
  };
}
