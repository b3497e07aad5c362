import type { Metadata } from "next";
import type { Post } from "@folio/types";
import { PUBLIC_URL } from "@/env";
import { SITE_NAME } from "./site";

/** An absolute URL for `pathOrUrl`, resolving site-relative paths against the public origin. */
export function absoluteUrl(pathOrUrl: string): string {
  return new URL(pathOrUrl, `${PUBLIC_URL}/`).toString();
}

export function postPath(slug: string): string {
  return `/${slug}`;
}

export function postDescription(post: Post): string | undefined {
  return post.seo.meta_description ?? post.excerpt ?? undefined;
}

function postImage(post: Post): { url: string; alt: string } | null {
  if (post.seo.og_image_url !== null)
    return { url: absoluteUrl(post.seo.og_image_url), alt: post.cover_image?.alt ?? post.title };
  if (post.cover_image !== null)
    return { url: absoluteUrl(post.cover_image.url), alt: post.cover_image.alt ?? post.title };
  return null;
}

export function postCanonicalUrl(post: Post): string {
  return absoluteUrl(post.seo.canonical_url ?? postPath(post.slug));
}

/** <title>, description, canonical, Open Graph (article) and Twitter card for a post page. */
export function buildPostMetadata(post: Post): Metadata {
  // An editor's SEO title is used verbatim; otherwise the post title gets the site suffix.
  const title = post.seo.meta_title ?? post.title;
  const description = postDescription(post);
  const image = postImage(post);
  const ogTitle = post.seo.og_title ?? title;
  const ogDescription = post.seo.og_description ?? description;
  const canonical = postCanonicalUrl(post);

  return {
    title: post.seo.meta_title !== null ? { absolute: post.seo.meta_title } : post.title,
    ...(description !== undefined && { description }),
    alternates: { canonical },
    authors: post.authors.map((a) => ({ name: a.name, url: absoluteUrl(`/author/${a.slug}`) })),
    keywords: post.tags.map((t) => t.name),
    openGraph: {
      type: "article",
      siteName: SITE_NAME,
      url: canonical,
      title: ogTitle,
      ...(ogDescription !== undefined && { description: ogDescription }),
      publishedTime: post.published_at,
      modifiedTime: post.updated_at,
      authors: post.authors.map((a) => absoluteUrl(`/author/${a.slug}`)),
      tags: post.tags.map((t) => t.name),
      ...(post.primary_category !== null && { section: post.primary_category.name }),
      ...(image !== null && { images: [{ url: image.url, alt: image.alt }] }),
    },
    twitter: {
      card: image !== null ? "summary_large_image" : "summary",
      title: ogTitle,
      ...(ogDescription !== undefined && { description: ogDescription }),
      ...(image !== null && { images: [{ url: image.url, alt: image.alt }] }),
    },
  };
}

/** schema.org Article for the post, as search engines read it from JSON-LD. */
export function buildArticleJsonLd(post: Post): Record<string, unknown> {
  const image = postImage(post);
  const description = postDescription(post);
  const canonical = postCanonicalUrl(post);
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
    ...(image !== null && { image: [image.url] }),
    publisher: {
      "@type": "Organization",
      name: SITE_NAME,
      url: absoluteUrl("/"),
      logo: { "@type": "ImageObject", url: absoluteUrl("/icon.svg") },
    },
    mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
    url: canonical,
    ...(post.primary_category !== null && { articleSection: post.primary_category.name }),
    ...(post.tags.length > 0 && { keywords: post.tags.map((t) => t.name).join(", ") }),
  };
}
