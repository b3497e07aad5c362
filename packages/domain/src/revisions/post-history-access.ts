import { NotFoundError } from "@folio/core";
import type { PostAccessRow, PostRevisionsRepository } from "@folio/database";
import type { AdminActor } from "../admin/admin-context.js";
import { canView } from "../posts/workflow.js";

/** Who works on a post's history: the signed-in staff member as the API authenticated them. */
export type StaffActor = Pick<AdminActor, "userId" | "role" | "permissions">;

/**
 * Whether the actor may see and annotate this post's history (revisions, notes, transitions):
 * whoever may see the post in the staff list (the posts workflow's `canView`) — its bylines and
 * creator, editors; for a page, whoever manages pages.
 */
export function canWorkOnPost(actor: StaffActor, post: PostAccessRow): boolean {
  const own = post.createdBy === actor.userId || post.authorIds.includes(actor.userId);
  return canView(actor, { type: post.type, own });
}

/** The post, when it exists and the actor may work on it; 404 otherwise (never reveals other posts). */
export async function requirePostAccess(
  revisions: Pick<PostRevisionsRepository, "findPostAccess">,
  actor: StaffActor,
  postId: string,
): Promise<PostAccessRow> {
  const post = await revisions.findPostAccess(postId);
  if (!post || !canWorkOnPost(actor, post)) throw new NotFoundError("post", postId);
  return post;
}
