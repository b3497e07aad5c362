import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageIntro } from "@/components/page-intro";
import { FeedLinks, PostListing } from "@/components/post-listing";
import { categoryTrail, childCategories, getCategories, isPlausibleSlug, listPosts } from "@/lib/api";
import { firstParam } from "@/lib/format";
import { feedLinks } from "@/lib/feeds";

// Rendered per request (it reads ?cursor); API responses come from the data cache (60 s).
export const revalidate = 60;

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function loadCategory(slug: string) {
  if (!isPlausibleSlug(slug)) return null;
  const categories = await getCategories();
  const trail = categoryTrail(categories, slug);
  const category = trail?.at(-1);
  if (trail === null || category === undefined) return null;
  return { category, trail, children: childCategories(categories, category.id) };
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const found = await loadCategory((await params).slug);
  if (found === null) return { title: "Category not found", robots: { index: false } };
  const { category } = found;
  const cursor = firstParam((await searchParams).cursor);
  return {
    title: category.name,
    description: category.description ?? `Posts filed under ${category.name}.`,
    alternates: {
      canonical: `/category/${category.slug}`,
      types: feedLinks({ kind: "category", slug: category.slug, name: category.name }),
    },
    ...(cursor !== undefined && { robots: { index: false, follow: true } }),
  };
}

export default async function CategoryPage({ params, searchParams }: Props) {
  const found = await loadCategory((await params).slug);
  if (found === null) notFound();
  const { category, trail, children } = found;
  const cursor = firstParam((await searchParams).cursor);
  const page = await listPosts({ category: category.slug }, cursor);

  return (
    <div className="mx-auto max-w-6xl px-5 py-10 sm:px-8 sm:py-14">
      <nav aria-label="Breadcrumb" className="mb-6 text-sm text-muted">
        <ol className="flex flex-wrap items-center gap-2">
          <li>
            <Link href="/" className="hover:text-fg hover:underline">
              Home
            </Link>
          </li>
          {trail.map((item, index) => (
            <li key={item.id} className="flex items-center gap-2">
              <span aria-hidden="true">/</span>
              {index === trail.length - 1 ? (
                <span aria-current="page" className="font-medium text-fg">
                  {item.name}
                </span>
              ) : (
                <Link href={`/category/${item.slug}`} className="hover:text-fg hover:underline">
                  {item.name}
                </Link>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <PageIntro eyebrow="Category" title={category.name}>
        {category.description !== null && (
          <p className="mt-4 max-w-2xl text-lg text-muted">{category.description}</p>
        )}
        <FeedLinks
          basePath={`/category/${category.slug}`}
          label={`posts in ${category.name}`}
          className="mt-3"
        />
        {children.length > 0 && (
          <div className="mt-6">
            <h2 className="text-sm font-semibold uppercase tracking-wider text-muted">Sub-categories</h2>
            <ul className="mt-2 flex flex-wrap gap-2">
              {children.map((child) => (
                <li key={child.id}>
                  <Link
                    href={`/category/${child.slug}`}
                    className="inline-block rounded-full border border-line px-3 py-1 text-sm font-medium text-fg hover:border-accent hover:text-accent"
                  >
                    {child.name}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        )}
      </PageIntro>
      <section aria-label={`Posts in ${category.name}`} className="mt-10">
        <PostListing
          page={page}
          basePath={`/category/${category.slug}`}
          isFirstPage={cursor === undefined}
          emptyMessage="No published posts in this category yet."
        />
      </section>
    </div>
  );
}
