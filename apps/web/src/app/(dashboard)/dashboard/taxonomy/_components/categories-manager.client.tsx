"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Category, CategoryList } from "@folio/types";
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

export const CATEGORIES_KEY = ["admin", "categories"] as const;

type Report = (ok: string | null, failure: string | null) => void;

/** Siblings in display order (position, then name), as the API orders them. */
function siblingsOf(categories: readonly Category[], parentId: string | null): Category[] {
  return categories
    .filter((c) => c.parent_id === parentId)
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}

/** Depth-first tree order with depths, for the indented list and the parent pickers. */
export function treeOf(categories: readonly Category[]): { category: Category; depth: number }[] {
  const out: { category: Category; depth: number }[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const category of siblingsOf(categories, parentId)) {
      out.push({ category, depth });
      visit(category.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** `id` and every category below it: a category cannot move under any of them. */
function descendantsOf(categories: readonly Category[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of categories) {
      if (c.parent_id !== null && out.has(c.parent_id) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
    }
  }
  return out;
}

function ParentSelect({
  id,
  value,
  onChange,
  categories,
  exclude,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  categories: readonly Category[];
  exclude?: ReadonlySet<string>;
}) {
  return (
    <select id={id} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">None (top level)</option>
      {treeOf(categories)
        .filter(({ category }) => !exclude?.has(category.id))
        .map(({ category, depth }) => (
          <option key={category.id} value={category.id}>
            {`${"— ".repeat(depth)}${category.name}`}
          </option>
        ))}
    </select>
  );
}

function useCategoryWrite(onReport: Report) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: Record<string, unknown>; label: string; done: string }) =>
      apiRequest<Category>("PATCH", `/admin/categories/${v.id}`, v.body),
    onMutate: async (v) => {
      await queryClient.cancelQueries({ queryKey: CATEGORIES_KEY });
      const previous = queryClient.getQueryData<CategoryList>(CATEGORIES_KEY);
      if (previous) {
        const body = v.body as Partial<Category>;
        let data = previous.data.map((c) => (c.id === v.id ? { ...c, ...body } : c));
        if (body.position !== undefined) {
          // Mirror the server: the moved category takes that index among its siblings.
          const moved = data.find((c) => c.id === v.id)!;
          const others = siblingsOf(data, moved.parent_id).filter((c) => c.id !== v.id);
          others.splice(Math.min(body.position, others.length), 0, moved);
          const positions = new Map(others.map((c, i) => [c.id, i]));
          data = data.map((c) => (positions.has(c.id) ? { ...c, position: positions.get(c.id)! } : c));
        }
        queryClient.setQueryData<CategoryList>(CATEGORIES_KEY, { data });
      }
      return previous;
    },
    onError: (error, v, previous) => {
      if (previous) queryClient.setQueryData(CATEGORIES_KEY, previous);
      onReport(null, `Could not change “${v.label}”: ${problemText(error)}`);
    },
    onSuccess: (_saved, v) => onReport(v.done, null),
    onSettled: () => queryClient.invalidateQueries({ queryKey: CATEGORIES_KEY }),
  });
}

