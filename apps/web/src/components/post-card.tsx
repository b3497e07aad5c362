import Link from "next/link";
import type { PostSummary } from "@folio/types";
import { COVER_SIZES, PostCover } from "./post-cover";
import { PostMeta } from "./post-meta";

/** Deterministic hue per post so cover-less cards still look distinct. */
function hueFor(slug: string): number {
  let hash = 0;
  for (let i = 0; i < slug.length; i++) hash = (hash * 31 + slug.charCodeAt(i)) >>> 0;
  return hash % 360;
}

function Cover({ post, className, sizes }: { post: PostSummary; className: string; sizes: string }) {
  if (post.cover_image !== null) {
    return <PostCover cover={post.cover_image} className={className} sizes={sizes} />;
  }
  const hue = hueFor(post.slug);
  return (
    <div
      aria-hidden="true"
      className={`${className} flex items-end p-5`}
      style={{
        background: `linear-gradient(135deg, hsl(${hue} 45% 82%), hsl(${(hue + 40) % 360} 50% 62%))`,
      }}
    >
      <span className="font-mono text-xs uppercase tracking-widest text-black/70">
        {post.primary_category?.name ?? "Folio"}
      </span>
    </div>
  );
}

/** Members-only posts are listed publicly; the label says the body needs an account. */
function MembersLabel({ post }: { post: PostSummary }) {
  if (post.visibility !== "members") return null;
  return (
    <span className="self-start rounded-full border border-accent px-2 py-0.5 text-xs font-semibold uppercase tracking-wider text-accent">
      Members only
    </span>
  );
}

function CategoryLabel({ post }: { post: PostSummary }) {
  if (post.primary_category === null) return null;
  return (
    <Link
      href={`/category/${post.primary_category.slug}`}
      className="relative z-10 text-xs font-semibold uppercase tracking-wider text-accent hover:underline"
    >
      {post.primary_category.name}
    </Link>
  );
}

/** A post in a grid: the whole card is clickable through the title link's overlay. */
export function PostCard({ post, headingLevel = 3 }: { post: PostSummary; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="group relative flex w-full flex-col overflow-hidden rounded-xl border border-line bg-bg transition-shadow hover:shadow-lg focus-within:shadow-lg">
      <Cover post={post} className="aspect-[16/9] w-full" sizes={COVER_SIZES.card} />
      <div className="flex flex-1 flex-col gap-3 p-5">
        <CategoryLabel post={post} />
        <MembersLabel post={post} />
        <Heading className="text-xl font-bold leading-snug tracking-tight text-fg">
          <Link
            href={`/${post.slug}`}
            className="after:absolute after:inset-0 after:content-[''] group-hover:underline"
          >
            {post.title}
          </Link>
        </Heading>
        {post.excerpt !== null && <p className="line-clamp-3 text-muted">{post.excerpt}</p>}
        <PostMeta
          authors={post.authors}
          publishedAt={post.published_at}
          readingTimeMinutes={post.reading_time_minutes}
          className="mt-auto pt-2"
        />
      </div>
    </article>
  );
}

/** The lead story: wide cover beside a large headline. */
export function FeaturedPost({ post }: { post: PostSummary }) {
  return (
    <article className="group relative grid overflow-hidden rounded-2xl border border-line bg-surface md:grid-cols-2">
      <Cover
        post={post}
        className="aspect-[16/10] w-full md:aspect-auto md:h-full md:min-h-80"
        sizes={COVER_SIZES.featured}
      />
      <div className="flex flex-col justify-center gap-4 p-6 sm:p-10">
        <p className="text-xs font-semibold uppercase tracking-wider text-muted">Featured</p>
        <CategoryLabel post={post} />
        <MembersLabel post={post} />
        <h3 className="text-3xl font-extrabold leading-tight tracking-tight text-fg sm:text-4xl">
          <Link
            href={`/${post.slug}`}
            className="after:absolute after:inset-0 after:content-[''] group-hover:underline"
          >
            {post.title}
          </Link>
        </h3>
        {post.excerpt !== null && <p className="text-lg text-muted">{post.excerpt}</p>}
        <PostMeta
          authors={post.authors}
          publishedAt={post.published_at}
          readingTimeMinutes={post.reading_time_minutes}
        />
      </div>
    </article>
  );
}

export function PostGrid({
  posts,
  headingLevel = 3,
}: {
  posts: readonly PostSummary[];
  headingLevel?: 2 | 3;
}) {
  return (
    <ul className="grid gap-8 sm:grid-cols-2 lg:grid-cols-3">
      {posts.map((post) => (
        <li key={post.id} className="flex">
          <PostCard post={post} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
