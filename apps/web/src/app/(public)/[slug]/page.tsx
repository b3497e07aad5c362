import type { Metadata } from "next";
import Link from "next/link";
import { notFound, unstable_rethrow } from "next/navigation";
import type { CategorySummary, Post } from "@folio/types";
import { Avatar } from "@/components/avatar";
import { Comments } from "@/components/comments/comments";
import { JsonLd } from "@/components/json-ld";
import { PostBody } from "@/components/post-body";
import { PostGrid } from "@/components/post-card";
import { COVER_SIZES, PostCover } from "@/components/post-cover";
import { MembersGate } from "@/components/post-members-gate.client";
import { PostMeta } from "@/components/post-meta";
import { categoryTrail, getCategories, getPostOrPage, listPosts } from "@/lib/api";
import {
  buildArticleJsonLd,
  buildBreadcrumbJsonLd,
  buildPostMetadata,
  buildWebPageJsonLd,
} from "@/lib/post-metadata";
import { feedLinks } from "@/lib/feeds";

// Incremental static regeneration: no post is rendered at build time (the API is not running
// then); each is rendered on its first request and cached. Publishing, editing, unpublishing or
// trashing a post expires it at once through POST /api/revalidate (tags `posts`, `post:<slug>`);
// the minute below is only the safety net. Members-only bodies are never part of this page: a
// signed-in reader's browser fetches them per request (MembersGate).
export const revalidate = 60;
export const dynamicParams = true;

export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const post = await getPostOrPage((await params).slug);
  if (post === null) return { title: "Not found", robots: { index: false } };
  const metadata = buildPostMetadata(post);
  return { ...metadata, alternates: { ...metadata.alternates, types: feedLinks() } };
}

async function relatedPosts(post: Post) {
  if (post.primary_category === null) return [];
  const page = await listPosts({ category: post.primary_category.slug }, undefined, 4);
  if (page.kind !== "ok") return [];
  return page.posts.filter((p) => p.id !== post.id).slice(0, 3);
}

/** The primary category with its ancestors (root first), for breadcrumbs. */
async function breadcrumbTrail(post: Post): Promise<CategorySummary[]> {
  const primary = post.primary_category;
  if (primary === null) return [];
  try {
    return categoryTrail(await getCategories(), primary.slug) ?? [primary];
  } catch (error) {
    unstable_rethrow(error);
    // Breadcrumbs are an extra: without the category list the post still renders.
    return [primary];
  }
}

export default async function ContentPage({ params }: { params: Params }) {
  const post = await getPostOrPage((await params).slug);
  if (post === null) notFound();
  return post.type === "page" ? <PageView page={post} /> : <PostView post={post} />;
}

function Breadcrumbs({ trail, title }: { trail: readonly CategorySummary[]; title: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mx-auto mb-6 max-w-3xl text-sm text-muted">
      <ol className="flex flex-wrap items-center justify-center gap-2">
        <li>
          <Link href="/" className="hover:text-fg hover:underline">
            Home
          </Link>
        </li>
        {trail.map((category) => (
          <li key={category.id} className="flex items-center gap-2">
            <span aria-hidden="true">/</span>
            <Link href={`/category/${category.slug}`} className="hover:text-fg hover:underline">
              {category.name}
            </Link>
          </li>
        ))}
        <li className="sr-only" aria-current="page">
          {title}
        </li>
      </ol>
    </nav>
  );
}

