"use client";

import { useId, useRef, useState } from "react";
import { dangerText } from "@/components/auth/styles";
import { isApiProblem } from "@/lib/auth-client";
import { ACCEPTED_UPLOAD_TYPES, type Media, uploadMedia } from "./media-api";

interface UploadState {
  key: string;
  name: string;
  progress: number;
  error: string | null;
}

function uploadErrorText(error: unknown): string {
  if (!isApiProblem(error)) return "The upload failed. Try again.";
  if (error.status === 413) return error.detail ?? "The file is too large.";
  if (error.status === 415) return error.detail ?? "This type of file is not accepted.";
  if (error.status === 403) return "You are not allowed to upload files.";
  return error.detail ?? error.title;
}

/**
 * Drop files here or pick them: each uploads on its own (one file per request) with a progress
 * bar; failures stay listed with the API's explanation (413 too large, 415 wrong type, …).
 */
export function UploadDropzone({
  onUploaded,
  compact = false,
}: {
  onUploaded: (media: Media) => void;
  compact?: boolean;
}) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [uploads, setUploads] = useState<UploadState[]>([]);

  function patch(key: string, change: Partial<UploadState>) {
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));
  }

  function start(files: FileList | File[]) {
    for (const file of Array.from(files)) {
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      setUploads((list) => [...list, { key, name: file.name, progress: 0, error: null }]);
      uploadMedia(file, { onProgress: (progress) => patch(key, { progress }) }).then(
        (media) => {
          setUploads((list) => list.filter((u) => u.key !== key));
          onUploaded(media);
        },
        (error: unknown) => patch(key, { error: uploadErrorText(error) }),
      );
    }
  }

  return (
    <div>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          if (event.dataTransfer.files.length > 0) start(event.dataTransfer.files);
        }}
        className={`flex flex-col items-center justify-center gap-2 rounded-2xl border-2 border-dashed text-center ${
          compact ? "px-4 py-5" : "px-6 py-10"
        } ${dragging ? "border-accent bg-surface" : "border-line"}`}
      >
        <p className="text-sm text-muted">Drag images or PDFs here, or</p>
        <label
          htmlFor={inputId}
          className="cursor-pointer rounded-full border border-line px-4 py-2 text-sm font-semibold text-fg hover:border-accent hover:text-accent focus-within:outline"
        >
          Choose files
          <input
            id={inputId}
            ref={inputRef}
            type="file"
            multiple
            accept={ACCEPTED_UPLOAD_TYPES}
            className="sr-only"
            onChange={(event) => {
              if (event.target.files && event.target.files.length > 0) start(event.target.files);
              event.target.value = "";
            }}
          />
        </label>
        <p className="text-xs text-muted">JPEG, PNG, WebP, AVIF, GIF or PDF.</p>
      </div>
      {uploads.length > 0 && (
        <ul className="mt-3 grid gap-2" aria-label="Uploads">
          {uploads.map((upload) => (
            <li key={upload.key} className="rounded-lg border border-line px-3 py-2 text-sm">
              <div className="flex items-center justify-between gap-3">
                <span className="truncate text-fg">{upload.name}</span>
                {upload.error !== null && (
                  <button
                    type="button"
                    className="text-xs text-muted hover:text-fg"
                    onClick={() => setUploads((list) => list.filter((u) => u.key !== upload.key))}
                  >
                    Dismiss
                  </button>
                )}
              </div>
              {upload.error === null ? (
                <progress
                  className="mt-1 h-1.5 w-full"
                  max={1}
                  value={upload.progress}
                  aria-label={`Uploading ${upload.name}`}
                />
              ) : (
                <p role="alert" className={`mt-1 ${dangerText}`}>
                  {upload.error}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
