"use client";

import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { Redirect, RedirectList } from "@folio/types";
import { type FormEvent, useId, useState } from "react";
import { FormAlert, FormStatus } from "@/components/auth/form-controls";
import {
  dangerButton,
  inputClass,
  labelClass,
  primaryButton,
  secondaryButton,
} from "@/components/auth/styles";
import { DeleteConfirmation } from "@/components/dashboard/delete-confirmation";
import { apiRequest } from "@/lib/auth-client";
import { problemText } from "../../taxonomy/_components/problem-text";

const STATUS_CODES = [301, 302, 307, 308] as const;
const STATUS_LABEL: Record<number, string> = {
  301: "301 permanent",
  302: "302 temporary",
  307: "307 temporary (keeps method)",
  308: "308 permanent (keeps method)",
};
const PAGE_SIZE = 50;

type Report = (ok: string | null, failure: string | null) => void;
type Pages = InfiniteData<RedirectList, string | null>;

const keyOf = (q: string) => ["admin", "redirects", q] as const;

function listPath(q: string, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (q !== "") params.set("q", q);
  if (cursor !== null) params.set("cursor", cursor);
  return `/admin/redirects?${params.toString()}`;
}

function mapPages(pages: Pages | undefined, change: (rows: Redirect[]) => Redirect[]): Pages | undefined {
  return pages && { ...pages, pages: pages.pages.map((page) => ({ ...page, data: change(page.data) })) };
}

function StatusSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: number;
  onChange: (value: number) => void;
}) {
  return (
    <select id={id} className={inputClass} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {STATUS_CODES.map((code) => (
        <option key={code} value={code}>
          {STATUS_LABEL[code]}
        </option>
      ))}
    </select>
  );
}

