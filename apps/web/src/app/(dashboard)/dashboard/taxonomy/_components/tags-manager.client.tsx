"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Tag, TagList } from "@folio/types";
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
import { problemText } from "./problem-text";

export const TAGS_KEY = ["admin", "tags"] as const;

type Report = (ok: string | null, failure: string | null) => void;

/** Optimistic update of the cached tag list; returns the snapshot to roll back to. */
function useOptimisticTags() {
  const queryClient = useQueryClient();
  return {
    async apply(change: (tags: Tag[]) => Tag[]): Promise<TagList | undefined> {
      await queryClient.cancelQueries({ queryKey: TAGS_KEY });
      const previous = queryClient.getQueryData<TagList>(TAGS_KEY);
      if (previous) queryClient.setQueryData<TagList>(TAGS_KEY, { data: change(previous.data) });
      return previous;
    },
    rollback(previous: TagList | undefined) {
      if (previous) queryClient.setQueryData(TAGS_KEY, previous);
    },
    settle: () => queryClient.invalidateQueries({ queryKey: TAGS_KEY }),
  };
}

function TagRow({ tag, others, onReport }: { tag: Tag; others: Tag[]; onReport: Report }) {
  const optimistic = useOptimisticTags();
  const id = useId();
  const [mode, setMode] = useState<"view" | "edit" | "merge" | "delete">("view");
  const [name, setName] = useState(tag.name);
  const [slug, setSlug] = useState(tag.slug);
  const [into, setInto] = useState("");

  const rename = useMutation({
    mutationFn: (body: { name: string; slug: string }) =>
      apiRequest<Tag>("PATCH", `/admin/tags/${tag.id}`, body),
    onMutate: (body) =>
      optimistic.apply((tags) => tags.map((t) => (t.id === tag.id ? { ...t, ...body } : t))),
    onError: (error, _body, previous) => {
      optimistic.rollback(previous);
      onReport(null, `Could not rename “${tag.name}”: ${problemText(error)}`);
    },
    onSuccess: (saved) => {
      setMode("view");
      onReport(
        saved.slug === tag.slug
          ? `“${saved.name}” is saved.`
          : `“${saved.name}” is saved; /tag/${tag.slug} now redirects to /tag/${saved.slug}.`,
        null,
      );
    },
    onSettled: optimistic.settle,
  });
  const merge = useMutation({
    mutationFn: (intoId: string) => apiRequest("POST", `/admin/tags/${tag.id}/merge`, { into_id: intoId }),
    onMutate: () => optimistic.apply((tags) => tags.filter((t) => t.id !== tag.id)),
    onError: (error, _intoId, previous) => {
      optimistic.rollback(previous);
      onReport(null, `Could not merge “${tag.name}”: ${problemText(error)}`);
    },
    onSuccess: (_result, intoId) =>
      onReport(
        `“${tag.name}” is merged into “${others.find((t) => t.id === intoId)?.name ?? "the other tag"}”.`,
        null,
      ),
    onSettled: optimistic.settle,
  });
  const remove = useMutation({
    mutationFn: () => apiRequest("DELETE", `/admin/tags/${tag.id}`),
    onMutate: () => optimistic.apply((tags) => tags.filter((t) => t.id !== tag.id)),
    onError: (error, _v, previous) => {
      optimistic.rollback(previous);
      onReport(null, `Could not delete “${tag.name}”: ${problemText(error)}`);
    },
    onSuccess: () => onReport(`“${tag.name}” is deleted.`, null),
    onSettled: optimistic.settle,
  });

  function submitRename(event: FormEvent) {
    event.preventDefault();
    rename.mutate({ name: name.trim(), slug: slug.trim() });
  }

  return (
    <li className="rounded-xl border border-line bg-surface p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="font-semibold text-fg">{tag.name}</p>
          <p className="text-sm text-muted">
            <span className="font-mono">/tag/{tag.slug}</span> ·{" "}
            {tag.post_count === 1 ? "1 published post" : `${tag.post_count} published posts`}
          </p>
        </div>
        {mode === "view" && (
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={`${secondaryButton} px-3 py-1.5`}
              onClick={() => setMode("edit")}
            >
              Rename<span className="sr-only"> {tag.name}</span>
            </button>
            {others.length > 0 && (
              <button
                type="button"
                className={`${secondaryButton} px-3 py-1.5`}
                onClick={() => setMode("merge")}
              >
                Merge<span className="sr-only"> {tag.name} into another tag</span>
              </button>
            )}
            <button type="button" className={`${dangerButton} px-3 py-1.5`} onClick={() => setMode("delete")}>
              Delete<span className="sr-only"> {tag.name}</span>
            </button>
          </div>
        )}
      </div>
      {mode === "edit" && (
        <form onSubmit={submitRename} className="mt-4 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
          <div>
            <label htmlFor={`${id}-name`} className={labelClass}>
              Name
            </label>
            <input
              id={`${id}-name`}
              className={inputClass}
              value={name}
              required
              maxLength={100}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor={`${id}-slug`} className={labelClass}>
              Slug
            </label>
            <input
              id={`${id}-slug`}
              className={`${inputClass} font-mono`}
              value={slug}
              required
              maxLength={191}
              pattern="[a-z0-9]+(-[a-z0-9]+)*"
              onChange={(e) => setSlug(e.target.value)}
            />
          </div>
          <div className="flex gap-2">
            <button type="submit" className={primaryButton} disabled={rename.isPending}>
              Save
            </button>
            <button type="button" className={secondaryButton} onClick={() => setMode("view")}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {mode === "merge" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (into !== "") merge.mutate(into);
          }}
          className="mt-4 grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end"
        >
          <div>
            <label htmlFor={`${id}-into`} className={labelClass}>
              Merge “{tag.name}” into
            </label>
            <select
              id={`${id}-into`}
              className={inputClass}
              value={into}
              required
              onChange={(e) => setInto(e.target.value)}
            >
              <option value="">Choose a tag…</option>
              {others.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} (/tag/{t.slug})
                </option>
              ))}
            </select>
            <p className="mt-1 text-sm text-muted">
              Its posts get the chosen tag, “{tag.name}” is deleted and /tag/{tag.slug} redirects there.
            </p>
          </div>
          <div className="flex gap-2">
            <button type="submit" className={primaryButton} disabled={merge.isPending || into === ""}>
              Merge
            </button>
            <button type="button" className={secondaryButton} onClick={() => setMode("view")}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {mode === "delete" && (
        <DeleteConfirmation
          className="mt-4 flex flex-wrap items-center gap-2"
          question={<>Remove “{tag.name}” from every post and delete it?</>}
          pending={remove.isPending}
          onConfirm={() => remove.mutate()}
          onCancel={() => setMode("view")}
        />
      )}
    </li>
  );
}

