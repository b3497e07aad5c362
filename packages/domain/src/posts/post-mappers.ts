import type { AuthorRef, PublishedPostRow, PublishedPostSummaryRow, TaxonRef } from "@folio/database";
import type { AuthorSummary, CategorySummary, Post, PostSummary, TagSummary } from "@folio/types";

// Repository rows (camelCase, Dates) -> API contracts (snake_case, ISO timestamps).

export function toAuthorSummary(author: AuthorRef): AuthorSummary {
  return { id: author.id, slug: author.slug, name: author.displayName, avatar_url: author.avatarUrl };
}

export function toTaxonSummary(taxon: TaxonRef): TagSummary & CategorySummary {
  return { id: taxon.id, slug: taxon.slug, name: taxon.name };
}

function coverImage(url: string | null, alt: string | null): PostSummary["cover_image"] {
  return url === null ? null : { url, alt };
}

export function toPostSummary(row: PublishedPostSummaryRow): PostSummary {
  const summary: PostSummary = {
    id: row.id,
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    featured: row.featured,
    cover_image: coverImage(row.coverImageUrl, row.coverImageAlt),
    reading_time_minutes: row.readingTimeMinutes,
    published_at: row.publishedAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    primary_category: row.primaryCategory && toTaxonSummary(row.primaryCategory),
  };
  if (row.authors) summary.authors = row.authors.map(toAuthorSummary);
  if (row.tags) summary.tags = row.tags.map(toTaxonSummary);
  return summary;
}

export function toPost(row: PublishedPostRow): Post {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    featured: row.featured,
    cover_image: coverImage(row.coverImageUrl, row.coverImageAlt),
    reading_time_minutes: row.readingTimeMinutes,
    published_at: row.publishedAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    created_at: row.createdAt.toISOString(),
    primary_category: row.primaryCategory && toTaxonSummary(row.primaryCategory),
    authors: row.authors.map(toAuthorSummary),
    tags: row.tags.map(toTaxonSummary),
    categories: row.categories.map(toTaxonSummary),
    html: row.html,
    body: row.body,
    seo: {
      meta_title: row.metaTitle,
      meta_description: row.metaDescription,
      og_title: row.ogTitle,
      og_description: row.ogDescription,
      og_image_url: row.ogImageUrl,
      canonical_url: row.canonicalUrl,
    },
  };
}