async function PostView({ post }: { post: Post }) {
  const [trail, related] = await Promise.all([breadcrumbTrail(post), relatedPosts(post)]);
  const membersOnly = post.visibility === "members";

  return (
    <>
      <JsonLd data={buildArticleJsonLd(post)} />
      <JsonLd data={buildBreadcrumbJsonLd(post, trail)} />
      <article className="px-5 pt-10 sm:px-8 sm:pt-16">
        <header className="mx-auto max-w-3xl text-center">
          {trail.length > 0 && <Breadcrumbs trail={trail} title={post.title} />}
          {post.categories.length > 0 && (
            <ul aria-label="Categories" className="flex flex-wrap justify-center gap-x-4 gap-y-1">
              {post.categories.map((category) => (
                <li key={category.id}>
                  <Link
                    href={`/category/${category.slug}`}
                    className="text-sm font-semibold uppercase tracking-wider text-accent hover:underline"
                  >
                    {category.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <h1 className="mt-4 text-4xl font-extrabold leading-[1.1] tracking-tight text-balance text-fg sm:text-5xl">
            {post.title}
          </h1>
          {membersOnly && (
            <p className="mt-4">
              <span className="inline-block rounded-full border border-accent px-3 py-1 text-xs font-semibold uppercase tracking-wider text-accent">
                Members only
              </span>
            </p>
          )}
          {post.excerpt !== null && (
            <p className="mt-5 text-xl leading-relaxed text-muted text-pretty">{post.excerpt}</p>
          )}
          <div className="mt-8 flex items-center justify-center gap-3">
            <div className="flex -space-x-3">
              {post.authors.map((author) => (
                <span key={author.id} className="flex rounded-full ring-2 ring-bg">
                  <Avatar name={author.name} url={author.avatar_url} size="md" />
                </span>
              ))}
            </div>
            <PostMeta
              authors={post.authors}
              publishedAt={post.published_at}
              readingTimeMinutes={post.reading_time_minutes}
              className="text-left"
            />
          </div>
        </header>

        {post.cover_image !== null && (
          <figure className="mx-auto mt-10 max-w-5xl">
            <PostCover
              cover={post.cover_image}
              sizes={COVER_SIZES.hero}
              className="aspect-[16/9] w-full rounded-2xl"
              priority
            />
          </figure>
        )}

        {post.gated ? (
          <div className="members-only">
            <MembersGate slug={post.slug} />
          </div>
        ) : (
          <PostBody html={post.html} className={membersOnly ? "members-only mt-12" : "mt-12"} />
        )}

        {post.tags.length > 0 && (
          <footer className="mx-auto mt-14 max-w-[42rem] border-t border-line pt-8">
            <h2 className="text-sm font-semibold uppercase tracking-wider text-muted">Tagged</h2>
            <ul className="mt-3 flex flex-wrap gap-2">
              {post.tags.map((tag) => (
                <li key={tag.id}>
                  <Link
                    href={`/tag/${tag.slug}`}
                    className="inline-block rounded-full border border-line px-3 py-1 text-sm font-medium text-fg hover:border-accent hover:text-accent"
                  >
                    #{tag.name}
                  </Link>
                </li>
              ))}
            </ul>
          </footer>
        )}

        <div className="mx-auto max-w-[42rem]">
          {/* Closed comments still show the approved thread, without the form. */}
          <Comments postSlug={post.slug} postId={post.id} closed={!post.comments_enabled} />
        </div>
      </article>

      {related.length > 0 && (
        <aside aria-labelledby="related-heading" className="mx-auto mt-20 max-w-6xl px-5 sm:px-8">
          <h2 id="related-heading" className="mb-8 text-2xl font-extrabold tracking-tight text-fg">
            More in {post.primary_category?.name}
          </h2>
          <PostGrid posts={related} />
        </aside>
      )}
    </>
  );
}

/** A standalone page (about, contact): no byline, dates, tags or comments. */
function PageView({ page }: { page: Post }) {
  return (
    <>
      <JsonLd data={buildWebPageJsonLd(page)} />
      <JsonLd data={buildBreadcrumbJsonLd(page, [])} />
      <article className="px-5 pt-10 sm:px-8 sm:pt-16">
        <header className="mx-auto max-w-3xl text-center">
          <h1 className="text-4xl font-extrabold leading-[1.1] tracking-tight text-balance text-fg sm:text-5xl">
            {page.title}
          </h1>
          {page.excerpt !== null && (
            <p className="mt-5 text-xl leading-relaxed text-muted text-pretty">{page.excerpt}</p>
          )}
        </header>
        {page.cover_image !== null && (
          <figure className="mx-auto mt-10 max-w-5xl">
            <PostCover
              cover={page.cover_image}
              sizes={COVER_SIZES.hero}
              className="aspect-[16/9] w-full rounded-2xl"
              priority
            />
          </figure>
        )}
        {page.gated ? (
          <div className="members-only">
            <MembersGate slug={page.slug} kind="page" />
          </div>
        ) : (
          <PostBody html={page.html} className="mt-12" />
        )}
      </article>
    </>
  );
}
