"use client";

import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useId, useState } from "react";
import { inputClass, labelClass, linkClass, primaryButton, secondaryButton } from "@/components/auth/styles";
import { formatDateTime } from "@/components/dashboard/format";
import {
  ACTION_LABELS,
  POST_STATUSES,
  type PostCounts,
  type PostListFilters,
  type PostStatus,
  type PostType,
  STATUS_LABELS,
  type StaffPostSummary,
  type WorkflowAction,
  describeError,
  postsApi,
} from "@/lib/posts-client";
import { Toaster, toastError, toastSuccess } from "./toasts.client";

// The posts (or pages) list: status tabs with counts, filters, sort, "load more" over the cursor,
// skeleton rows while loading, and row actions from each row's `allowed_actions`. Trash and
// restore are optimistic (the row leaves the list at once) and roll back with a notice on error.

type Tab = PostStatus | "all" | "trash";
type Page = { data: StaffPostSummary[]; next_cursor: string | null };

/** Row actions that need no extra input (reject and schedule need the editor's dialogs). */
const QUICK: WorkflowAction[] = [
  "submit",
  "withdraw",
  "approve",
  "publish",
  "unschedule",
  "unpublish",
  "archive",
  "unarchive",
];
const SORTS: { value: string; label: string }[] = [
  { value: "-updated_at", label: "Recently updated" },
  { value: "updated_at", label: "Least recently updated" },
  { value: "-published_at", label: "Newest published" },
  { value: "published_at", label: "Oldest published" },
  { value: "title", label: "Title A–Z" },
  { value: "-title", label: "Title Z–A" },
];

interface Filters {
  q: string;
  author: string;
  tag: string;
  category: string;
  featured: boolean;
  from: string;
  to: string;
  date: "updated" | "published";
  sort: string;
}
const NO_FILTERS: Filters = {
  q: "",
  author: "",
  tag: "",
  category: "",
  featured: false,
  from: "",
  to: "",
  date: "updated",
  sort: "-updated_at",
};

function toQuery(tab: Tab, f: Filters): PostListFilters {
  const dayStart = (d: string) => (d === "" ? undefined : new Date(`${d}T00:00:00`).toISOString());
  const dayEnd = (d: string) =>
    d === "" ? undefined : new Date(new Date(`${d}T00:00:00`).getTime() + 86_400_000).toISOString();
  return {
    status: tab === "all" || tab === "trash" ? undefined : tab,
    trashed: tab === "trash",
    q: f.q.trim() || undefined,
    author: f.author.trim() || undefined,
    tag: f.tag || undefined,
    category: f.category || undefined,
    featured: f.featured || undefined,
    from: dayStart(f.from),
    to: dayEnd(f.to),
    date: f.from !== "" || f.to !== "" ? f.date : undefined,
    sort: f.sort,
  };
}

