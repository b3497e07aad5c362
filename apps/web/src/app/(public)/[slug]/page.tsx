import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { Post } from "@folio/types";
import { Avatar } from "@/components/avatar";
import { JsonLd } from "@/components/json-ld";
import { PostGrid } from "@/components/post-card";
import { PostMeta } from "@/components/post-meta";
import { getPost, listPosts } from "@/lib/api";
import { buildArticleJsonLd, buildPostMetadata } from "@/lib/post-metadata";

// Incremental static regeneration: no post is rendered at build time (the API is not running
// then); each is rendered on its first request, cached, and regenerated at most once a minute.
export const revalidate = 60;
export const dynamicParams = true;

export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const post = await getPost((await params).slug);
  if (post === null) return { title: "Post not found", robots: { index: false } };
  return buildPostMetadata(post);
}

async function relatedPosts(post: Post) {
  if (post.primary_category === null) return [];
  const page = await listPosts({ category: post.primary_category.slug }, undefined, 4);
  if (page.kind !== "ok") return [];
  return page.posts.filter((p) => p.id !== post.id).slice(0, 3);
}

export default async function PostPage({ params }: { params: Params }) {
  const post = await getPost((await params).slug);
  if (post === null) notFound();
  const related = await relatedPosts(post);

  return (
    <>
      <JsonLd data={buildArticleJsonLd(post)} />
      <article className="px-5 pt-10 sm:px-8 sm:pt-16">
        <header className="mx-auto max-w-3xl text-center">
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
            <img
              src={post.cover_image.url}
              alt={post.cover_image.alt ?? ""}
              className="aspect-[16/9] w-full rounded-2xl object-cover"
              fetchPriority="high"
              decoding="async"
            />
          </figure>
        )}

        <div className="prose mx-auto mt-12 max-w-[42rem]" dangerouslySetInnerHTML={{ __html: post.html }} />

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
