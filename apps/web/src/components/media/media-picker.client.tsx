"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { type KeyboardEvent, type PointerEvent, useEffect, useId, useRef, useState } from "react";
import { inputClass, secondaryButton } from "@/components/auth/styles";
import { type Media, listMedia, thumbnailUrl } from "./media-api";
import { UploadDropzone } from "./upload-dropzone.client";

export type { Media };

export interface MediaPickerProps {
  open: boolean;
  onClose: () => void;
  onSelect: (media: Media) => void;
}

const PICKER_KEY = ["media", "picker"] as const;

/**
 * A modal library of images to choose from (search, load more, upload in place). Selecting one
 * calls `onSelect` and leaves closing to the caller (`onClose` runs on Escape and Cancel).
 */
export function MediaPicker({ open, onClose, onSelect }: MediaPickerProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const queryClient = useQueryClient();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(q), 250);
    return () => clearTimeout(timer);
  }, [q]);

  const query = useInfiniteQuery({
    queryKey: [...PICKER_KEY, search],
    queryFn: ({ pageParam, signal }) =>
      listMedia({ q: search, type: "image", cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled: open,
  });
  const items = query.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(56rem,calc(100vw-2rem))] rounded-2xl border border-line bg-bg p-0 text-fg backdrop:bg-black/50"
    >
      {open && (
        <div className="flex max-h-[85vh] flex-col">
          <div className="flex items-center justify-between gap-4 border-b border-line px-5 py-4">
            <h2 id={titleId} className="text-lg font-bold tracking-tight">
              Choose an image
            </h2>
            <button type="button" className={secondaryButton} onClick={onClose}>
              Cancel
            </button>
          </div>
          <div className="grid gap-4 overflow-y-auto px-5 py-4">
            <UploadDropzone
              compact
              onUploaded={(media) => {
                void queryClient.invalidateQueries({ queryKey: ["media"] });
                if (media.mime_type.startsWith("image/")) onSelect(media);
              }}
            />
            <label className="block">
              <span className="sr-only">Search the library</span>
              <input
                type="search"
                value={q}
                onChange={(event) => setQ(event.target.value)}
                placeholder="Search by file name or alt text"
                className={inputClass}
              />
            </label>
            {query.isPending ? (
              <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-busy="true" aria-label="Loading">
                {Array.from({ length: 8 }, (_, i) => (
                  <li key={i} className="aspect-square animate-pulse rounded-lg bg-surface" />
                ))}
              </ul>
            ) : query.isError ? (
              <p role="alert" className="text-sm text-muted">
                The library could not be loaded. {query.error.message}
              </p>
            ) : items.length === 0 ? (
              <p className="text-sm text-muted">No images{search ? ` match “${search}”` : " yet"}.</p>
            ) : (
              <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
                {items.map((media) => (
                  <li key={media.id}>
                    <button
                      type="button"
                      onClick={() => onSelect(media)}
                      className="group block w-full overflow-hidden rounded-lg border border-line text-left hover:border-accent focus-visible:outline-offset-2"
                    >
                      <img
                        src={thumbnailUrl(media)}
                        alt={media.alt}
                        loading="lazy"
                        className="aspect-square w-full object-cover"
                      />
                      <span className="block truncate px-2 py-1 text-xs text-muted group-hover:text-fg">
                        {media.filename}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {query.hasNextPage && (
              <button
                type="button"
                className={secondaryButton}
                disabled={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
              >
                {query.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
            )}
          </div>
        </div>
      )}
    </dialog>
  );
}

export interface FocalPointPickerProps {
  src: string;
  /** Fractions of the width and height, 0..1. */
  x: number;
  y: number;
  onChange: (x: number, y: number) => void;
}

const clamp = (value: number) => Math.min(1, Math.max(0, Math.round(value * 1000) / 1000));

/**
 * Click (or drag) on the image to set the point crops keep in frame; with the keyboard, focus the
 * marker and use the arrow keys (Shift for bigger steps).
 */
export function FocalPointPicker({ src, x, y, onChange }: FocalPointPickerProps) {
  const frameRef = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  function fromPointer(event: PointerEvent<HTMLDivElement>) {
    const rect = frameRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0 || rect.height === 0) return;
    onChange(
      clamp((event.clientX - rect.left) / rect.width),
      clamp((event.clientY - rect.top) / rect.height),
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const step = event.shiftKey ? 0.1 : 0.02;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    onChange(clamp(x + move[0]), clamp(y + move[1]));
  }

  return (
    <div>
      <div
        ref={frameRef}
        className="relative inline-block max-w-full cursor-crosshair touch-none select-none overflow-hidden rounded-lg border border-line"
        onPointerDown={(event) => {
          dragging.current = true;
          event.currentTarget.setPointerCapture(event.pointerId);
          fromPointer(event);
        }}
        onPointerMove={(event) => {
          if (dragging.current) fromPointer(event);
        }}
        onPointerUp={() => {
          dragging.current = false;
        }}
      >
        <img src={src} alt="" draggable={false} className="block max-h-80 max-w-full" />
        <button
          type="button"
          aria-label={`Focal point: ${Math.round(x * 100)}% across, ${Math.round(y * 100)}% down. Use the arrow keys to move it.`}
          onKeyDown={onKeyDown}
          onPointerDown={(event) => event.stopPropagation()}
          className="absolute h-6 w-6 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-white bg-accent/70 shadow-[0_0_0_2px_rgba(0,0,0,0.6)] focus-visible:outline-offset-2"
          style={{ left: `${x * 100}%`, top: `${y * 100}%` }}
        />
      </div>
      <p className="mt-1 text-xs text-muted">
        Focal point {Math.round(x * 100)}% × {Math.round(y * 100)}% — crops keep this spot in frame.
      </p>
    </div>
  );
}
