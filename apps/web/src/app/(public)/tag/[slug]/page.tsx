import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageIntro } from "@/components/page-intro";
import { FeedLinks, PostListing } from "@/components/post-listing";
import { getTags, isPlausibleSlug, listPosts } from "@/lib/api";
import { firstParam } from "@/lib/format";
import { feedLinks } from "@/lib/feeds";

// Rendered per request (it reads ?cursor); API responses come from the data cache (60 s).
export const revalidate = 60;

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function findTag(slug: string) {
  if (!isPlausibleSlug(slug)) return null;
  return (await getTags()).find((t) => t.slug === slug) ?? null;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const tag = await findTag((await params).slug);
  if (tag === null) return { title: "Tag not found", robots: { index: false } };
  const cursor = firstParam((await searchParams).cursor);
  return {
    title: `Posts tagged ${tag.name}`,
    description: tag.description ?? `Everything published about ${tag.name}.`,
    alternates: {
      canonical: `/tag/${tag.slug}`,
      types: feedLinks({ kind: "tag", slug: tag.slug, name: tag.name }),
    },
    ...(cursor !== undefined && { robots: { index: false, follow: true } }),
  };
}

export default async function TagPage({ params, searchParams }: Props) {
  const tag = await findTag((await params).slug);
  if (tag === null) notFound();
  const cursor = firstParam((await searchParams).cursor);
  const page = await listPosts({ tag: tag.slug }, cursor);

  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8 sm:py-14">
      <PageIntro eyebrow="Tag" title={tag.name}>
        {tag.description !== null && <p className="mt-4 max-w-2xl text-lg text-muted">{tag.description}</p>}
        <p className="mt-3 text-sm text-muted">
          {tag.post_count === 1 ? "1 post" : `${tag.post_count} posts`}
        </p>
        <FeedLinks basePath={`/tag/${tag.slug}`} label={`posts tagged ${tag.name}`} className="mt-3" />
      </PageIntro>
      <section aria-label={`Posts tagged ${tag.name}`} className="mt-10">
        <PostListing
          page={page}
          basePath={`/tag/${tag.slug}`}
          isFirstPage={cursor === undefined}
          emptyMessage="No published posts carry this tag yet."
        />
      </section>
    </div>
  );
}
