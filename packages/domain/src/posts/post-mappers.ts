import type { AuthorRef, PublishedPostRow, PublishedPostSummaryRow, TaxonRef } from "@folio/database";
import type { AuthorSummary, CategorySummary, Post, PostSummary, TagSummary } from "@folio/types";

// Repository rows (camelCase, Dates) -> API contracts (snake_case, ISO timestamps).

export function toAuthorSummary(author: AuthorRef): AuthorSummary {
  return { id: author.id, slug: author.slug, name: author.displayName, avatar_url: author.avatarUrl };
}

export function toTaxonSummary(taxon: TaxonRef): TagSummary & CategorySummary {
  return { id: taxon.id, slug: taxon.slug, name: taxon.name };
}

/** Public URL of a media storage key (`/media/<key>` unless a CDN base is configured). */
export type MediaUrlOf = (storageKey: string) => string;
const defaultMediaUrl: MediaUrlOf = (key) => `/media/${key}`;

function coverImage(
  row: Pick<PublishedPostSummaryRow, "coverImageUrl" | "coverImageAlt" | "coverMedia">,
  mediaUrl: MediaUrlOf,
): PostSummary["cover_image"] {
  if (row.coverImageUrl === null) return null;
  const media = row.coverMedia;
  return {
    url: row.coverImageUrl,
    alt: row.coverImageAlt,
    media_id: media?.id ?? null,
    focal_x: media?.focalX ?? 0.5,
    focal_y: media?.focalY ?? 0.5,
    width: media?.width ?? null,
    height: media?.height ?? null,
    variants: (media?.variants ?? []).map((v) => ({
      format: v.format,
      width: v.width,
      height: v.height,
      url: mediaUrl(v.key),
    })),
  };
}

export function toPostSummary(
  row: PublishedPostSummaryRow,
  mediaUrl: MediaUrlOf = defaultMediaUrl,
): PostSummary {
  const summary: PostSummary = {
    id: row.id,
    type: "post",
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    featured: row.featured,
    visibility: row.visibility,
    cover_image: coverImage(row, mediaUrl),
    reading_time_minutes: row.readingTimeMinutes,
    published_at: row.publishedAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    primary_category: row.primaryCategory && toTaxonSummary(row.primaryCategory),
  };
  if (row.authors) summary.authors = row.authors.map(toAuthorSummary);
  if (row.tags) summary.tags = row.tags.map(toTaxonSummary);
  return summary;
}

export function toPost(row: PublishedPostRow, mediaUrl: MediaUrlOf = defaultMediaUrl): Post {
  return {
    id: row.id,
    type: row.type,
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    featured: row.featured,
    visibility: row.visibility,
    comments_enabled: row.commentsEnabled,
    gated: false,
    cover_image: coverImage(row, mediaUrl),
    reading_time_minutes: row.readingTimeMinutes,
    published_at: row.publishedAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    created_at: row.createdAt.toISOString(),
    primary_category: row.primaryCategory && toTaxonSummary(row.primaryCategory),
    authors: row.authors.map(toAuthorSummary),
    tags: row.tags.map(toTaxonSummary),
    categories: row.categories.map(toTaxonSummary),
    html: row.html,
    body: row.body as Post["body"],
    seo: {
      meta_title: row.metaTitle,
      meta_description: row.metaDescription,
      og_title: row.ogTitle,
      og_description: row.ogDescription,
      og_image_url: row.ogImageUrl,
      canonical_url: row.canonicalUrl,
      twitter_title: row.twitterTitle,
      twitter_description: row.twitterDescription,
      twitter_image_url: row.twitterImageUrl,
    },
  };
}

/**
 * The post as a reader sees it: a members-only post keeps its title, excerpt and cover for
 * everyone, and its body only for signed-in callers (`gated: true`, empty `html` otherwise).
 */
export function gatePost(post: Post, signedIn: boolean): Post {
  if (post.visibility !== "members" || signedIn) return post;
  return { ...post, html: "", body: { type: "doc", content: [] }, gated: true };
}
