import type { Metadata } from "next";
import type { CategorySummary, Post } from "@folio/types";
import { PUBLIC_URL } from "@/env";
import { SITE_NAME } from "./site";

/** An absolute URL for `pathOrUrl`, resolving site-relative paths against the public origin. */
export function absoluteUrl(pathOrUrl: string): string {
  return new URL(pathOrUrl, `${PUBLIC_URL}/`).toString();
}

/** Posts and pages share one slug namespace and both live at `/{slug}` (decision 0007). */
export function postPath(slug: string): string {
  return `/${slug}`;
}

export function postDescription(post: Post): string | undefined {
  return post.seo.meta_description ?? post.excerpt ?? undefined;
}

interface Image {
  url: string;
  alt: string;
}

function coverImage(post: Post): Image | null {
  if (post.cover_image === null) return null;
  return { url: absoluteUrl(post.cover_image.url), alt: post.cover_image.alt ?? post.title };
}

/** The Open Graph image: the editor's explicit one, else the cover. */
function ogImage(post: Post): Image | null {
  if (post.seo.og_image_url !== null)
    return { url: absoluteUrl(post.seo.og_image_url), alt: post.cover_image?.alt ?? post.title };
  return coverImage(post);
}

/** The Twitter card image: its own, else the Open Graph one. */
function twitterImage(post: Post): Image | null {
  if (post.seo.twitter_image_url !== null)
    return { url: absoluteUrl(post.seo.twitter_image_url), alt: post.cover_image?.alt ?? post.title };
  return ogImage(post);
}

export function postCanonicalUrl(post: Post): string {
  return absoluteUrl(post.seo.canonical_url ?? postPath(post.slug));
}

/**
 * <title>, description, canonical, Open Graph and Twitter card for a post or a page. Posts are
 * `article`s with dates, authors and section; pages are plain `website` documents.
 */
export function buildPostMetadata(post: Post): Metadata {
  const isPost = post.type === "post";
  const title = post.seo.meta_title ?? post.title;
  const description = postDescription(post);
  const og = ogImage(post);
  const twitter = twitterImage(post);
  const ogTitle = post.seo.og_title ?? title;
  const ogDescription = post.seo.og_description ?? description;
  const twitterTitle = post.seo.twitter_title ?? ogTitle;
  const twitterDescription = post.seo.twitter_description ?? ogDescription;
  const canonical = postCanonicalUrl(post);
  const authorUrls = post.authors.map((a) => absoluteUrl(`/author/${a.slug}`));

  return {
    // An editor's SEO title is used verbatim; otherwise the post title gets the site suffix.
    title: post.seo.meta_title !== null ? { absolute: post.seo.meta_title } : post.title,
    ...(description !== undefined && { description }),
    alternates: { canonical },
    ...(isPost && {
      authors: post.authors.map((a, i) => ({ name: a.name, url: authorUrls[i] })),
      keywords: post.tags.map((t) => t.name),
    }),
    openGraph: {
      ...(isPost
        ? {
            type: "article" as const,
            publishedTime: post.published_at,
            modifiedTime: post.updated_at,
            authors: authorUrls,
            tags: post.tags.map((t) => t.name),
            ...(post.primary_category !== null && { section: post.primary_category.name }),
          }
        : { type: "website" as const }),
      siteName: SITE_NAME,
      url: canonical,
      title: ogTitle,
      ...(ogDescription !== undefined && { description: ogDescription }),
      ...(og !== null && { images: [{ url: og.url, alt: og.alt }] }),
    },
    twitter: {
      card: twitter !== null ? "summary_large_image" : "summary",
      title: twitterTitle,
      ...(twitterDescription !== undefined && { description: twitterDescription }),
      ...(twitter !== null && { images: [{ url: twitter.url, alt: twitter.alt }] }),
    },
  };
}

const PUBLISHER = () => ({
  "@type": "Organization",
  name: SITE_NAME,
  url: absoluteUrl("/"),
  logo: { "@type": "ImageObject", url: absoluteUrl("/icon.svg") },
});

/**
 * schema.org Article for a post, as search engines read it from JSON-LD. A members-only post
 * says so (`isAccessibleForFree: false`, with the gated part named), which is how search engines
 * tell a paywall from cloaking.
 */
export function buildArticleJsonLd(post: Post): Record<string, unknown> {
  const images = [coverImage(post), ogImage(post)].filter((i): i is Image => i !== null);
  const description = postDescription(post);
  const canonical = postCanonicalUrl(post);
  const membersOnly = post.visibility === "members";
  return {
    "@context": "https://schema.org",
    "@type": "Article",
    headline: post.title,
    ...(description !== undefined && { description }),
    datePublished: post.published_at,
    dateModified: post.updated_at,
    author: post.authors.map((a) => ({
      "@type": "Person",
      name: a.name,
      url: absoluteUrl(`/author/${a.slug}`),
    })),
    ...(images.length > 0 && { image: [...new Set(images.map((i) => i.url))] }),
    publisher: PUBLISHER(),
    mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
    url: canonical,
    ...(post.primary_category !== null && { articleSection: post.primary_category.name }),
    ...(post.tags.length > 0 && { keywords: post.tags.map((t) => t.name).join(", ") }),
    ...(post.reading_time_minutes > 0 && { timeRequired: `PT${post.reading_time_minutes}M` }),
    ...(membersOnly && {
      isAccessibleForFree: false,
      hasPart: { "@type": "WebPageElement", isAccessibleForFree: false, cssSelector: ".members-only" },
    }),
  };
}

/** schema.org WebPage for a standalone page. */
export function buildWebPageJsonLd(post: Post): Record<string, unknown> {
  const description = postDescription(post);
  const canonical = postCanonicalUrl(post);
  const image = coverImage(post);
  return {
    "@context": "https://schema.org",
    "@type": "WebPage",
    name: post.title,
    ...(description !== undefined && { description }),
    url: canonical,
    dateModified: post.updated_at,
    ...(image !== null && { primaryImageOfPage: { "@type": "ImageObject", url: image.url } }),
    isPartOf: { "@type": "WebSite", name: SITE_NAME, url: absoluteUrl("/") },
    publisher: PUBLISHER(),
  };
}

/**
 * schema.org BreadcrumbList: Home → the primary category's trail (root first) → the post.
 * `categoryTrail` is the primary category with its ancestors; a page passes none.
 */
export function buildBreadcrumbJsonLd(
  post: Pick<Post, "title" | "slug">,
  categoryTrail: readonly CategorySummary[],
): Record<string, unknown> {
  const items = [
    { name: "Home", url: absoluteUrl("/") },
    ...categoryTrail.map((c) => ({ name: c.name, url: absoluteUrl(`/category/${c.slug}`) })),
    { name: post.title, url: absoluteUrl(postPath(post.slug)) },
  ];
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: items.map((item, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: item.name,
      item: item.url,
    })),
  };
}