export function TagsManager({ initial }: { initial: TagList }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [filter, setFilter] = useState("");
  const tags = useQuery({
    queryKey: TAGS_KEY,
    queryFn: () => apiRequest<TagList>("GET", "/admin/tags"),
    initialData: initial,
  }).data.data;
  const report: Report = (ok, failure) => {
    setMessage(ok);
    setError(failure);
  };
  const create = useMutation({
    mutationFn: (tagName: string) => apiRequest<Tag>("POST", "/admin/tags", { name: tagName }),
    onSuccess: (tag) => {
      setName("");
      report(`“${tag.name}” is created at /tag/${tag.slug}.`, null);
    },
    onError: (e) => report(null, `Could not create the tag: ${problemText(e)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: TAGS_KEY }),
  });
  const needle = filter.trim().toLowerCase();
  const shown =
    needle === ""
      ? tags
      : tags.filter((t) => t.name.toLowerCase().includes(needle) || t.slug.includes(needle));

  return (
    <section aria-labelledby="tags-heading" className="grid gap-4">
      <h2 id="tags-heading" className="text-xl font-bold tracking-tight text-fg">
        Tags
      </h2>
      <FormAlert message={error} />
      <FormStatus>{message}</FormStatus>
      <form
        className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() !== "") create.mutate(name.trim());
        }}
      >
        <div>
          <label htmlFor="new-tag-name" className={labelClass}>
            New tag
          </label>
          <input
            id="new-tag-name"
            className={inputClass}
            value={name}
            maxLength={100}
            required
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <button type="submit" className={primaryButton} disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create tag"}
        </button>
      </form>
      <div>
        <label htmlFor="tag-filter" className={labelClass}>
          Find a tag
        </label>
        <input
          id="tag-filter"
          type="search"
          className={inputClass}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      {shown.length === 0 ? (
        <p className="text-muted">{tags.length === 0 ? "No tags yet." : "No tag matches."}</p>
      ) : (
        <ul className="grid gap-3">
          {shown.map((tag) => (
            <TagRow key={tag.id} tag={tag} others={tags.filter((t) => t.id !== tag.id)} onReport={report} />
          ))}
        </ul>
      )}
    </section>
  );
}
