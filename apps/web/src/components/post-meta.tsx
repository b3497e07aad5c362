import Link from "next/link";
import type { AuthorSummary } from "@folio/types";
import { formatDate, formatReadingTime } from "@/lib/format";

/**
 * Byline on one line ("By Ada and Grace", linked), date and reading time on the next, so a
 * narrow column never strands a separator at a line end.
 */
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
    <div className={`text-sm leading-6 text-muted ${className}`}>
      {list.length > 0 && (
        <p>
          By{" "}
          {list.map((author, index) => (
            <span key={author.id}>
              {index > 0 && (index === list.length - 1 ? " and " : ", ")}
              <Link
                href={`/author/${author.slug}`}
                className="relative z-10 font-medium text-fg hover:underline"
              >
                {author.name}
              </Link>
            </span>
          ))}
        </p>
      )}
      <p>
        <time dateTime={publishedAt}>{formatDate(publishedAt)}</time>
        <span aria-hidden="true"> · </span>
        <span>{formatReadingTime(readingTimeMinutes)}</span>
      </p>
    </div>
  );
}
