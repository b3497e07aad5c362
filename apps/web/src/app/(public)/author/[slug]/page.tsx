import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Avatar } from "@/components/avatar";
import { FeedLinks, PostListing } from "@/components/post-listing";
import { getAuthor, listPosts } from "@/lib/api";
import { firstParam } from "@/lib/format";
import { feedLinks } from "@/lib/feeds";

// Rendered per request (it reads ?cursor); API responses come from the data cache (60 s).
export const revalidate = 60;

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const author = await getAuthor((await params).slug);
  if (author === null) return { title: "Author not found", robots: { index: false } };
  const cursor = firstParam((await searchParams).cursor);
  return {
    title: author.name,
    description: author.bio ?? `Posts by ${author.name}.`,
    alternates: {
      canonical: `/author/${author.slug}`,
      types: feedLinks({ kind: "author", slug: author.slug, name: author.name }),
    },
    openGraph: {
      type: "profile",
      title: author.name,
      ...(author.avatar_url !== null && { images: [author.avatar_url] }),
    },
    ...(cursor !== undefined && { robots: { index: false, follow: true } }),
  };
}

/** Only http(s) links are rendered from profile data. */
function safeWebsite(url: string | null): URL | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed : null;
  } catch {
    return null;
  }
}

export default async function AuthorPage({ params, searchParams }: Props) {
  const author = await getAuthor((await params).slug);
  if (author === null) notFound();
  const cursor = firstParam((await searchParams).cursor);
  const page = await listPosts({ author: author.slug }, cursor);
  const website = safeWebsite(author.website_url);

  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8 sm:py-14">
      <div className="flex flex-col items-center gap-6 border-b border-line pb-10 text-center sm:flex-row sm:items-start sm:text-left">
        <Avatar name={author.name} url={author.avatar_url} size="lg" />
        <div>
          <p className="text-sm font-semibold uppercase tracking-wider text-muted">Author</p>
          <h1 className="mt-1 text-4xl font-extrabold tracking-tight text-fg sm:text-5xl">{author.name}</h1>
          {author.bio !== null && <p className="mt-4 max-w-2xl text-lg text-muted">{author.bio}</p>}
          <p className="mt-3 flex flex-wrap justify-center gap-x-3 text-sm text-muted sm:justify-start">
            <span>{author.post_count === 1 ? "1 post" : `${author.post_count} posts`}</span>
            {website !== null && (
              <>
                <span aria-hidden="true">·</span>
                <a
                  href={website.toString()}
                  rel="me noopener"
                  className="font-medium text-accent hover:underline"
                >
                  {website.host}
                </a>
              </>
            )}
          </p>
          <FeedLinks
            basePath={`/author/${author.slug}`}
            label={`posts by ${author.name}`}
            className="mt-3 justify-center sm:justify-start"
          />
        </div>
      </div>
      <section aria-label={`Posts by ${author.name}`} className="mt-10">
        <PostListing
          page={page}
          basePath={`/author/${author.slug}`}
          isFirstPage={cursor === undefined}
          emptyMessage={`${author.name} has not published anything yet.`}
        />
      </section>
    </div>
  );
}
