import type { Permission } from "@folio/auth";
import type { PostStatus, PostType, WorkflowAction } from "@folio/types";

// The editorial workflow (issue 5): which action moves a post from which statuses to which, and
// who may take it. One table, read by the service (to act and to answer `allowed_actions`), the
// API (409 bodies) and the tests (the table × roles matrix).

/** The capability an action needs on a post (pages need `pages:manage` for everything). */
export type WorkflowCapability = "edit" | "review" | "publish";

export interface WorkflowTransition {
  from: readonly PostStatus[];
  to: PostStatus;
  needs: WorkflowCapability;
  /** A reason is required (reject). */
  commentRequired?: boolean;
}

export const WORKFLOW: Readonly<Record<WorkflowAction, WorkflowTransition>> = Object.freeze({
  submit: { from: ["draft"], to: "in_review", needs: "edit" },
  withdraw: { from: ["in_review", "approved"], to: "draft", needs: "edit" },
  approve: { from: ["in_review"], to: "approved", needs: "review" },
  reject: { from: ["in_review", "approved"], to: "draft", needs: "review", commentRequired: true },
  publish: { from: ["draft", "in_review", "approved", "scheduled"], to: "published", needs: "publish" },
  schedule: { from: ["draft", "in_review", "approved", "scheduled"], to: "scheduled", needs: "publish" },
  unschedule: { from: ["scheduled"], to: "draft", needs: "publish" },
  unpublish: { from: ["published"], to: "draft", needs: "publish" },
  archive: { from: ["draft", "approved", "published"], to: "archived", needs: "publish" },
  unarchive: { from: ["archived"], to: "draft", needs: "publish" },
});

export const WORKFLOW_ACTIONS = Object.keys(WORKFLOW) as WorkflowAction[];

/** Who acts: the API's auth context satisfies this structurally. */
export interface PostActor {
  userId: string;
  role?: string | undefined;
  permissions: ReadonlySet<Permission> | ReadonlySet<string>;
}

/** What the rules need to know about a post. */
export interface PostAccessFacts {
  type: PostType;
  status: PostStatus;
  deletedAt: Date | null;
  /** The actor is one of its bylines or created it. */
  own: boolean;
}

function has(actor: PostActor, permission: Permission): boolean {
  return (actor.permissions as ReadonlySet<string>).has(permission);
}

/** Holds the capability on this post (status aside). */
export function hasCapability(actor: PostActor, post: PostAccessFacts, needs: WorkflowCapability): boolean {
  if (post.type === "page") return has(actor, "pages:manage");
  const editAny = has(actor, "posts:edit:any");
  const editOwn = post.own && has(actor, "posts:edit:own");
  switch (needs) {
    case "edit":
      return editAny || editOwn;
    case "review":
      return editAny && has(actor, "posts:publish");
    case "publish":
      return has(actor, "posts:publish") && (editAny || editOwn);
  }
}

/** May see the post in the dashboard at all (others get 404, not 403). */
export function canView(actor: PostActor, post: Pick<PostAccessFacts, "type" | "own">): boolean {
  if (post.type === "page") return has(actor, "pages:manage");
  return post.own || has(actor, "posts:edit:any") || has(actor, "posts:read:drafts");
}

/** Lists show every post to editors, only their own to contributors and authors. */
export function seesAllPosts(actor: PostActor, type: PostType): boolean {
  if (type === "page") return has(actor, "pages:manage");
  return has(actor, "posts:edit:any") || has(actor, "posts:read:drafts");
}

/**
 * May change the content. Someone who cannot publish (a contributor) edits their own drafts
 * only: once submitted, the post belongs to the review until they withdraw it.
 */
export function canEdit(actor: PostActor, post: PostAccessFacts): boolean {
  if (post.deletedAt !== null) return false;
  if (!hasCapability(actor, post, "edit")) return false;
  if (post.type === "post" && !has(actor, "posts:edit:any") && !has(actor, "posts:publish"))
    return post.status === "draft";
  return true;
}

/** May move it to the trash (and restore it). */
export function canTrash(actor: PostActor, post: PostAccessFacts): boolean {
  if (post.type === "page") return has(actor, "pages:manage");
  return has(actor, "posts:delete:any") || (post.own && has(actor, "posts:delete:own"));
}

/** May purge it from the trash for good. */
export function canPurge(actor: PostActor, post: PostAccessFacts): boolean {
  if (post.type === "page") return has(actor, "pages:manage") && has(actor, "posts:delete:any");
  return has(actor, "posts:delete:any");
}

/** May take `action` now (status and permission); trashed posts take none. */
export function canTake(actor: PostActor, post: PostAccessFacts, action: WorkflowAction): boolean {
  if (post.deletedAt !== null) return false;
  const transition = WORKFLOW[action];
  return transition.from.includes(post.status) && hasCapability(actor, post, transition.needs);
}

/** The actions this actor may take on the post now, in table order. */
export function allowedActions(actor: PostActor, post: PostAccessFacts): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => canTake(actor, post, action));
}
