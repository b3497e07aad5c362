"use client";

import type { OwnComment, PublicCommentList } from "@folio/types";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useId, useState, useSyncExternalStore } from "react";
import { FormAlert } from "@/components/auth/form-controls";
import { dangerText, labelClass, linkClass, primaryButton, secondaryButton } from "@/components/auth/styles";
import { formatDateTime } from "@/components/dashboard/format";
import { apiRequest, hasSessionCookie, isApiProblem, retryAfterText } from "@/lib/auth-client";
import { type DisplayComment, authorName, insertInThread, mergeOwnPending } from "./comment-thread";

const LIST_LIMIT = 100;
const BODY_MAX = 10_000;
const smallButton = "rounded-md px-2 py-1 text-sm font-medium text-muted hover:bg-surface hover:text-fg";

// The session cookie never changes while the page is open in a way this section must follow at
// once (signing in navigates away), so the store has nothing to subscribe to.
const noSubscription = () => () => undefined;

/** Whether this browser holds a web session; false on the server and in the first client render. */
function useSignedIn(): boolean {
  return useSyncExternalStore(noSubscription, hasSessionCookie, () => false);
}

function problemText(error: unknown): string {
  if (!isApiProblem(error)) return "Your comment could not be sent. Check your connection and try again.";
  if (error.status === 429) return `You are commenting too fast. ${retryAfterText(error.retryAfterSeconds)}`;
  if (error.slug === "comments-closed") return "Comments are closed on this post.";
  if (error.status === 401) return "Your session has ended. Sign in again to comment.";
  return error.fieldErrors.body ?? error.detail ?? error.title;
}

function listPath(slug: string): string {
  return `/posts/${encodeURIComponent(slug)}/comments?limit=${LIST_LIMIT}`;
}

interface CommentFormProps {
  postId: string;
  parent: DisplayComment | null;
  onSubmit: (body: string, parent: DisplayComment | null) => Promise<boolean>;
  onCancel?: () => void;
}

