import Link from "next/link";
import { SITE_DESCRIPTION, SITE_NAME } from "@/lib/site";

export function SiteFooter() {
  return (
    <footer className="mt-24 border-t border-line bg-surface">
      <div className="mx-auto flex max-w-6xl flex-col gap-6 px-5 py-10 text-sm text-muted sm:flex-row sm:items-center sm:justify-between sm:px-8">
        <div>
          <p className="text-base font-bold text-fg">{SITE_NAME}</p>
          <p className="mt-1 max-w-md">{SITE_DESCRIPTION}</p>
        </div>
        <nav aria-label="Footer">
          <ul className="flex flex-wrap gap-x-5 gap-y-2">
            <li>
              <Link href="/" className="underline-offset-4 hover:text-fg hover:underline">
                Latest posts
              </Link>
            </li>
            <li>
              <a href="/docs" className="underline-offset-4 hover:text-fg hover:underline">
                API docs
              </a>
            </li>
            <li>
              <a href="/sitemap.xml" className="underline-offset-4 hover:text-fg hover:underline">
                Sitemap
              </a>
            </li>
            <li>
              <a
                href="/rss.xml"
                type="application/rss+xml"
                className="underline-offset-4 hover:text-fg hover:underline"
              >
                RSS feed
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