function CategoryRow({
  category,
  depth,
  categories,
  onReport,
}: {
  category: Category;
  depth: number;
  categories: readonly Category[];
  onReport: Report;
}) {
  const queryClient = useQueryClient();
  const id = useId();
  const write = useCategoryWrite(onReport);
  const [mode, setMode] = useState<"view" | "edit" | "delete">("view");
  const [name, setName] = useState(category.name);
  const [slug, setSlug] = useState(category.slug);
  const [parent, setParent] = useState(category.parent_id ?? "");
  const siblings = siblingsOf(categories, category.parent_id);
  const index = siblings.findIndex((c) => c.id === category.id);

  const remove = useMutation({
    mutationFn: () => apiRequest("DELETE", `/admin/categories/${category.id}`),
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey: CATEGORIES_KEY });
      const previous = queryClient.getQueryData<CategoryList>(CATEGORIES_KEY);
      if (previous) {
        queryClient.setQueryData<CategoryList>(CATEGORIES_KEY, {
          data: previous.data.filter((c) => c.id !== category.id),
        });
      }
      return previous;
    },
    onError: (error, _v, previous) => {
      if (previous) queryClient.setQueryData(CATEGORIES_KEY, previous);
      setMode("view");
      onReport(null, `Could not delete “${category.name}”: ${problemText(error)}`);
    },
    onSuccess: () => onReport(`“${category.name}” is deleted.`, null),
    onSettled: () => queryClient.invalidateQueries({ queryKey: CATEGORIES_KEY }),
  });

  const move = (to: number) =>
    write.mutate({
      id: category.id,
      body: { position: to },
      label: category.name,
      done: `“${category.name}” moved ${to < index ? "up" : "down"}.`,
    });

  function save(event: FormEvent) {
    event.preventDefault();
    write.mutate(
      {
        id: category.id,
        body: { name: name.trim(), slug: slug.trim(), parent_id: parent === "" ? null : parent },
        label: category.name,
        done: `“${name.trim()}” is saved.`,
      },
      { onSuccess: () => setMode("view") },
    );
  }

  return (
    <li
      className="rounded-xl border border-line bg-surface p-4"
      style={{ marginInlineStart: `${depth * 1.5}rem` }}
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="font-semibold text-fg">
            {depth > 0 && <span className="sr-only">Sub-category, level {depth + 1}: </span>}
            {category.name}
          </p>
          <p className="text-sm text-muted">
            <span className="font-mono">/category/{category.slug}</span> ·{" "}
            {category.post_count === 1 ? "1 published post" : `${category.post_count} published posts`}
          </p>
        </div>
        {mode === "view" && (
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={`${secondaryButton} px-3 py-1.5`}
              disabled={index <= 0 || write.isPending}
              onClick={() => move(index - 1)}
            >
              Up<span className="sr-only"> (move {category.name} before its previous sibling)</span>
            </button>
            <button
              type="button"
              className={`${secondaryButton} px-3 py-1.5`}
              disabled={index === siblings.length - 1 || write.isPending}
              onClick={() => move(index + 1)}
            >
              Down<span className="sr-only"> (move {category.name} after its next sibling)</span>
            </button>
            <button
              type="button"
              className={`${secondaryButton} px-3 py-1.5`}
              onClick={() => setMode("edit")}
            >
              Edit<span className="sr-only"> {category.name}</span>
            </button>
            <button type="button" className={`${dangerButton} px-3 py-1.5`} onClick={() => setMode("delete")}>
              Delete<span className="sr-only"> {category.name}</span>
            </button>
          </div>
        )}
      </div>
      {mode === "edit" && (
        <form onSubmit={save} className="mt-4 grid gap-3 sm:grid-cols-3 sm:items-end">
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
              pattern="[a-z0-9]+(-[a-z0-9]+)*"
              onChange={(e) => setSlug(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor={`${id}-parent`} className={labelClass}>
              Parent
            </label>
            <ParentSelect
              id={`${id}-parent`}
              value={parent}
              onChange={setParent}
              categories={categories}
              exclude={descendantsOf(categories, category.id)}
            />
          </div>
          <div className="flex gap-2 sm:col-span-3">
            <button type="submit" className={primaryButton} disabled={write.isPending}>
              Save
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
          question={<>Delete “{category.name}”? Its posts lose the category.</>}
          pending={remove.isPending}
          onConfirm={() => remove.mutate()}
          onCancel={() => setMode("view")}
        />
      )}
    </li>
  );
}

export function CategoriesManager({ initial }: { initial: CategoryList }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [parent, setParent] = useState("");
  const categories = useQuery({
    queryKey: CATEGORIES_KEY,
    queryFn: () => apiRequest<CategoryList>("GET", "/admin/categories"),
    initialData: initial,
  }).data.data;
  const report: Report = (ok, failure) => {
    setMessage(ok);
    setError(failure);
  };
  const create = useMutation({
    mutationFn: (body: { name: string; parent_id: string | null }) =>
      apiRequest<Category>("POST", "/admin/categories", body),
    onSuccess: (category) => {
      setName("");
      report(`“${category.name}” is created at /category/${category.slug}.`, null);
    },
    onError: (e) => report(null, `Could not create the category: ${problemText(e)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: CATEGORIES_KEY }),
  });

  return (
    <section aria-labelledby="categories-heading" className="grid gap-4">
      <h2 id="categories-heading" className="text-xl font-bold tracking-tight text-fg">
        Categories
      </h2>
      <FormAlert message={error} />
      <FormStatus>{message}</FormStatus>
      <form
        className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() !== "")
            create.mutate({ name: name.trim(), parent_id: parent === "" ? null : parent });
        }}
      >
        <div>
          <label htmlFor="new-category-name" className={labelClass}>
            New category
          </label>
          <input
            id="new-category-name"
            className={inputClass}
            value={name}
            required
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="new-category-parent" className={labelClass}>
            Parent
          </label>
          <ParentSelect
            id="new-category-parent"
            value={parent}
            onChange={setParent}
            categories={categories}
          />
        </div>
        <button type="submit" className={primaryButton} disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create category"}
        </button>
      </form>
      {categories.length === 0 ? (
        <p className="text-muted">No categories yet.</p>
      ) : (
        <ul className="grid gap-3">
          {treeOf(categories).map(({ category, depth }) => (
            <CategoryRow
              key={category.id}
              category={category}
              depth={depth}
              categories={categories}
              onReport={report}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
