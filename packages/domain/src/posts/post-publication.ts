import type { JobPayloads } from "../jobs/job-topics.js";
import type { DomainEventPayloads, DomainEvents, PostChanged } from "../events/domain-events.js";

// What a change to a live post tells the rest of the system: the web app's on-demand
// revalidation (a `web.revalidate` job, written in the change's transaction) and the domain
// events that invalidate the API's cached reads (emitted after the commit).

interface PublishedShape {
  id: string;
  type: "post" | "page";
  slug: string;
  authors: { slug: string }[];
  tags: { slug: string }[];
  categories: { slug: string }[];
  primaryCategory: { slug: string } | null;
}

export type PostEventType = "post.published" | "post.updated" | "post.unpublished" | "post.deleted";
export interface Announcement {
  type: PostEventType;
  payload: DomainEventPayloads[PostEventType];
}

function categorySlugs(post: PublishedShape): string[] {
  return [
    ...new Set([
      ...(post.primaryCategory ? [post.primaryCategory.slug] : []),
      ...post.categories.map((c) => c.slug),
    ]),
  ];
}

/** Paths and cache tags of the web app that show this post (and, after a change, showed `before`). */
export function revalidationOf(
  post: PublishedShape,
  before?: Pick<PublishedShape, "slug" | "tags" | "categories" | "authors" | "primaryCategory">,
): JobPayloads["web.revalidate"] {
  const paths = new Set<string>([`/${post.slug}`, "/sitemap.xml"]);
  const tags = new Set<string>([`post:${post.slug}`]);
  if (before && before.slug !== post.slug) {
    paths.add(`/${before.slug}`);
    tags.add(`post:${before.slug}`);
  }
  if (post.type === "post") {
    paths.add("/");
    paths.add("/rss.xml");
    paths.add("/atom.xml");
    tags.add("posts");
    for (const source of before ? [post, before] : [post]) {
      for (const t of source.tags) paths.add(`/tag/${t.slug}`);
      for (const c of categorySlugs({ ...post, ...source })) paths.add(`/category/${c}`);
      for (const a of source.authors) paths.add(`/author/${a.slug}`);
    }
  } else {
    tags.add("pages");
  }
  return { paths: [...paths], tags: [...tags] };
}

export function announcementFor(
  type: PostEventType,
  post: PublishedShape,
  previousSlug?: string,
): Announcement {
  const payload: PostChanged = {
    id: post.id,
    slug: post.slug,
    tagSlugs: post.tags.map((t) => t.slug),
    categorySlugs: categorySlugs(post),
  };
  const author = post.authors[0];
  if (author) payload.authorSlug = author.slug;
  if (previousSlug !== undefined && previousSlug !== post.slug) payload.previousSlug = previousSlug;
  return { type, payload };
}

export async function announce(events: DomainEvents, announcement: Announcement): Promise<void> {
  await events.emit(announcement.type, announcement.payload);
}
