import { ValidationError } from "@folio/core";
import type { NewPostRow, PostRow } from "@folio/database";
import type { WorkflowAction, WorkflowActionBody } from "@folio/types";
import { WORKFLOW } from "./workflow.js";

/**
 * The column changes of a workflow action (status, publication and end dates), with the body's
 * dates checked: `publish_at` only for schedule and in the future, `unpublish_at` only for
 * schedule/publish and after the publication time. `publishAt` is when the post goes live.
 */
export function transitionChanges(
  action: WorkflowAction,
  record: Pick<PostRow, "status" | "publishedAt" | "unpublishAt">,
  body: Pick<WorkflowActionBody, "publish_at" | "unpublish_at">,
  at: Date,
): { changes: Partial<NewPostRow>; publishAt: Date | null } {
  const changes: Partial<NewPostRow> = { status: WORKFLOW[action].to };
  let publishAt: Date | null = null;
  const unpublishAt =
    body.unpublish_at === undefined
      ? undefined
      : body.unpublish_at === null
        ? null
        : new Date(body.unpublish_at);
  if (action === "schedule") {
    if (body.publish_at === undefined)
      throw new ValidationError([{ pointer: "/body/publish_at", detail: "is required to schedule" }]);
    publishAt = new Date(body.publish_at);
    if (publishAt.getTime() <= at.getTime())
      throw new ValidationError([{ pointer: "/body/publish_at", detail: "must be in the future" }]);
    changes.publishedAt = publishAt;
  } else if (action === "publish") {
    // A post published before (then unpublished) keeps its original date; a scheduled one goes out now.
    const keep = record.publishedAt !== null && record.status !== "scheduled" && record.publishedAt <= at;
    publishAt = keep ? record.publishedAt : at;
    changes.publishedAt = publishAt;
  } else if (action === "unschedule") {
    changes.publishedAt = null;
  }
  if (action === "schedule" || action === "publish") {
    // An end date left over from an earlier publication must not archive the new one at once.
    if (unpublishAt === undefined && record.unpublishAt !== null && record.unpublishAt <= publishAt!)
      changes.unpublishAt = null;
    if (unpublishAt !== undefined) {
      if (unpublishAt !== null && unpublishAt.getTime() <= Math.max(at.getTime(), publishAt!.getTime()))
        throw new ValidationError([
          { pointer: "/body/unpublish_at", detail: "must be after the publication time" },
        ]);
      changes.unpublishAt = unpublishAt;
    }
  } else if (action === "unpublish" || action === "unschedule" || action === "archive") {
    changes.unpublishAt = null;
  } else if (unpublishAt !== undefined) {
    throw new ValidationError([{ pointer: "/body/unpublish_at", detail: `does not apply to ${action}` }]);
  }
  if (body.publish_at !== undefined && action !== "schedule")
    throw new ValidationError([{ pointer: "/body/publish_at", detail: `does not apply to ${action}` }]);

  return { changes, publishAt };
}
