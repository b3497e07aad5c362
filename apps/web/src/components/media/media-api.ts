import type { Media, MediaList, UpdateMediaBody } from "@folio/types";
import {
  ApiProblem,
  CSRF_COOKIE,
  apiRequest,
  problemFromBody,
  readCookie,
  redirectToLogin,
  refreshSession,
} from "@/lib/auth-client";

// Browser calls for the media library. JSON calls go through apiRequest; the upload uses
// XMLHttpRequest because fetch reports no upload progress.

export type { Media, MediaList };

export interface MediaListParams {
  q?: string | undefined;
  cursor?: string | undefined;
  type?: "image" | undefined;
  limit?: number | undefined;
}

export function mediaListPath(params: MediaListParams): string {
  const search = new URLSearchParams();
  if (params.q !== undefined && params.q.trim() !== "") search.set("q", params.q.trim());
  if (params.cursor !== undefined) search.set("cursor", params.cursor);
  if (params.type !== undefined) search.set("type", params.type);
  search.set("limit", String(params.limit ?? 24));
  return `/admin/media?${search.toString()}`;
}

export function listMedia(params: MediaListParams, signal?: AbortSignal): Promise<MediaList> {
  return apiRequest<MediaList>("GET", mediaListPath(params), undefined, signal ? { signal } : {});
}

export function updateMedia(id: string, body: UpdateMediaBody): Promise<Media> {
  return apiRequest<Media>("PATCH", `/admin/media/${id}`, body);
}

export function deleteMedia(id: string): Promise<void> {
  return apiRequest<void>("DELETE", `/admin/media/${id}`);
}

function problemFrom(xhr: XMLHttpRequest): ApiProblem {
  if (xhr.status === 0) {
    return new ApiProblem({
      status: 0,
      detail: "The upload was interrupted. Check your connection and try again.",
    });
  }
  let body: unknown = null;
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    // Not JSON (a proxy's error page): the status has to do.
  }
  return problemFromBody(xhr.status, body, xhr.getResponseHeader("retry-after"));
}

function sendUpload(
  file: File,
  alt: string | undefined,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<{ status: number; xhr: XMLHttpRequest }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/admin/media");
    xhr.setRequestHeader("accept", "application/json");
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf !== null) xhr.setRequestHeader("x-csrf-token", csrf);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, xhr });
    xhr.onerror = () => resolve({ status: 0, xhr });
    xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    const form = new FormData();
    // Text fields first: the server reads parts in order and the file streams last.
    if (alt !== undefined && alt.trim() !== "") form.append("alt", alt.trim());
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

/** Uploads one file (multipart, field `file`); rejects with an ApiProblem (413, 415, 422, …). */
export async function uploadMedia(
  file: File,
  options: { alt?: string; onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<Media> {
  const onProgress = options.onProgress ?? (() => undefined);
  let result = await sendUpload(file, options.alt, onProgress, options.signal);
  if (result.status === 401) {
    if (!(await refreshSession())) {
      redirectToLogin();
      throw problemFrom(result.xhr);
    }
    onProgress(0);
    result = await sendUpload(file, options.alt, onProgress, options.signal);
  }
  if (result.status < 200 || result.status >= 300) throw problemFrom(result.xhr);
  return JSON.parse(result.xhr.responseText) as Media;
}

/** The smallest rendition at least `width` wide (WebP), else the original: for thumbnails. */
export function thumbnailUrl(media: Media, width = 320): string {
  const webp = media.variants.filter((v) => v.format === "webp").sort((a, b) => a.width - b.width);
  return (webp.find((v) => v.width >= width) ?? webp.at(-1))?.url ?? media.url;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export const ACCEPTED_UPLOAD_TYPES = "image/jpeg,image/png,image/webp,image/avif,image/gif,application/pdf";
