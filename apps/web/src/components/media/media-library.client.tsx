"use client";

import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { FormAlert, FormStatus } from "@/components/auth/form-controls";
import {
  dangerButton,
  inputClass,
  labelClass,
  primaryButton,
  secondaryButton,
} from "@/components/auth/styles";
import { describeError } from "@/lib/auth-client";
import { formatDay } from "@/components/dashboard/format";
import {
  type Media,
  type MediaList,
  deleteMedia,
  formatBytes,
  listMedia,
  thumbnailUrl,
  updateMedia,
} from "./media-api";
import { FocalPointPicker } from "./media-picker.client";
import { UploadDropzone } from "./upload-dropzone.client";

const KEY = ["media", "library"] as const;

function errorText(error: unknown): string {
  return describeError(error, "Something went wrong. Try again.");
}

/** The edit panel of one item: alt text, caption, focal point, delete. */
function MediaDetails({
  media,
  canChange,
  onSaved,
  onDeleted,
  onClose,
}: {
  media: Media;
  canChange: boolean;
  onSaved: (media: Media) => void;
  onDeleted: (id: string) => void;
  onClose: () => void;
}) {
  const altId = useId();
  const captionId = useId();
  const [alt, setAlt] = useState(media.alt);
  const [caption, setCaption] = useState(media.caption ?? "");
  const [focal, setFocal] = useState({ x: media.focal_x, y: media.focal_y });
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    setAlt(media.alt);
    setCaption(media.caption ?? "");
    setFocal({ x: media.focal_x, y: media.focal_y });
    setStatus(null);
  }, [media]);

  const save = useMutation({
    mutationFn: () =>
      updateMedia(media.id, {
        alt,
        caption: caption.trim() === "" ? null : caption,
        focal_x: focal.x,
        focal_y: focal.y,
      }),
    onSuccess: (saved) => {
      onSaved(saved);
      setStatus("Saved.");
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteMedia(media.id),
    onSuccess: () => onDeleted(media.id),
  });
  const isImage = media.mime_type.startsWith("image/");

  return (
    <section aria-labelledby={`${altId}-heading`} className="rounded-2xl border border-line bg-surface p-5">
      <div className="flex items-start justify-between gap-3">
        <h2 id={`${altId}-heading`} className="min-w-0 truncate text-lg font-bold tracking-tight text-fg">
          {media.filename}
        </h2>
        <button type="button" className="text-sm text-muted hover:text-fg" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="mt-1 text-sm text-muted">
        {media.mime_type} · {formatBytes(media.byte_size)}
        {media.width !== null && media.height !== null && ` · ${media.width}×${media.height}`} · uploaded{" "}
        {formatDay(media.created_at)}
        {media.uploader && ` by ${media.uploader.name}`}
      </p>
      <div className="mt-4">
        {isImage ? (
          canChange ? (
            <FocalPointPicker
              src={thumbnailUrl(media, 640)}
              x={focal.x}
              y={focal.y}
              onChange={(x, y) => setFocal({ x, y })}
            />
          ) : (
            <img src={thumbnailUrl(media, 640)} alt={media.alt} className="max-h-80 max-w-full rounded-lg" />
          )
        ) : (
          <a href={media.url} className="text-sm font-medium text-accent underline-offset-4 hover:underline">
            Download {media.filename}
          </a>
        )}
      </div>
      <form
        className="mt-4 grid gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          setStatus(null);
          save.mutate();
        }}
      >
        <div>
          <label htmlFor={altId} className={labelClass}>
            Alt text
          </label>
          <input
            id={altId}
            value={alt}
            maxLength={1000}
            disabled={!canChange}
            onChange={(event) => setAlt(event.target.value)}
            className={inputClass}
          />
          <p className="mt-1 text-xs text-muted">Describe the image for people who cannot see it.</p>
        </div>
        <div>
          <label htmlFor={captionId} className={labelClass}>
            Caption
          </label>
          <textarea
            id={captionId}
            value={caption}
            maxLength={2000}
            rows={2}
            disabled={!canChange}
            onChange={(event) => setCaption(event.target.value)}
            className={inputClass}
          />
        </div>
        <FormAlert
          message={save.isError ? errorText(save.error) : remove.isError ? errorText(remove.error) : null}
        />
        <FormStatus>{status}</FormStatus>
        {canChange && (
          <div className="flex flex-wrap gap-3">
            <button type="submit" className={primaryButton} disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save"}
            </button>
            <button
              type="button"
              className={dangerButton}
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(`Delete ${media.filename} and all its sizes? This cannot be undone.`))
                  remove.mutate();
              }}
            >
              {remove.isPending ? "Deleting…" : "Delete"}
            </button>
            <button
              type="button"
              className={secondaryButton}
              onClick={() =>
                void navigator.clipboard.writeText(new URL(media.url, window.location.href).toString())
              }
            >
              Copy URL
            </button>
          </div>
        )}
      </form>
    </section>
  );
}

