import Link from "next/link";
import type { AuthorSummary } from "@folio/types";
import { formatDate, formatReadingTime } from "@/lib/format";

/** "By Ada and Grace · March 3, 2025 · 6 min read", authors linked to their pages. */
export function PostMeta({
  authors,
  publishedAt,
  readingTimeMinutes,
  className = "",
}: {
  authors: readonly AuthorSummary[] | undefined;
  publishedAt: string;
  readingTimeMinutes: number;
  className?: string;
}) {
  const list = authors ?? [];
  return (
    <p className={`flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted ${className}`}>
      {list.length > 0 && (
        <>
          <span>
            By{" "}
            {list.map((author, index) => (
              <span key={author.id}>
                {index > 0 && (index === list.length - 1 ? " and " : ", ")}
                <Link href={`/author/${author.slug}`} className="relative z-10 font-medium text-fg hover:underline">
                  {author.name}
                </Link>
              </span>
            ))}
          </span>
          <span aria-hidden="true">·</span>
        </>
      )}
      <span className="whitespace-nowrap">
        <time dateTime={publishedAt}>{formatDate(publishedAt)}</time>
        <span aria-hidden="true"> · </span>
        <span>{formatReadingTime(readingTimeMinutes)}</span>
      </span>
    </p>
  );
}
