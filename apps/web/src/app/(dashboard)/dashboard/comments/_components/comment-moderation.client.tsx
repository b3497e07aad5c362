"use client";

import type {
  BulkModerateCommentsResult,
  CommentBulkAction,
  CommentCounts,
  CommentSettings,
  CommentStatus,
  StaffComment,
  StaffCommentList,
} from "@folio/types";
import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { FormAlert, FormStatus } from "@/components/auth/form-controls";
import { inputClass, labelClass, linkClass, secondaryButton } from "@/components/auth/styles";
import { formatDateTime } from "@/components/dashboard/format";
import { apiRequest, isApiProblem } from "@/lib/auth-client";
import { CommentSettingsForm } from "./comment-settings-form.client";
import {
  ACTION_LABELS,
  ACTION_STATUS,
  STATUSES,
  STATUS_LABELS,
  type QueueFilters,
  actionsFor,
  countsKey,
  countsPath,
  movedCounts,
  queueKey,
  queuePath,
  withoutComments,
} from "./moderation-queries";

type QueueData = InfiniteData<StaffCommentList, string | null>;

function StatusTabs({
  status,
  counts,
  onChange,
}: {
  status: CommentStatus;
  counts: CommentCounts | undefined;
  onChange: (status: CommentStatus) => void;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  // Arrow keys move between tabs (and select them), as the ARIA tabs pattern asks.
  function onKeyDown(event: KeyboardEvent, index: number) {
    const last = STATUSES.length - 1;
    const next =
      event.key === "ArrowRight"
        ? (index + 1) % STATUSES.length
        : event.key === "ArrowLeft"
          ? (index - 1 + STATUSES.length) % STATUSES.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    const target = STATUSES[next];
    if (target !== undefined) onChange(target);
    refs.current[next]?.focus();
  }
  return (
    <div role="tablist" aria-label="Comment status" className="flex flex-wrap gap-1 border-b border-line">
      {STATUSES.map((s, index) => {
        const selected = s === status;
        return (
          <button
            key={s}
            ref={(el) => {
              refs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={`comments-tab-${s}`}
            aria-selected={selected}
            aria-controls="comments-panel"
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(s)}
            onKeyDown={(e) => onKeyDown(e, index)}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-semibold ${
              selected ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg"
            }`}
          >
            {STATUS_LABELS[s]}{" "}
            <span className="rounded-full bg-surface px-2 py-0.5 text-xs tabular-nums">
              {counts?.[s] ?? "…"}
            </span>
          </button>
        );
      })}
    </div>
  );
}

function SelectAll({
  total,
  selected,
  onChange,
}: {
  total: number;
  selected: number;
  onChange: (all: boolean) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = selected > 0 && selected < total;
  }, [selected, total]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select all comments shown"
      className="size-4"
      checked={total > 0 && selected === total}
      disabled={total === 0}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}

/** The moderation queue: status tabs with counts, filters, bulk actions and the comment settings. */
export function CommentModeration({
  initialQueue,
  initialCounts,
  settings,
  canEditSettings,
}: {
  initialQueue: StaffCommentList;
  initialCounts: CommentCounts;
  settings: CommentSettings;
  canEditSettings: boolean;
}) {
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<QueueFilters>({ status: "pending", postId: "", q: "" });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Posts seen in the queue so far, for the post filter.
  const [posts, setPosts] = useState<Map<string, string>>(
    () => new Map(initialQueue.data.map((c) => [c.post.id, c.post.title])),
  );
  const isDefault = filters.status === "pending" && filters.postId === "" && filters.q === "";

  const queue = useInfiniteQuery({
    queryKey: queueKey(filters),
    queryFn: ({ pageParam }) => apiRequest<StaffCommentList>("GET", queuePath(filters, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    ...(isDefault ? { initialData: { pages: [initialQueue], pageParams: [null] } } : {}),
  });
  const counts = useQuery({
    queryKey: countsKey(filters.postId),
    queryFn: () => apiRequest<CommentCounts>("GET", countsPath(filters.postId)),
    ...(filters.postId === "" ? { initialData: initialCounts } : {}),
  });
  const rows: StaffComment[] = queue.data?.pages.flatMap((p) => p.data) ?? [];

  useEffect(() => {
    if (rows.some((c) => !posts.has(c.post.id))) {
      setPosts((current) => {
        const next = new Map(current);
        for (const c of rows) next.set(c.post.id, c.post.title);
        return next;
      });
    }
  }, [rows, posts]);

  const moderate = useMutation({
    mutationFn: (input: { ids: string[]; action: CommentBulkAction }) =>
      apiRequest<BulkModerateCommentsResult>("POST", "/admin/comments/bulk", input),
    onMutate: async ({ ids, action }) => {
      setMessage(null);
      setError(null);
      const key = queueKey(filters);
      const cKey = countsKey(filters.postId);
      await Promise.all([
        queryClient.cancelQueries({ queryKey: key }),
        queryClient.cancelQueries({ queryKey: cKey }),
      ]);
      const previousQueue = queryClient.getQueryData<QueueData>(key);
      const previousCounts = queryClient.getQueryData<CommentCounts>(cKey);
      const moving = new Set(ids);
      // Optimistic: the comments leave this tab and the counts move with them.
      queryClient.setQueryData<QueueData>(key, (data) =>
        data === undefined ? data : { ...data, pages: withoutComments(data.pages, moving) },
      );
      queryClient.setQueryData<CommentCounts>(cKey, (current) =>
        current === undefined
          ? current
          : movedCounts(current, filters.status, ACTION_STATUS[action], ids.length),
      );
      setSelected(new Set());
      return { key, cKey, previousQueue, previousCounts, ids };
    },
    onError: (e, _input, context) => {
      if (context) {
        // Roll back: the comments come back, still selected, and the counts are restored.
        queryClient.setQueryData(context.key, context.previousQueue);
        queryClient.setQueryData(context.cKey, context.previousCounts);
        setSelected(new Set(context.ids));
      }
      setError(
        isApiProblem(e)
          ? `Nothing was changed: ${e.detail ?? e.title}`
          : "Nothing was changed. Please try again.",
      );
    },
    onSuccess: (result, { action }) => {
      const n = result.updated;
      setMessage(
        n === 0
          ? "Those comments were already there."
          : `${n} comment${n === 1 ? "" : "s"} ${action === "restore" ? "moved back to pending" : `now ${STATUS_LABELS[result.status].toLowerCase()}`}.`,
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ["admin", "comments"] }),
  });

  function changeStatus(status: CommentStatus) {
    setSelected(new Set());
    setMessage(null);
    setError(null);
    setFilters((f) => ({ ...f, status }));
  }

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => {
      const v = data.get(name);
      return typeof v === "string" ? v.trim() : "";
    };
    setSelected(new Set());
    setFilters((f) => ({ ...f, postId: text("post"), q: text("q") }));
  }

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const actions = actionsFor(filters.status);
  const selectedCount = rows.filter((c) => selected.has(c.id)).length;

  return (
    <div className="grid gap-10">
      <section aria-labelledby="queue-heading" className="grid gap-5">
        <h2 id="queue-heading" className="text-xl font-bold tracking-tight text-fg">
          Moderation queue
        </h2>
        <form
          role="search"
          aria-label="Filter comments"
          onSubmit={applyFilters}
          className="flex flex-wrap items-end gap-3"
        >
          <div>
            <label htmlFor="comments-post" className={labelClass}>
              Post
            </label>
            <select id="comments-post" name="post" className={inputClass} defaultValue="">
              <option value="">All posts</option>
              {[...posts].map(([id, title]) => (
                <option key={id} value={id}>
                  {title}
                </option>
              ))}
            </select>
          </div>
          <div className="min-w-48 flex-1">
            <label htmlFor="comments-q" className={labelClass}>
              Text, name or email
            </label>
            <input id="comments-q" name="q" type="search" maxLength={200} className={inputClass} />
          </div>
          <button type="submit" className={secondaryButton}>
            Filter
          </button>
        </form>
        <StatusTabs status={filters.status} counts={counts.data} onChange={changeStatus} />
        <div
          id="comments-panel"
          role="tabpanel"
          aria-labelledby={`comments-tab-${filters.status}`}
          className="grid gap-4"
        >
          <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2">
            <span className="mr-2 text-sm text-muted" aria-live="polite">
              {selectedCount} selected
            </span>
            {actions.map((action) => (
              <button
                key={action}
                type="button"
                className={`${secondaryButton} px-3 py-1.5`}
                disabled={selectedCount === 0 || moderate.isPending}
                onClick={() =>
                  moderate.mutate({ ids: rows.filter((c) => selected.has(c.id)).map((c) => c.id), action })
                }
              >
                {ACTION_LABELS[action]}
                <span className="sr-only"> selected comments</span>
              </button>
            ))}
          </div>
          <FormAlert message={error} />
          <FormStatus>{message}</FormStatus>
          <div
            role="region"
            aria-label={`${STATUS_LABELS[filters.status]} comments`}
            tabIndex={0}
            className="overflow-x-auto rounded-xl border border-line"
          >
            <table className="w-full min-w-[48rem] text-left text-sm">
              <caption className="sr-only">{STATUS_LABELS[filters.status]} comments, newest first</caption>
              <thead className="whitespace-nowrap bg-surface text-xs uppercase tracking-wider text-muted">
                <tr>
                  <th scope="col" className="w-10 px-4 py-3">
                    <SelectAll
                      total={rows.length}
                      selected={selectedCount}
                      onChange={(all) => setSelected(all ? new Set(rows.map((c) => c.id)) : new Set())}
                    />
                  </th>
                  <th scope="col" className="px-4 py-3 font-semibold">
                    Author
                  </th>
                  <th scope="col" className="px-4 py-3 font-semibold">
                    Comment
                  </th>
                  <th scope="col" className="px-4 py-3 font-semibold">
                    Post
                  </th>
                  <th scope="col" className="px-4 py-3 font-semibold">
                    Actions
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {queue.isPending &&
                  [0, 1, 2].map((i) => (
                    <tr key={`skeleton-${i}`} aria-hidden="true">
                      <td colSpan={5} className="px-4 py-4">
                        <div className="h-10 animate-pulse rounded bg-surface" />
                      </td>
                    </tr>
                  ))}
                {rows.map((c) => {
                  const who = c.author?.display_name ?? "Deleted account";
                  return (
                    <tr key={c.id} className="align-top">
                      <td className="px-4 py-3">
                        <input
                          type="checkbox"
                          className="size-4"
                          aria-label={`Select comment by ${who}`}
                          checked={selected.has(c.id)}
                          onChange={(e) => toggle(c.id, e.target.checked)}
                        />
                      </td>
                      <th scope="row" className="px-4 py-3 font-normal">
                        <span className="block font-semibold text-fg">{who}</span>
                        {c.author_email !== null && (
                          <span className="block text-muted">{c.author_email}</span>
                        )}
                        <span className="block whitespace-nowrap text-xs text-muted">
                          {formatDateTime(c.created_at)}
                        </span>
                      </th>
                      <td className="max-w-md px-4 py-3 text-fg">
                        {/* Rendered and sanitised by the API (allow-listed tags only). */}
                        <div
                          className="grid gap-2 break-words [&_a]:text-accent [&_a]:underline [&_code]:bg-surface"
                          dangerouslySetInnerHTML={{ __html: c.html }}
                        />
                        {c.report_count > 0 && (
                          <span className="mt-2 inline-block rounded-full border border-line px-2 py-0.5 text-xs font-semibold">
                            {c.report_count} report{c.report_count === 1 ? "" : "s"}
                          </span>
                        )}
                      </td>
                      <td className="px-4 py-3">
                        <a href={`/${c.post.slug}`} className={linkClass}>
                          {c.post.title}
                        </a>
                      </td>
                      <td className="px-4 py-3">
                        <div className="flex flex-wrap gap-1.5">
                          {actions.map((action) => (
                            <button
                              key={action}
                              type="button"
                              className={`${secondaryButton} px-3 py-1`}
                              disabled={moderate.isPending}
                              onClick={() => moderate.mutate({ ids: [c.id], action })}
                            >
                              {ACTION_LABELS[action]}
                              <span className="sr-only"> comment by {who}</span>
                            </button>
                          ))}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {rows.length === 0 && !queue.isFetching && (
              <p className="px-4 py-6 text-muted">
                No {STATUS_LABELS[filters.status].toLowerCase()} comments.
              </p>
            )}
            {queue.isError && (
              <p className="px-4 py-6 text-muted">
                The comments could not be loaded. Please reload the page.
              </p>
            )}
          </div>
          {queue.hasNextPage && (
            <div>
              <button
                type="button"
                className={secondaryButton}
                disabled={queue.isFetchingNextPage}
                onClick={() => void queue.fetchNextPage()}
              >
                {queue.isFetchingNextPage ? "Loading…" : "Show more"}
              </button>
            </div>
          )}
        </div>
      </section>
      <CommentSettingsForm initial={settings} canEdit={canEditSettings} />
    </div>
  );
}
