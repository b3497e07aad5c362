import type { Metadata } from "next";
import { FeaturedPost, PostGrid } from "@/components/post-card";
import { FeedLinks, PostListing } from "@/components/post-listing";
import { listPosts } from "@/lib/api";
import { firstParam } from "@/lib/format";
import { feedLinks } from "@/lib/feeds";
import { SITE_DESCRIPTION, SITE_NAME } from "@/lib/site";

// Rendered per request (it reads ?cursor), but every API response is served from the data cache
// and refreshed at most once a minute.
export const revalidate = 60;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const cursor = firstParam((await searchParams).cursor);
  return {
    title: { absolute: `${SITE_NAME}: latest stories` },
    description: SITE_DESCRIPTION,
    alternates: { canonical: "/", types: feedLinks() },
    // Older pages are reachable for readers but are not separate documents for search engines.
    ...(cursor !== undefined && { robots: { index: false, follow: true } }),
  };
}

const FEATURED_COUNT = 4;

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const cursor = firstParam((await searchParams).cursor);
  const isFirstPage = cursor === undefined;
  const [latest, featured] = await Promise.all([
    listPosts({}, cursor),
    isFirstPage ? listPosts({ featured: true }, undefined, FEATURED_COUNT) : Promise.resolve(null),
  ]);
  const featuredPosts = featured?.kind === "ok" ? featured.posts : [];
  const [lead, ...moreFeatured] = featuredPosts;

  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8 sm:py-14">
      <div className="mb-10 sm:mb-14">
        <h1 className="max-w-3xl text-3xl font-extrabold leading-tight tracking-tight text-balance text-fg sm:text-4xl">
          {SITE_DESCRIPTION}
        </h1>
        <FeedLinks basePath="" label="the whole site" className="mt-4" />
      </div>
      {lead !== undefined && (
        <section aria-labelledby="featured-heading" className="mb-16">
          <h2 id="featured-heading" className="sr-only">
            Featured posts
          </h2>
          <FeaturedPost post={lead} />
          {moreFeatured.length > 0 && (
            <div className="mt-8">
              <PostGrid posts={moreFeatured} />
            </div>
          )}
        </section>
      )}
      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading" className="mb-8 text-2xl font-extrabold tracking-tight text-fg">
          {isFirstPage ? "Latest posts" : "Older posts"}
        </h2>
        <PostListing
          page={latest}
          basePath="/"
          isFirstPage={isFirstPage}
          emptyMessage="Nothing has been published yet."
        />
      </section>
    </div>
  );
}