export function PostsList({
  type,
  canCreate,
  canPurge,
  canFilterAuthors,
}: {
  type: PostType;
  canCreate: boolean;
  canPurge: boolean;
  canFilterAuthors: boolean;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<Tab>("all");
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const noun = type === "page" ? "page" : "post";
  const base = type === "page" ? "/dashboard/pages" : "/dashboard/posts";
  const listKey = ["admin", type, "list", tab, filters] as const;
  const countsKey = ["admin", type, "counts"] as const;

  const counts = useQuery({ queryKey: countsKey, queryFn: () => postsApi.counts(type) });
  const list = useInfiniteQuery({
    queryKey: listKey,
    queryFn: ({ pageParam, signal }) => postsApi.list(type, toQuery(tab, filters), pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const tags = useQuery({ queryKey: ["tags"], queryFn: () => postsApi.tags(), staleTime: 60_000 });
  const categories = useQuery({
    queryKey: ["categories"],
    queryFn: () => postsApi.categories(),
    staleTime: 60_000,
  });

  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["admin", type, "list"] }),
      queryClient.invalidateQueries({ queryKey: countsKey }),
    ]);

  /** Removes a row from the visible list and moves one count, returning what to roll back to. */
  const optimisticRemove = async (post: StaffPostSummary, from: keyof PostCounts, to: keyof PostCounts) => {
    await queryClient.cancelQueries({ queryKey: listKey });
    const before = queryClient.getQueryData<InfiniteData<Page>>(listKey);
    const beforeCounts = queryClient.getQueryData<PostCounts>(countsKey);
    if (before !== undefined)
      queryClient.setQueryData<InfiniteData<Page>>(listKey, {
        ...before,
        pages: before.pages.map((p) => ({ ...p, data: p.data.filter((r) => r.id !== post.id) })),
      });
    if (beforeCounts !== undefined)
      queryClient.setQueryData<PostCounts>(countsKey, {
        ...beforeCounts,
        [from]: Math.max(0, beforeCounts[from] - 1),
        [to]: beforeCounts[to] + 1,
      });
    return { before, beforeCounts };
  };
  const rollback = (context: Awaited<ReturnType<typeof optimisticRemove>> | undefined) => {
    if (context?.before !== undefined) queryClient.setQueryData(listKey, context.before);
    if (context?.beforeCounts !== undefined) queryClient.setQueryData(countsKey, context.beforeCounts);
  };

  const trash = useMutation({
    mutationFn: (post: StaffPostSummary) => postsApi.trash(post.id),
    onMutate: (post) => optimisticRemove(post, post.status, "trash"),
    onError: (e, post, context) => {
      rollback(context);
      toastError(`“${post.title}” was not moved to the trash: ${describeError(e)}`);
    },
    onSuccess: (_d, post) => toastSuccess(`“${post.title}” moved to the trash.`),
    onSettled: invalidate,
  });
  const restore = useMutation({
    mutationFn: (post: StaffPostSummary) => postsApi.restore(post.id),
    onMutate: (post) => optimisticRemove(post, "trash", "draft"),
    onError: (e, post, context) => {
      rollback(context);
      toastError(`“${post.title}” was not restored: ${describeError(e)}`);
    },
    onSuccess: (_d, post) => toastSuccess(`“${post.title}” restored as a draft.`),
    onSettled: invalidate,
  });
  const purge = useMutation({
    mutationFn: (post: StaffPostSummary) => postsApi.purge(post.id),
    onMutate: (post) => optimisticRemove(post, "trash", "trash"),
    onError: (e, post, context) => {
      rollback(context);
      toastError(`“${post.title}” was not deleted: ${describeError(e)}`);
    },
    onSuccess: (_d, post) => toastSuccess(`“${post.title}” deleted for good.`),
    onSettled: invalidate,
  });
  const act = useMutation({
    mutationFn: ({ post, action }: { post: StaffPostSummary; action: WorkflowAction }) =>
      postsApi.transition(post.id, action, { version: post.version }),
    onSuccess: (updated) =>
      toastSuccess(`“${updated.title}” is now ${STATUS_LABELS[updated.status].toLowerCase()}.`),
    onError: (e, { post }) => toastError(`“${post.title}”: ${describeError(e)}`),
    onSettled: invalidate,
  });

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => {
      const v = data.get(name);
      return typeof v === "string" ? v : "";
    };
    setFilters({
      q: text("q"),
      author: text("author"),
      tag: text("tag"),
      category: text("category"),
      featured: data.get("featured") === "on",
      from: text("from"),
      to: text("to"),
      date: text("date") === "published" ? "published" : "updated",
      sort: text("sort") || "-updated_at",
    });
  };

  const tabs: { value: Tab; label: string; count: number | undefined }[] = [
    {
      value: "all",
      label: "All",
      count: counts.data === undefined ? undefined : POST_STATUSES.reduce((n, s) => n + counts.data[s], 0),
    },
    ...POST_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s], count: counts.data?.[s] })),
    { value: "trash", label: "Trash", count: counts.data?.trash },
  ];

  return (
    <div className="grid gap-6">
      <Toaster />
      {canCreate && (
        <div>
          <Link href={`${base}/new`} className={primaryButton}>
            New {noun}
          </Link>
        </div>
      )}
      <nav
        aria-label={`${noun === "page" ? "Page" : "Post"} status`}
        className="flex flex-wrap gap-1 border-b border-line pb-2"
      >
        {tabs.map((t) => (
          <button
            key={t.value}
            type="button"
            aria-pressed={tab === t.value}
            onClick={() => setTab(t.value)}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${
              tab === t.value ? "bg-surface text-fg" : "text-muted hover:bg-surface hover:text-fg"
            }`}
          >
            {t.label}
            <span className="ml-1.5 text-xs text-muted">{t.count ?? "…"}</span>
          </button>
        ))}
      </nav>

      <form
        role="search"
        aria-label={`Filter ${noun}s`}
        onSubmit={search}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4"
      >
        <div className="sm:col-span-2">
          <label htmlFor={`${id}-q`} className={labelClass}>
            Title contains
          </label>
          <input id={`${id}-q`} name="q" type="search" maxLength={200} className={inputClass} />
        </div>
        {canFilterAuthors && (
          <div>
            <label htmlFor={`${id}-author`} className={labelClass}>
              Author (slug)
            </label>
            <input id={`${id}-author`} name="author" maxLength={191} className={inputClass} />
          </div>
        )}
        <div>
          <label htmlFor={`${id}-sort`} className={labelClass}>
            Sort
          </label>
          <select id={`${id}-sort`} name="sort" defaultValue="-updated_at" className={inputClass}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        {type === "post" && (
          <>
            <div>
              <label htmlFor={`${id}-tag`} className={labelClass}>
                Tag
              </label>
              <select id={`${id}-tag`} name="tag" defaultValue="" className={inputClass}>
                <option value="">Any tag</option>
                {(tags.data?.data ?? []).map((t) => (
                  <option key={t.id} value={t.slug}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-category`} className={labelClass}>
                Category
              </label>
              <select id={`${id}-category`} name="category" defaultValue="" className={inputClass}>
                <option value="">Any category</option>
                {(categories.data?.data ?? []).map((c) => (
                  <option key={c.id} value={c.slug}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <div>
          <label htmlFor={`${id}-date`} className={labelClass}>
            Date range applies to
          </label>
          <select id={`${id}-date`} name="date" defaultValue="updated" className={inputClass}>
            <option value="updated">Last update</option>
            <option value="published">Publication</option>
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-from`} className={labelClass}>
            From
          </label>
          <input id={`${id}-from`} name="from" type="date" className={inputClass} />
        </div>
        <div>
          <label htmlFor={`${id}-to`} className={labelClass}>
            To
          </label>
          <input id={`${id}-to`} name="to" type="date" className={inputClass} />
        </div>
        <div className="flex items-end gap-4">
          {type === "post" && (
            <label className="flex items-center gap-2 pb-3 text-sm font-semibold text-fg">
              <input type="checkbox" name="featured" /> Featured only
            </label>
          )}
          <button type="submit" className={`${secondaryButton} mb-0.5`}>
            Apply
          </button>
        </div>
      </form>

      <div
        role="region"
        aria-labelledby={`${id}-caption`}
        tabIndex={0}
        className="overflow-x-auto rounded-xl border border-line"
      >
        <table className="w-full min-w-[44rem] text-left text-sm" aria-busy={list.isPending}>
          <caption id={`${id}-caption`} className="sr-only">
            {tabs.find((t) => t.value === tab)?.label} {noun}s
          </caption>
          <thead className="whitespace-nowrap bg-surface text-xs uppercase tracking-wider text-muted">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">
                Title
              </th>
              <th scope="col" className="px-4 py-3 font-semibold">
                Status
              </th>
              <th scope="col" className="px-4 py-3 font-semibold">
                Authors
              </th>
              <th scope="col" className="px-4 py-3 font-semibold">
                Updated
              </th>
              <th scope="col" className="px-4 py-3 font-semibold">
                Actions
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {list.isPending &&
              [0, 1, 2, 3, 4].map((i) => (
                <tr key={i} aria-hidden="true">
                  {[0, 1, 2, 3, 4].map((j) => (
                    <td key={j} className="px-4 py-4">
                      <span className="block h-4 animate-pulse rounded bg-surface" />
                    </td>
                  ))}
                </tr>
              ))}
            {list.isError && (
              <tr>
                <td colSpan={5} className="px-4 py-6 text-center text-muted">
                  {describeError(list.error)}{" "}
                  <button type="button" className={linkClass} onClick={() => void list.refetch()}>
                    Try again
                  </button>
                </td>
              </tr>
            )}
            {list.isSuccess && rows.length === 0 && (
              <tr>
                <td colSpan={5} className="px-4 py-6 text-center text-muted">
                  {tab === "trash" ? "The trash is empty." : `No ${noun}s match.`}
                </td>
              </tr>
            )}
            {rows.map((post) => (
              <tr key={post.id} className="align-top">
                <th scope="row" className="px-4 py-3 font-normal">
                  <Link
                    href={`${base}/${post.id}`}
                    className="font-semibold text-fg hover:text-accent hover:underline"
                  >
                    {post.title === "" ? "Untitled" : post.title}
                  </Link>
                  <span className="block text-muted">/{post.slug}</span>
                  {post.tags.length > 0 && (
                    <span className="block text-xs text-muted">
                      {post.tags.map((t) => t.name).join(", ")}
                    </span>
                  )}
                </th>
                <td className="px-4 py-3 text-fg">
                  {STATUS_LABELS[post.status]}
                  {post.featured && <span className="block text-xs text-muted">Featured</span>}
                  {post.visibility === "members" && (
                    <span className="block text-xs text-muted">Members only</span>
                  )}
                </td>
                <td className="px-4 py-3 text-fg">{post.authors.map((a) => a.name).join(", ")}</td>
                <td className="whitespace-nowrap px-4 py-3 text-muted">
                  {formatDateTime(post.updated_at)}
                  {post.status === "scheduled" && post.published_at !== null && (
                    <span className="block text-fg">Publishes {formatDateTime(post.published_at)}</span>
                  )}
                </td>
                <td className="px-4 py-3">
                  <RowActions
                    post={post}
                    inTrash={tab === "trash"}
                    canPurge={canPurge}
                    editHref={`${base}/${post.id}`}
                    onTrash={() => trash.mutate(post)}
                    onRestore={() => restore.mutate(post)}
                    onPurge={() => purge.mutate(post)}
                    onAction={(action) => act.mutate({ post, action })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.hasNextPage && (
        <button
          type="button"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
          className={`${secondaryButton} justify-self-center`}
        >
          {list.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </div>
  );
}

function RowActions({
  post,
  inTrash,
  canPurge,
  editHref,
  onTrash,
  onRestore,
  onPurge,
  onAction,
}: {
  post: StaffPostSummary;
  inTrash: boolean;
  canPurge: boolean;
  editHref: string;
  onTrash: () => void;
  onRestore: () => void;
  onPurge: () => void;
  onAction: (action: WorkflowAction) => void;
}) {
  const [confirmPurge, setConfirmPurge] = useState(false);
  const button = "rounded-md px-2 py-1 text-left text-sm font-medium text-accent hover:bg-surface";
  const name = <span className="sr-only"> “{post.title}”</span>;
  if (inTrash) {
    return (
      <div className="flex flex-wrap gap-1">
        {post.can_delete && (
          <button type="button" className={button} onClick={onRestore}>
            Restore{name}
          </button>
        )}
        {canPurge &&
          (confirmPurge ? (
            <button type="button" className={button} onClick={onPurge}>
              Confirm delete forever{name}
            </button>
          ) : (
            <button type="button" className={button} onClick={() => setConfirmPurge(true)}>
              Delete forever{name}
            </button>
          ))}
      </div>
    );
  }
  const quick = QUICK.filter((a) => post.allowed_actions.includes(a));
  return (
    <div className="flex flex-wrap gap-1">
      <Link href={editHref} className={button}>
        {post.can_edit ? "Edit" : "View"}
        {name}
      </Link>
      {quick.map((action) => (
        <button key={action} type="button" className={button} onClick={() => onAction(action)}>
          {ACTION_LABELS[action]}
          {name}
        </button>
      ))}
      {post.can_delete && (
        <button type="button" className={button} onClick={onTrash}>
          Trash{name}
        </button>
      )}
    </div>
  );
}
