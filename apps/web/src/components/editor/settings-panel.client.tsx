"use client";

import type { Media } from "@folio/types";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { hintClass, inputClass, labelClass, secondaryButton } from "@/components/auth/styles";
import { FocalPointPicker, MediaPicker } from "@/components/media/media-picker.client";
import { postsApi } from "@/lib/posts-client";
import type { AuthorField, PostFields } from "./post-fields";

// Post settings: tags, primary category, authors (editors), featured, visibility, comments and
// the cover image with its alt text and focal point.

type Update = <K extends keyof PostFields>(key: K, value: PostFields[K]) => void;

export function SettingsPanel({
  fields,
  update,
  disabled,
  canChooseAuthors,
  isPage,
}: {
  fields: PostFields;
  update: Update;
  disabled: boolean;
  canChooseAuthors: boolean;
  isPage: boolean;
}) {
  const id = useId();
  return (
    <div className="grid gap-6">
      <fieldset disabled={disabled} className="grid gap-6">
        <CoverImage fields={fields} update={update} />
        {!isPage && <TagPicker selected={fields.tag_ids} onChange={(ids) => update("tag_ids", ids)} />}
        {!isPage && (
          <CategorySelect
            value={fields.primary_category_id}
            onChange={(v) => update("primary_category_id", v)}
          />
        )}
        {canChooseAuthors && <AuthorPicker authors={fields.authors} onChange={(a) => update("authors", a)} />}
        <div>
          <label htmlFor={`${id}-visibility`} className={labelClass}>
            Visibility
          </label>
          <select
            id={`${id}-visibility`}
            value={fields.visibility}
            onChange={(e) => update("visibility", e.target.value === "members" ? "members" : "public")}
            className={inputClass}
          >
            <option value="public">Public — everyone</option>
            <option value="members">Members only — signed-in readers</option>
          </select>
        </div>
        {!isPage && (
          <label className="flex items-center gap-2 text-sm font-semibold text-fg">
            <input
              type="checkbox"
              checked={fields.featured}
              onChange={(e) => update("featured", e.target.checked)}
            />
            Featured
          </label>
        )}
        <label className="flex items-center gap-2 text-sm font-semibold text-fg">
          <input
            type="checkbox"
            checked={fields.comments_enabled}
            onChange={(e) => update("comments_enabled", e.target.checked)}
          />
          Allow comments
        </label>
      </fieldset>
    </div>
  );
}

