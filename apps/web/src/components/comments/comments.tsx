import "server-only";
import type { PublicCommentList } from "@folio/types";
import { QueryProvider } from "@/components/dashboard/query-provider.client";
import { API_URL } from "@/env";
import { CommentsSection } from "./comments-section.client";

const API_TIMEOUT_MS = 5_000;
/** Fallback freshness; approvals and deletions revalidate the `comments:<postId>` tag at once. */
const COMMENTS_REVALIDATE_SECONDS = 300;

/** The cache tags of a post's comments: the API's `web.revalidate` jobs name the first. */
export function commentCacheTags(postId: string, postSlug: string): string[] {
  return [`comments:${postId}`, `post:${postSlug}`];
}

/**
 * The approved comments of a post, read anonymously so the page stays static (ISR). Null when
 * they cannot be read here (members-only posts need the reader's session, which the client
 * component brings; an API outage must not take the post page down with it).
 */
async function loadComments(postSlug: string, postId: string): Promise<PublicCommentList | null> {
  try {
    const res = await fetch(`${API_URL}/api/v1/posts/${encodeURIComponent(postSlug)}/comments?limit=100`, {
      headers: { accept: "application/json" },
      next: { revalidate: COMMENTS_REVALIDATE_SECONDS, tags: commentCacheTags(postId, postSlug) },
      signal: AbortSignal.timeout(API_TIMEOUT_MS),
    });
    if (!res.ok) return null;
    return (await res.json()) as PublicCommentList;
  } catch {
    return null;
  }
}

/**
 * The comments under a post: the approved thread rendered on the server (for readers and search
 * engines), then interactive for signed-in members (comment, reply, report, delete their own).
 * Render it only when the post has comments enabled, or pass `closed` to show the existing ones.
 */
export async function Comments({
  postSlug,
  postId,
  closed = false,
}: {
  postSlug: string;
  postId: string;
  /** Comments are closed: show the thread without the form. */
  closed?: boolean;
}) {
  const initial = await loadComments(postSlug, postId);
  const count = initial?.data.length ?? 0;
  return (
    <section id="comments" aria-labelledby="comments-heading" className="mt-16 border-t border-line pt-10">
      <h2 id="comments-heading" className="text-2xl font-bold tracking-tight text-fg">
        Comments{count > 0 ? <span className="text-muted"> ({count})</span> : null}
      </h2>
      <div className="mt-6">
        <QueryProvider>
          <CommentsSection postId={postId} postSlug={postSlug} initial={initial} closed={closed} />
        </QueryProvider>
      </div>
    </section>
  );
}
