import Link from "next/link";
import type { PostPage } from "@/lib/api";
import { PostGrid } from "./post-card";

function pageHref(basePath: string, cursor: string): string {
  return `${basePath}?${new URLSearchParams({ cursor }).toString()}`;
}

/** Shown instead of a list when the `cursor` in the URL is one the API refuses. */
export function InvalidCursorNotice({ basePath }: { basePath: string }) {
  return (
    <div role="status" className="rounded-xl border border-line bg-surface p-8 text-center">
      <h2 className="text-xl font-bold text-fg">That page link has expired</h2>
      <p className="mx-auto mt-2 max-w-prose text-muted">
        The link you followed points to a page of posts we can no longer find. It may have been cut short or
        edited.
      </p>
      <Link
        href={basePath}
        className="mt-6 inline-flex rounded-full bg-accent px-5 py-2.5 font-semibold text-accent-fg hover:bg-accent-hover"
      >
        Start from the newest posts
      </Link>
    </div>
  );
}

/**
 * A page of posts with cursor pagination. `isFirstPage` is false when the reader arrived with a
 * cursor, so we offer a way back to the start (cursors only go forward).
 */
export function PostListing({
  page,
  basePath,
  isFirstPage,
  emptyMessage,
}: {
  page: PostPage;
  basePath: string;
  isFirstPage: boolean;
  emptyMessage: string;
}) {
  if (page.kind === "invalid-cursor") return <InvalidCursorNotice basePath={basePath} />;
  if (page.posts.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-line p-8 text-center text-muted">{emptyMessage}</p>
    );
  }
  return (
    <>
      <PostGrid posts={page.posts} />
      {(page.nextCursor !== null || !isFirstPage) && (
        <nav
          aria-label="Pagination"
          className="mt-12 flex items-center justify-between gap-4 border-t border-line pt-6"
        >
          {!isFirstPage ? (
            <Link href={basePath} className="font-semibold text-accent hover:underline">
              <span aria-hidden="true">← </span>Newest posts
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor !== null && (
            <Link
              href={pageHref(basePath, page.nextCursor)}
              rel="next"
              className="font-semibold text-accent hover:underline"
            >
              Older posts<span aria-hidden="true"> →</span>
            </Link>
          )}
        </nav>
      )}
    </>
  );
}

/** Visible links to the RSS 2.0 and Atom feeds of a listing (`basePath` "" is the whole site). */
export function FeedLinks({
  basePath,
  label,
  className = "",
}: {
  basePath: string;
  label: string;
  className?: string;
}) {
  const linkClass = "font-medium text-accent hover:underline";
  return (
    <p className={`flex flex-wrap gap-x-3 text-sm text-muted ${className}`}>
      <span>Follow:</span>
      <a href={`${basePath}/rss.xml`} type="application/rss+xml" className={linkClass}>
        RSS<span className="sr-only"> feed of {label}</span>
      </a>
      <a href={`${basePath}/atom.xml`} type="application/atom+xml" className={linkClass}>
        Atom<span className="sr-only"> feed of {label}</span>
      </a>
    </p>
  );
}