function CoverImage({ fields, update }: { fields: PostFields; update: Update }) {
  const id = useId();
  const [picking, setPicking] = useState(false);
  const cover = fields.cover;
  return (
    <section aria-labelledby={`${id}-h`} className="grid gap-3">
      <h3 id={`${id}-h`} className="text-sm font-semibold text-fg">
        Cover image
      </h3>
      {cover !== null && (
        <>
          <FocalPointPicker
            src={cover.url}
            x={cover.focal_x}
            y={cover.focal_y}
            onChange={(x, y) => update("cover", { ...cover, focal_x: x, focal_y: y })}
          />
          <div>
            <label htmlFor={`${id}-alt`} className={labelClass}>
              Alternative text
            </label>
            <input
              id={`${id}-alt`}
              value={cover.alt}
              maxLength={1000}
              onChange={(e) => update("cover", { ...cover, alt: e.target.value })}
              aria-describedby={`${id}-alt-hint`}
              className={inputClass}
            />
            <p id={`${id}-alt-hint`} className={hintClass}>
              What the image shows, for readers who cannot see it.
            </p>
          </div>
        </>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" className={`${secondaryButton} px-4 py-2`} onClick={() => setPicking(true)}>
          {cover === null ? "Choose a cover image" : "Replace"}
        </button>
        {cover !== null && (
          <button
            type="button"
            className={`${secondaryButton} px-4 py-2`}
            onClick={() => update("cover", null)}
          >
            Remove
          </button>
        )}
      </div>
      <MediaPicker
        open={picking}
        onClose={() => setPicking(false)}
        onSelect={(media: Media) => {
          setPicking(false);
          update("cover", {
            media_id: media.id,
            url: media.url,
            alt: media.alt,
            focal_x: media.focal_x,
            focal_y: media.focal_y,
          });
        }}
      />
    </section>
  );
}

function TagPicker({ selected, onChange }: { selected: string[]; onChange: (ids: string[]) => void }) {
  const id = useId();
  const [filter, setFilter] = useState("");
  const tags = useQuery({ queryKey: ["tags"], queryFn: () => postsApi.tags(), staleTime: 60_000 });
  const all = tags.data?.data ?? [];
  const shown = all.filter(
    (t) => selected.includes(t.id) || filter === "" || t.name.toLowerCase().includes(filter.toLowerCase()),
  );
  return (
    <fieldset className="grid gap-2">
      <legend className={labelClass}>Tags</legend>
      <label htmlFor={`${id}-filter`} className="sr-only">
        Filter tags
      </label>
      <input
        id={`${id}-filter`}
        type="search"
        placeholder="Filter tags"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        className={inputClass}
      />
      {tags.isPending && <p className={hintClass}>Loading tags…</p>}
      {tags.isError && <p className={hintClass}>Tags could not be loaded.</p>}
      {tags.isSuccess && all.length === 0 && (
        <p className={hintClass}>No tags yet. Create them under Taxonomy.</p>
      )}
      <ul className="grid max-h-48 gap-1 overflow-y-auto">
        {shown.map((tag) => (
          <li key={tag.id}>
            <label className="flex items-center gap-2 text-sm text-fg">
              <input
                type="checkbox"
                checked={selected.includes(tag.id)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...selected, tag.id] : selected.filter((t) => t !== tag.id))
                }
              />
              {tag.name}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function CategorySelect({ value, onChange }: { value: string | null; onChange: (v: string | null) => void }) {
  const id = useId();
  const categories = useQuery({
    queryKey: ["categories"],
    queryFn: () => postsApi.categories(),
    staleTime: 60_000,
  });
  return (
    <div>
      <label htmlFor={`${id}-category`} className={labelClass}>
        Primary category
      </label>
      <select
        id={`${id}-category`}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value === "" ? null : e.target.value)}
        className={inputClass}
      >
        <option value="">None</option>
        {(categories.data?.data ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {c.parent_id === null ? c.name : `— ${c.name}`}
          </option>
        ))}
      </select>
    </div>
  );
}

function AuthorPicker({
  authors,
  onChange,
}: {
  authors: AuthorField[];
  onChange: (a: AuthorField[]) => void;
}) {
  const id = useId();
  const [q, setQ] = useState("");
  const staff = useQuery({
    queryKey: ["admin", "staff", q],
    queryFn: () => postsApi.staff(q),
    enabled: q.trim().length >= 2,
    staleTime: 30_000,
  });
  const candidates = (staff.data?.data ?? []).filter(
    (u) => u.role !== "member" && !authors.some((a) => a.id === u.id),
  );
  const move = (index: number, by: number) => {
    const next = [...authors];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + by, 0, item);
    onChange(next);
  };
  return (
    <fieldset className="grid gap-2">
      <legend className={labelClass}>Authors (byline order)</legend>
      <ol className="grid gap-1">
        {authors.map((author, index) => (
          <li key={author.id} className="flex items-center gap-2 text-sm text-fg">
            <span className="flex-1">{author.name}</span>
            <button
              type="button"
              disabled={index === 0}
              onClick={() => move(index, -1)}
              className="rounded px-1.5 text-muted hover:text-fg disabled:opacity-30"
              aria-label={`Move ${author.name} up`}
            >
              ↑
            </button>
            <button
              type="button"
              disabled={index === authors.length - 1}
              onClick={() => move(index, 1)}
              className="rounded px-1.5 text-muted hover:text-fg disabled:opacity-30"
              aria-label={`Move ${author.name} down`}
            >
              ↓
            </button>
            <button
              type="button"
              disabled={authors.length === 1}
              onClick={() => onChange(authors.filter((a) => a.id !== author.id))}
              className="rounded px-1.5 text-muted hover:text-fg disabled:opacity-30"
              aria-label={`Remove ${author.name}`}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <label htmlFor={`${id}-q`} className="text-sm text-muted">
        Add an author
      </label>
      <input
        id={`${id}-q`}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Name or email"
        className={inputClass}
      />
      {candidates.length > 0 && (
        <ul className="grid gap-1" aria-label="Matching people">
          {candidates.map((u) => (
            <li key={u.id}>
              <button
                type="button"
                className="w-full rounded-md px-2 py-1 text-left text-sm text-fg hover:bg-surface"
                onClick={() => {
                  onChange([...authors, { id: u.id, name: u.display_name }]);
                  setQ("");
                }}
              >
                Add {u.display_name} <span className="text-muted">({u.role})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
