// The staff posts API of @folio/domain (re-exported by the package index).
export { IllegalTransitionError, SlugTakenError, VersionConflictError } from "./post-errors.js";
export {
  createPostsAdminService,
  type PostsAdminDeps,
  type PostsAdminService,
  type UpdateOptions,
} from "./posts-admin.service.js";
export { revalidationOf } from "./post-publication.js";
export { sanitisePostHtml } from "./sanitise.js";
export { RESERVED_SLUGS, dedupeSlug, isReservedSlug, slugFromTitle } from "./slugs.js";
export {
  WORKFLOW,
  WORKFLOW_ACTIONS,
  allowedActions,
  canEdit,
  canPurge,
  canTake,
  canTrash,
  canView,
  hasCapability,
  seesAllPosts,
  type PostAccessFacts,
  type PostActor,
  type WorkflowCapability,
  type WorkflowTransition,
} from "./workflow.js";
