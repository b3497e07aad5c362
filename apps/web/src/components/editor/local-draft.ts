import type { PostFields } from "./post-fields";

// Unsaved edits kept in this browser (localStorage) while a save cannot reach the server, so a
// closed tab or a crash never loses them; offered back when the post is opened again.

export interface LocalDraft {
  fields: PostFields;
  /** The post version the edits were made on. */
  version: number | null;
  saved_at: string;
}

const PREFIX = "folio:editor-draft:";

export function draftKey(postId: string | null, type: "post" | "page"): string {
  return `${PREFIX}${postId ?? `new-${type}`}`;
}

export function readLocalDraft(key: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as Partial<LocalDraft>;
    if (typeof parsed !== "object" || parsed === null || typeof parsed.fields !== "object") return null;
    return parsed as LocalDraft;
  } catch {
    return null;
  }
}

export function writeLocalDraft(key: string, draft: LocalDraft): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the in-memory edits are still there; the status line says offline.
  }
}

export function clearLocalDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing to clear.
  }
}
