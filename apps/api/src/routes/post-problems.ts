import { PROBLEM_CONTENT_TYPE, ValidationError } from "@folio/core";
import { PostConflictProblemSchema } from "@folio/types";

// Shared by the staff post routes (admin-posts, revisions): optimistic-concurrency input and the
// 409 problems with extension members (`current_version`, `status_from`, `allowed_actions`).

/** The documented 409 of a staff post write. */
export function postConflictResponse(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: PostConflictProblemSchema } } };
}

const IF_MATCH = /^\s*(?:W\/)?"(\d{1,9})"\s*$/;

/**
 * The version a write is based on: `If-Match: "<version>"` or the body's `version` (they must
 * agree when both are sent); 400 at `/body/version` when neither is.
 */
export function expectedVersion(
  bodyVersion: number | undefined,
  ifMatch: string | string[] | undefined,
): number {
  const header = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
  let fromHeader: number | undefined;
  if (header !== undefined) {
    const match = IF_MATCH.exec(header);
    if (!match?.[1])
      throw new ValidationError([{ pointer: "/headers/if-match", detail: 'must be an ETag "<version>"' }]);
    fromHeader = Number(match[1]);
  }
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion)
    throw new ValidationError([{ pointer: "/body/version", detail: "differs from If-Match" }]);
  const version = fromHeader ?? bodyVersion;
  if (version === undefined)
    throw new ValidationError([{ pointer: "/body/version", detail: "required (or If-Match)" }]);
  return version;
}

/** Like `expectedVersion`, but optional (DELETE and restore may omit it). */
export function optionalVersion(ifMatch: string | string[] | undefined): number | undefined {
  return ifMatch === undefined ? undefined : expectedVersion(undefined, ifMatch);
}