/** The media library: upload, search, browse (load more), edit and delete. */
export function MediaLibrary({
  initial,
  pageSize,
  currentUserId,
  canManage,
}: {
  initial: MediaList;
  pageSize: number;
  currentUserId: string;
  canManage: boolean;
}) {
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [selectedId, setSelectedId] = useState<string | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);

  const queryKey = [...KEY, search] as const;
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) =>
      listMedia({ q: search, cursor: pageParam ?? undefined, limit: pageSize }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    ...(search === "" ? { initialData: { pages: [initial], pageParams: [null] } } : {}),
  });
  const items = query.data?.pages.flatMap((page) => page.data) ?? [];
  const selected = items.find((m) => m.id === selectedId) ?? null;

  function replaceEverywhere(update: (list: Media[]) => Media[]) {
    queryClient.setQueriesData<InfiniteData<MediaList>>({ queryKey: KEY }, (data) =>
      data ? { ...data, pages: data.pages.map((page) => ({ ...page, data: update(page.data) })) } : data,
    );
  }

  return (
    <div className="grid gap-6">
      <UploadDropzone
        onUploaded={(media) => {
          // Newest first: the upload goes on top of the first page.
          queryClient.setQueriesData<InfiniteData<MediaList>>({ queryKey: KEY }, (data) =>
            data && data.pages[0]
              ? {
                  ...data,
                  pages: [{ ...data.pages[0], data: [media, ...data.pages[0].data] }, ...data.pages.slice(1)],
                }
              : data,
          );
          void queryClient.invalidateQueries({ queryKey: ["media", "picker"] });
        }}
      />
      <label className="block max-w-md">
        <span className={labelClass}>Search</span>
        <input
          type="search"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          placeholder="File name or alt text"
          className={inputClass}
        />
      </label>
      {selected && (
        <MediaDetails
          media={selected}
          canChange={canManage || selected.uploader?.id === currentUserId}
          onClose={() => setSelectedId(null)}
          onSaved={(saved) => replaceEverywhere((list) => list.map((m) => (m.id === saved.id ? saved : m)))}
          onDeleted={(id) => {
            setSelectedId(null);
            replaceEverywhere((list) => list.filter((m) => m.id !== id));
          }}
        />
      )}
      {query.isPending ? (
        <ul
          className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4"
          aria-busy="true"
          aria-label="Loading"
        >
          {Array.from({ length: 8 }, (_, i) => (
            <li key={i} className="aspect-square animate-pulse rounded-xl bg-surface" />
          ))}
        </ul>
      ) : query.isError ? (
        <FormAlert message={`The library could not be loaded. ${errorText(query.error)}`} />
      ) : items.length === 0 ? (
        <p className="text-muted">
          {search ? `Nothing matches “${search}”.` : "No files yet. Upload the first one above."}
        </p>
      ) : (
        <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" aria-label="Media">
          {items.map((media) => (
            <li key={media.id}>
              <button
                type="button"
                aria-pressed={media.id === selectedId}
                onClick={() => setSelectedId(media.id)}
                className="group block w-full overflow-hidden rounded-xl border border-line text-left hover:border-accent aria-pressed:border-accent focus-visible:outline-offset-2"
              >
                {media.mime_type.startsWith("image/") ? (
                  <img
                    src={thumbnailUrl(media)}
                    alt={media.alt}
                    loading="lazy"
                    className="aspect-square w-full bg-surface object-cover"
                    style={{ objectPosition: `${media.focal_x * 100}% ${media.focal_y * 100}%` }}
                  />
                ) : (
                  <span className="flex aspect-square w-full items-center justify-center bg-surface text-sm font-semibold text-muted">
                    PDF
                  </span>
                )}
                <span className="block truncate px-2.5 py-1.5 text-sm text-fg">{media.filename}</span>
                <span className="block px-2.5 pb-2 text-xs text-muted">
                  {formatBytes(media.byte_size)}
                  {media.alt === "" && media.mime_type.startsWith("image/") && " · no alt text"}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage && (
        <button
          type="button"
          className={`${secondaryButton} justify-self-start`}
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          {query.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </div>
  );
}