function CommentForm({ postId, parent, onSubmit, onCancel }: CommentFormProps) {
  const id = useId();
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const label = parent === null ? "Write a comment" : `Reply to ${authorName(parent)}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = body.trim();
    if (text === "" || busy) return;
    setBusy(true);
    setBody("");
    // On failure the draft comes back, so nothing typed is lost.
    const ok = await onSubmit(text, parent);
    if (!ok) setBody(text);
    setBusy(false);
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="grid gap-2" data-post={postId}>
      <label htmlFor={`${id}-body`} className={labelClass}>
        {label}
      </label>
      <textarea
        id={`${id}-body`}
        name="body"
        rows={parent === null ? 4 : 3}
        required
        maxLength={BODY_MAX}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        aria-describedby={`${id}-hint`}
        className="block w-full rounded-lg border border-line bg-bg px-3.5 py-2.5 text-base text-fg placeholder:text-muted hover:border-muted"
      />
      <p id={`${id}-hint`} className="text-sm text-muted">
        Markdown works: *italic*, **bold**, `code`, [links](https://example.com), &gt; quotes and lists.
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={primaryButton} disabled={busy || body.trim() === ""}>
          {parent === null ? "Post comment" : "Post reply"}
        </button>
        {onCancel && (
          <button type="button" className={secondaryButton} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function ReportForm({
  comment,
  onDone,
}: {
  comment: DisplayComment;
  onDone: (message: string | null) => void;
}) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const report = useMutation({
    mutationFn: (text: string) =>
      apiRequest<undefined>("POST", `/comments/${encodeURIComponent(comment.id)}/report`, { reason: text }),
    onSuccess: () => onDone("Thanks: the moderators will take a look."),
    onError: (e) =>
      setError(
        isApiProblem(e) && e.slug === "already-reported"
          ? "You have already reported this comment."
          : isApiProblem(e)
            ? (e.detail ?? e.title)
            : "The report could not be sent.",
      ),
  });
  return (
    <form
      className="mt-2 grid gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim() !== "") report.mutate(reason.trim());
      }}
    >
      <label htmlFor={`${id}-reason`} className={labelClass}>
        Why are you reporting this comment by {authorName(comment)}?
      </label>
      <input
        id={`${id}-reason`}
        required
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        className="block w-full rounded-lg border border-line bg-bg px-3 py-2 text-sm text-fg"
      />
      <FormAlert message={error} />
      <div className="flex gap-2">
        <button type="submit" className={secondaryButton} disabled={report.isPending}>
          Send report
        </button>
        <button type="button" className={secondaryButton} onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * The interactive part of a post's comments: the thread (first rendered on the server from the
 * public list), the comment and reply forms for signed-in readers with an optimistic insert
 * rolled back on failure, and report and delete actions.
 */
export function CommentsSection({
  postId,
  postSlug,
  initial,
  closed = false,
}: {
  postId: string;
  postSlug: string;
  /** The approved comments as the server rendered them; null when it could not read them. */
  initial: PublicCommentList | null;
  closed?: boolean;
}) {
  const signedIn = useSignedIn();
  const queryClient = useQueryClient();
  const queryKey = ["comments", postSlug, signedIn ? "member" : "public"] as const;
  const comments = useQuery({
    queryKey,
    queryFn: () =>
      apiRequest<PublicCommentList>("GET", listPath(postSlug), undefined, {
        refreshOnUnauthorized: signedIn,
      }),
    // The public list is the server's; a member's copy is fetched again for `is_own`.
    ...(initial !== null && !signedIn ? { initialData: initial } : {}),
    ...(initial !== null ? { placeholderData: initial } : {}),
  });
  const [waiting, setWaiting] = useState<DisplayComment[]>([]);
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [reporting, setReporting] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (input: { body: string; parent: DisplayComment | null; tempId: string }) =>
      apiRequest<OwnComment>("POST", "/comments", {
        post_id: postId,
        ...(input.parent === null ? {} : { parent_id: input.parent.id }),
        body: input.body,
      }),
    onMutate: async (input) => {
      setError(null);
      setNotice(null);
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData<PublicCommentList>(queryKey);
      const optimistic: DisplayComment = {
        id: input.tempId,
        post_id: postId,
        parent_id: input.parent?.id ?? null,
        depth: input.parent === null ? 0 : input.parent.depth + 1,
        author: { display_name: "You", slug: "", avatar_url: null },
        html: "",
        text: input.body,
        created_at: new Date().toISOString(),
        edited_at: null,
        is_own: true,
        state: "sending",
      };
      queryClient.setQueryData<PublicCommentList>(queryKey, (list) => ({
        data: insertInThread(list?.data ?? [], optimistic),
        next_cursor: list?.next_cursor ?? null,
      }));
      return { previous };
    },
    onError: (e, _input, context) => {
      // Roll back to the list as it was before the optimistic insert.
      queryClient.setQueryData(queryKey, context?.previous);
      setError(problemText(e));
    },
    onSuccess: (saved, input) => {
      queryClient.setQueryData<PublicCommentList>(queryKey, (list) => ({
        data: (list?.data ?? []).flatMap((c) =>
          c.id !== input.tempId ? [c] : saved.status === "approved" ? [{ ...saved, is_own: true }] : [],
        ),
        next_cursor: list?.next_cursor ?? null,
      }));
      if (saved.status !== "approved") {
        setWaiting((list) => [...list, { ...saved, is_own: true, state: "pending" }]);
        setNotice("Thanks! Your comment will appear once a moderator approves it.");
      }
    },
    onSettled: (saved) => {
      if (saved?.status === "approved") void queryClient.invalidateQueries({ queryKey });
    },
  });

  const remove = useMutation({
    mutationFn: (id: string) => apiRequest<undefined>("DELETE", `/comments/${encodeURIComponent(id)}`),
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData<PublicCommentList>(queryKey);
      queryClient.setQueryData<PublicCommentList>(queryKey, (list) =>
        list === undefined ? list : { ...list, data: list.data.filter((c) => c.id !== id) },
      );
      setWaiting((list) => list.filter((c) => c.id !== id));
      return { previous };
    },
    onError: (e, _id, context) => {
      queryClient.setQueryData(queryKey, context?.previous);
      setError(isApiProblem(e) ? (e.detail ?? e.title) : "The comment could not be deleted.");
    },
    onSuccess: () => setNotice("Your comment was deleted."),
    onSettled: () => void queryClient.invalidateQueries({ queryKey }),
  });

  async function submit(body: string, parent: DisplayComment | null): Promise<boolean> {
    try {
      await create.mutateAsync({ body, parent, tempId: `sending-${Date.now()}-${Math.random()}` });
      setReplyTo(null);
      return true;
    } catch {
      return false;
    }
  }

  const list = mergeOwnPending((comments.data ?? initial)?.data ?? [], waiting);
  const loginHref = `/login?next=${encodeURIComponent(`/${postSlug}#comments`)}`;

  return (
    <div className="grid gap-8">
      <div aria-live="polite" className="empty:hidden">
        {notice !== null && (
          <p className="rounded-lg border border-line bg-surface px-4 py-3 text-sm text-fg">{notice}</p>
        )}
      </div>
      <FormAlert message={error} />
      {list.length === 0 ? (
        <p className="text-muted">
          {comments.isError && initial === null ? "Comments could not be loaded." : "No comments yet."}
        </p>
      ) : (
        <ol className="grid gap-5" aria-label="Comments">
          {list.map((comment) => (
            <li
              key={comment.id}
              id={`comment-${comment.id}`}
              className="scroll-mt-24 border-l-2 border-line pl-4"
              style={{ marginInlineStart: `${Math.min(comment.depth, 6) * 1.25}rem` }}
            >
              <article
                aria-label={`Comment by ${authorName(comment)}`}
                aria-busy={comment.state === "sending"}
              >
                <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
                  <span className="font-semibold text-fg">{authorName(comment)}</span>
                  <time dateTime={comment.created_at} className="text-muted">
                    {formatDateTime(comment.created_at)}
                  </time>
                  {comment.edited_at !== null && <span className="text-muted">(edited)</span>}
                  {comment.state === "sending" && <span className="text-muted">Sending…</span>}
                  {comment.state === "pending" && (
                    <span className="rounded-full border border-line px-2 py-0.5 text-xs font-semibold text-fg">
                      Pending moderation
                    </span>
                  )}
                </header>
                {comment.text !== undefined && comment.html === "" ? (
                  <p className="mt-2 whitespace-pre-wrap text-fg">{comment.text}</p>
                ) : (
                  // Rendered and sanitised by the API (markdown subset, allow-listed tags only).
                  <div
                    className="comment-body mt-2 grid gap-3 text-fg [&_a]:text-accent [&_a]:underline [&_blockquote]:border-l-2 [&_blockquote]:border-line [&_blockquote]:pl-3 [&_code]:rounded [&_code]:bg-surface [&_code]:px-1 [&_ol]:list-decimal [&_ol]:pl-6 [&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-surface [&_pre]:p-3 [&_ul]:list-disc [&_ul]:pl-6"
                    dangerouslySetInnerHTML={{ __html: comment.html }}
                  />
                )}
                {signedIn && comment.state === undefined && (
                  <div className="mt-2 flex flex-wrap gap-1">
                    {!closed && (
                      <button
                        type="button"
                        className={smallButton}
                        aria-expanded={replyTo === comment.id}
                        onClick={() => setReplyTo(replyTo === comment.id ? null : comment.id)}
                      >
                        Reply<span className="sr-only"> to {authorName(comment)}</span>
                      </button>
                    )}
                    {comment.is_own !== true && (
                      <button
                        type="button"
                        className={smallButton}
                        aria-expanded={reporting === comment.id}
                        onClick={() => setReporting(reporting === comment.id ? null : comment.id)}
                      >
                        Report<span className="sr-only"> comment by {authorName(comment)}</span>
                      </button>
                    )}
                    {comment.is_own === true &&
                      (confirmDelete === comment.id ? (
                        <>
                          <button
                            type="button"
                            className={`${smallButton} ${dangerText}`}
                            onClick={() => {
                              setConfirmDelete(null);
                              remove.mutate(comment.id);
                            }}
                          >
                            Yes, delete my comment
                          </button>
                          <button
                            type="button"
                            className={smallButton}
                            onClick={() => setConfirmDelete(null)}
                          >
                            Keep it
                          </button>
                        </>
                      ) : (
                        <button
                          type="button"
                          className={smallButton}
                          onClick={() => setConfirmDelete(comment.id)}
                        >
                          Delete<span className="sr-only"> my comment</span>
                        </button>
                      ))}
                  </div>
                )}
                {reporting === comment.id && (
                  <ReportForm
                    comment={comment}
                    onDone={(message) => {
                      setReporting(null);
                      if (message !== null) setNotice(message);
                    }}
                  />
                )}
                {replyTo === comment.id && (
                  <div className="mt-3">
                    <CommentForm
                      postId={postId}
                      parent={comment}
                      onSubmit={submit}
                      onCancel={() => setReplyTo(null)}
                    />
                  </div>
                )}
              </article>
            </li>
          ))}
        </ol>
      )}
      {closed ? (
        <p className="text-muted">Comments are closed.</p>
      ) : signedIn ? (
        <CommentForm postId={postId} parent={null} onSubmit={submit} />
      ) : (
        <p className="text-fg">
          <Link href={loginHref} className={linkClass}>
            Sign in to comment
          </Link>
        </p>
      )}
    </div>
  );
}