function RedirectRow({
  redirect,
  queryKey,
  onReport,
}: {
  redirect: Redirect;
  queryKey: readonly unknown[];
  onReport: Report;
}) {
  const queryClient = useQueryClient();
  const id = useId();
  const [mode, setMode] = useState<"view" | "edit" | "delete">("view");
  const [from, setFrom] = useState(redirect.from_path);
  const [to, setTo] = useState(redirect.to_path);
  const [status, setStatus] = useState<number>(redirect.status_code);

  const optimistic = async (change: (rows: Redirect[]) => Redirect[]) => {
    await queryClient.cancelQueries({ queryKey });
    const previous = queryClient.getQueryData<Pages>(queryKey);
    queryClient.setQueryData<Pages>(queryKey, mapPages(previous, change));
    return previous;
  };
  const rollback = (previous: Pages | undefined) => queryClient.setQueryData(queryKey, previous);

  const save = useMutation({
    mutationFn: (body: { from_path: string; to_path: string; status_code: number }) =>
      apiRequest<Redirect>("PATCH", `/admin/redirects/${redirect.id}`, body),
    onMutate: (body) =>
      optimistic((rows) =>
        rows.map((r) =>
          r.id === redirect.id
            ? { ...r, ...body, status_code: body.status_code as Redirect["status_code"] }
            : r,
        ),
      ),
    onError: (error, _b, previous) => {
      rollback(previous);
      onReport(null, `Could not save the redirect from ${redirect.from_path}: ${problemText(error)}`);
    },
    onSuccess: (saved) => {
      setMode("view");
      onReport(`${saved.from_path} now redirects to ${saved.to_path}.`, null);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["admin", "redirects"] }),
  });
  const remove = useMutation({
    mutationFn: () => apiRequest("DELETE", `/admin/redirects/${redirect.id}`),
    onMutate: () => optimistic((rows) => rows.filter((r) => r.id !== redirect.id)),
    onError: (error, _v, previous) => {
      rollback(previous);
      setMode("view");
      onReport(null, `Could not delete the redirect from ${redirect.from_path}: ${problemText(error)}`);
    },
    onSuccess: () => onReport(`${redirect.from_path} no longer redirects.`, null),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["admin", "redirects"] }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ from_path: from.trim(), to_path: to.trim(), status_code: status });
  }

  if (mode === "edit") {
    return (
      <tr>
        <td colSpan={5} className="p-3">
          <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[1fr_1fr_12rem] sm:items-end">
            <div>
              <label htmlFor={`${id}-from`} className={labelClass}>
                From path
              </label>
              <input
                id={`${id}-from`}
                className={`${inputClass} font-mono`}
                value={from}
                required
                maxLength={2000}
                onChange={(e) => setFrom(e.target.value)}
              />
            </div>
            <div>
              <label htmlFor={`${id}-to`} className={labelClass}>
                To path or URL
              </label>
              <input
                id={`${id}-to`}
                className={`${inputClass} font-mono`}
                value={to}
                required
                maxLength={2000}
                onChange={(e) => setTo(e.target.value)}
              />
            </div>
            <div>
              <label htmlFor={`${id}-status`} className={labelClass}>
                Status
              </label>
              <StatusSelect id={`${id}-status`} value={status} onChange={setStatus} />
            </div>
            <div className="flex gap-2 sm:col-span-3">
              <button type="submit" className={primaryButton} disabled={save.isPending}>
                Save
              </button>
              <button type="button" className={secondaryButton} onClick={() => setMode("view")}>
                Cancel
              </button>
            </div>
          </form>
        </td>
      </tr>
    );
  }

  return (
    <tr className="border-t border-line align-top">
      <td className="p-3 font-mono text-sm break-all text-fg">{redirect.from_path}</td>
      <td className="p-3 font-mono text-sm break-all text-fg">{redirect.to_path}</td>
      <td className="p-3 text-sm text-muted">
        {redirect.status_code} · {redirect.kind}
      </td>
      <td className="p-3 text-sm text-muted">
        {redirect.hits}
        {redirect.last_hit_at !== null && (
          <span className="block text-xs">last {new Date(redirect.last_hit_at).toLocaleString()}</span>
        )}
      </td>
      <td className="p-3">
        {mode === "delete" ? (
          <DeleteConfirmation
            target={`the redirect from ${redirect.from_path}`}
            pending={remove.isPending}
            onConfirm={() => remove.mutate()}
            onCancel={() => setMode("view")}
          />
        ) : (
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={`${secondaryButton} px-3 py-1.5`}
              onClick={() => setMode("edit")}
            >
              Edit<span className="sr-only"> the redirect from {redirect.from_path}</span>
            </button>
            <button type="button" className={`${dangerButton} px-3 py-1.5`} onClick={() => setMode("delete")}>
              Delete<span className="sr-only"> the redirect from {redirect.from_path}</span>
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

export function RedirectsManager({ initial }: { initial: RedirectList }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [status, setStatus] = useState<number>(301);
  const queryKey = keyOf(q);
  const list = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => apiRequest<RedirectList>("GET", listPath(q, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    ...(q === "" ? { initialData: { pages: [initial], pageParams: [null] } } : {}),
  });
  const rows = list.data?.pages.flatMap((page) => page.data) ?? [];
  const report: Report = (ok, failure) => {
    setMessage(ok);
    setError(failure);
  };
  const create = useMutation({
    mutationFn: (body: { from_path: string; to_path: string; status_code: number }) =>
      apiRequest<Redirect>("POST", "/admin/redirects", body),
    onSuccess: (created) => {
      setFrom("");
      setTo("");
      report(
        `${created.from_path} now redirects to ${created.to_path}` +
          (created.to_path === to.trim()
            ? "."
            : " (the target itself redirected, so it points at the final address)."),
        null,
      );
    },
    onError: (e) => report(null, `Could not create the redirect: ${problemText(e)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["admin", "redirects"] }),
  });

  return (
    <div className="grid gap-10">
      <section
        aria-labelledby="new-redirect-heading"
        className="rounded-2xl border border-line bg-surface p-6"
      >
        <h2 id="new-redirect-heading" className="mb-5 text-xl font-bold tracking-tight text-fg">
          Add a redirect
        </h2>
        <form
          className="grid gap-3 sm:grid-cols-[1fr_1fr_12rem] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ from_path: from.trim(), to_path: to.trim(), status_code: status });
          }}
        >
          <div>
            <label htmlFor="new-redirect-from" className={labelClass}>
              From path
            </label>
            <input
              id="new-redirect-from"
              className={`${inputClass} font-mono`}
              placeholder="/old-page"
              value={from}
              required
              maxLength={2000}
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="new-redirect-to" className={labelClass}>
              To path or URL
            </label>
            <input
              id="new-redirect-to"
              className={`${inputClass} font-mono`}
              placeholder="/new-page"
              value={to}
              required
              maxLength={2000}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="new-redirect-status" className={labelClass}>
              Status
            </label>
            <StatusSelect id="new-redirect-status" value={status} onChange={setStatus} />
          </div>
          <div className="sm:col-span-3">
            <button type="submit" className={primaryButton} disabled={create.isPending}>
              {create.isPending ? "Adding…" : "Add redirect"}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="redirects-heading" className="grid gap-4">
        <h2 id="redirects-heading" className="text-xl font-bold tracking-tight text-fg">
          Redirects
        </h2>
        <FormAlert message={error} />
        <FormStatus>{message}</FormStatus>
        <form
          role="search"
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            setQ(search.trim());
          }}
        >
          <div className="grow">
            <label htmlFor="redirect-search" className={labelClass}>
              Find by path
            </label>
            <input
              id="redirect-search"
              type="search"
              className={inputClass}
              value={search}
              maxLength={200}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <button type="submit" className={secondaryButton}>
            Search
          </button>
        </form>
        {list.isPending ? (
          <div aria-busy="true" aria-label="Loading redirects" className="grid gap-2">
            {[0, 1, 2].map((i) => (
              <div key={i} className="h-10 animate-pulse rounded-lg bg-line" />
            ))}
          </div>
        ) : list.isError ? (
          <FormAlert message={problemText(list.error)} />
        ) : rows.length === 0 ? (
          <p className="text-muted">{q === "" ? "No redirects yet." : "No redirect matches."}</p>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-line">
            <table className="w-full text-left">
              <caption className="sr-only">Redirects, newest first</caption>
              <thead className="bg-surface text-sm text-muted">
                <tr>
                  <th scope="col" className="p-3 font-semibold">
                    From
                  </th>
                  <th scope="col" className="p-3 font-semibold">
                    To
                  </th>
                  <th scope="col" className="p-3 font-semibold">
                    Status · origin
                  </th>
                  <th scope="col" className="p-3 font-semibold">
                    Hits
                  </th>
                  <th scope="col" className="p-3 font-semibold">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((redirect) => (
                  <RedirectRow key={redirect.id} redirect={redirect} queryKey={queryKey} onReport={report} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.hasNextPage && (
          <button
            type="button"
            className={secondaryButton}
            disabled={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {list.isFetchingNextPage ? "Loading…" : "Show more"}
          </button>
        )}
      </section>
    </div>
  );
}
