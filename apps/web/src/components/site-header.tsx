import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import type { Category } from "@folio/types";
import { getCategories, topLevelCategories } from "@/lib/api";
import { SITE_NAME } from "@/lib/site";
import { AccountLink } from "./auth/account-link.client";
import { ThemeToggle } from "./theme-toggle.client";

const MAX_NAV_CATEGORIES = 6;

async function loadNavCategories(): Promise<Category[]> {
  try {
    return topLevelCategories(await getCategories()).slice(0, MAX_NAV_CATEGORIES);
  } catch (error) {
    unstable_rethrow(error);
    // The header must not take a page down with it: without the API the page below shows its
    // own error, and the header simply has no category links.
    console.error("site header: could not load categories", error);
    return [];
  }
}

export async function SiteHeader() {
  const categories = await loadNavCategories();
  return (
    <header className="sticky top-0 z-40 border-b border-line bg-bg/90 backdrop-blur supports-[backdrop-filter]:bg-bg/80">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-5 sm:px-8">
        <Link href="/" className="shrink-0 text-xl font-extrabold tracking-tight text-fg">
          {SITE_NAME}
        </Link>
        <nav aria-label="Categories" className="min-w-0 flex-1">
          <ul className="flex items-center gap-1 overflow-x-auto whitespace-nowrap [scrollbar-width:none]">
            <li>
              <Link
                href="/"
                className="block rounded-md px-3 py-2 text-sm font-medium text-muted hover:bg-surface hover:text-fg"
              >
                Home
              </Link>
            </li>
            {categories.map((category) => (
              <li key={category.id}>
                <Link
                  href={`/category/${category.slug}`}
                  className="block rounded-md px-3 py-2 text-sm font-medium text-muted hover:bg-surface hover:text-fg"
                >
                  {category.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <AccountLink />
        <ThemeToggle />
      </div>
    </header>
  );
}
