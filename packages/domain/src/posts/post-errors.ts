import { FolioError } from "@folio/core";
import type { PostStatus, WorkflowAction } from "@folio/types";

/** 409 `…/version-conflict`: the write named a version that is no longer current. */
export class VersionConflictError extends FolioError {
  readonly currentVersion: number;
  constructor(currentVersion: number, expectedVersion: number) {
    super({
      slug: "version-conflict",
      title: "Version Conflict",
      status: 409,
      detail: `The post was changed by someone else: you sent version ${expectedVersion}, it is now at ${currentVersion}. Reload it and apply your change again.`,
      extensions: { current_version: currentVersion },
    });
    this.currentVersion = currentVersion;
  }
}

/** 409 `…/illegal-transition`: the action does not apply to the post's status. */
export class IllegalTransitionError extends FolioError {
  constructor(action: WorkflowAction, statusFrom: PostStatus, allowed: readonly WorkflowAction[]) {
    super({
      slug: "illegal-transition",
      title: "Illegal Transition",
      status: 409,
      detail: `A ${statusFrom} post cannot be ${action === "submit" ? "submitted" : `given "${action}"`}; allowed now: ${allowed.length > 0 ? allowed.join(", ") : "none"}.`,
      extensions: { status_from: statusFrom, allowed_actions: [...allowed] },
    });
  }
}

/** 409 `…/slug-taken`: another post or page already lives at this slug. */
export class SlugTakenError extends FolioError {
  constructor(slug?: string) {
    super({
      slug: "slug-taken",
      title: "Slug Taken",
      status: 409,
      detail: `Another post or page already uses ${slug === undefined ? "this slug" : `the slug ${JSON.stringify(slug)}`}.`,
      code: "slug-taken",
    });
  }
}
