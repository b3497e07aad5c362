import type { PublicComment } from "@folio/types";

// Pure helpers of the comments section (shared by the server render and the client component).

/** A comment as the section shows it: from the API, or the reader's own still on its way or waiting. */
export interface DisplayComment extends PublicComment {
  /** `sending`: optimistic, not answered yet; `pending`: accepted, waiting for a moderator. */
  state?: "sending" | "pending";
  /** The markdown as typed, shown as plain text until the API's rendering arrives. */
  text?: string;
}

/**
 * Inserts `comment` into a list in thread order: after the last descendant of its parent, or at
 * the end when it is top-level (or its parent is not in the list).
 */
export function insertInThread<T extends PublicComment>(list: readonly T[], comment: T): T[] {
  const out = [...list];
  const parentIndex = comment.parent_id === null ? -1 : out.findIndex((c) => c.id === comment.parent_id);
  if (parentIndex === -1) {
    out.push(comment);
    return out;
  }
  const parentDepth = out[parentIndex]?.depth ?? 0;
  let index = parentIndex + 1;
  while (index < out.length && (out[index]?.depth ?? 0) > parentDepth) index += 1;
  out.splice(index, 0, comment);
  return out;
}

/** The approved list with the reader's own waiting comments merged in (each once, by id). */
export function mergeOwnPending(
  list: readonly DisplayComment[],
  own: readonly DisplayComment[],
): DisplayComment[] {
  let out = [...list];
  for (const comment of own) {
    if (out.some((c) => c.id === comment.id)) continue;
    out = insertInThread(out, comment);
  }
  return out;
}

/** The display name of a comment's author ("Deleted account" once the account is gone). */
export function authorName(comment: PublicComment): string {
  return comment.author?.display_name ?? "Deleted account";
}
