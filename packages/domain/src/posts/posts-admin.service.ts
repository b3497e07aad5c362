import {
  ConflictError,
  type CursorCodec,
  ForbiddenError,
  isUuid,
  NotFoundError,
  UnprocessableError,
  uuidv7,
  ValidationError,
} from "@folio/core";
import {
  createRepositories,
  type Database,
  type PostBodyDocument,
  type PostRow,
  type Repositories,
  type StaffPostRecord,
} from "@folio/database";
import {
  emptyPostBody,
  type ListStaffPostsQuery,
  type PostInput,
  type PostPatch,
  type PostType,
  type StaffPost,
  type StaffPostCounts,
  type StaffPostList,
  type WorkflowAction,
  type WorkflowActionBody,
} from "@folio/types";
import type { DomainEvents } from "../events/domain-events.js";
import { enqueueJob } from "../jobs/job-topics.js";
import { IllegalTransitionError, SlugTakenError, VersionConflictError } from "./post-errors.js";
import { renderBody, toPostChanges, type PostChanges } from "./post-input.js";
import { announce, type Announcement, announcementFor, revalidationOf } from "./post-publication.js";
import { dedupeSlug, isReservedSlug, slugFromTitle } from "./slugs.js";
import { accessFacts, type MediaUrl, revisionFields, toStaffPost } from "./staff-post-mapper.js";
import { listStaffPosts } from "./staff-post-list.js";
import { transitionChanges } from "./transition-changes.js";
import {
  allowedActions,
  canEdit,
  canPurge,
  canTake,
  canTrash,
  canView,
  hasCapability,
  type PostActor,
  seesAllPosts,
  WORKFLOW,
} from "./workflow.js";

export interface PostsAdminDeps {
  database: Database;
  cursors: CursorCodec;
  events: DomainEvents;
  now?: (() => Date) | undefined;
  /** Public URL of a media storage key (the media service's `urlOf`); `/media/<key>` by default. */
  mediaUrl?: MediaUrl | undefined;
  /** Where failed after-commit announcements are reported (the write itself succeeded). */
  onEventError?: ((error: unknown) => void) | undefined;
}

export interface UpdateOptions {
  /** The version the caller read (If-Match or body `version`). */
  expectedVersion: number;
  revisionKind?: "save" | "autosave" | "restore" | undefined;
  /** For `restore`: the revision restored. */
  restoredFrom?: string | undefined;
}

export interface PostsAdminService {
  list(actor: PostActor, type: PostType, query: ListStaffPostsQuery): Promise<StaffPostList>;
  counts(actor: PostActor, type: PostType): Promise<StaffPostCounts>;
  get(actor: PostActor, id: string): Promise<StaffPost>;
  create(actor: PostActor, type: PostType, input: PostInput): Promise<StaffPost>;
  update(actor: PostActor, id: string, patch: PostPatch, options: UpdateOptions): Promise<StaffPost>;
  transition(
    actor: PostActor,
    id: string,
    action: WorkflowAction,
    body: WorkflowActionBody & { expectedVersion: number },
  ): Promise<StaffPost>;
  trash(actor: PostActor, id: string, expectedVersion?: number): Promise<StaffPost>;
  restore(actor: PostActor, id: string, expectedVersion?: number): Promise<StaffPost>;
  purge(actor: PostActor, id: string): Promise<void>;
  /** The job runner's `post.publish`: publishes only a still-scheduled post due at exactly that time. */
  publishDue(postId: string, publishAtIso: string): Promise<boolean>;
  /** The job runner's `post.unpublish`: archives a published post whose unpublish_at is exactly that. */
  unpublishDue(postId: string, unpublishAtIso: string): Promise<boolean>;
  /** Deletes posts trashed before `olderThan`; returns how many. */
  purgeTrash(olderThan: Date): Promise<number>;
}

const UNIQUE_VIOLATION = "23505";

function isSlugViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error || (typeof e === "object" && e !== null);) {
    const candidate = e as { code?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };
    if (
      candidate.code === UNIQUE_VIOLATION &&
      (candidate.constraint === "posts_slug_key" || String(candidate.message).includes("posts_slug_key"))
    )
      return true;
    e = candidate.cause;
  }
  return false;
}

export function createPostsAdminService(deps: PostsAdminDeps): PostsAdminService {
  const now = deps.now ?? (() => new Date());
  const mediaUrl: MediaUrl = deps.mediaUrl ?? ((key) => `/media/${key}`);
  const reads = createRepositories(deps.database);

  async function emitAll(announcements: Announcement[]): Promise<void> {
    for (const a of announcements) {
      try {
        await announce(deps.events, a);
      } catch (error) {
        deps.onEventError?.(error);
      }
    }
  }

  /** The post as the actor may see it; 404 for unknown posts and posts they may not see. */
  async function visible(repos: Repositories, actor: PostActor, id: string): Promise<StaffPostRecord> {
    const record = await repos.staffPosts.findById(id);
    if (!record || !canView(actor, accessFacts(actor, record))) throw new NotFoundError("post", id);
    return record;
  }

  function checkVersion(record: PostRow, expected: number | undefined): void {
    if (expected !== undefined && record.version !== expected)
      throw new VersionConflictError(record.version, expected);
  }

  async function checkSlug(repos: Repositories, slug: string, exceptId?: string): Promise<void> {
    if (isReservedSlug(slug))
      throw new UnprocessableError("The slug is reserved.", [
        { pointer: "/body/slug", detail: `${JSON.stringify(slug)} is reserved for the site` },
      ]);
    const owner = await repos.staffPosts.slugOwner(slug);
    if (owner !== null && owner !== exceptId) throw new SlugTakenError(slug);
  }

  async function generateSlug(repos: Repositories, title: string): Promise<string> {
    const base = slugFromTitle(title) || "untitled";
    return dedupeSlug(base, new Set(await repos.staffPosts.slugsLike(base)));
  }

  async function applyChanges(repos: Repositories, postId: string, changes: PostChanges): Promise<void> {
    if (Object.keys(changes.relations).length > 0)
      await repos.staffPosts.setRelations(postId, changes.relations);
    if (changes.coverFocal)
      await repos.staffPosts.setMediaFocal(
        changes.coverFocal.mediaId,
        changes.coverFocal.x,
        changes.coverFocal.y,
      );
  }

  async function snapshot(
    repos: Repositories,
    record: StaffPostRecord,
    actor: PostActor,
    kind: "save" | "autosave" | "restore",
    restoredFrom: string | undefined,
    at: Date,
  ): Promise<void> {
    const snap = {
      postId: record.id,
      postVersion: record.version,
      title: record.title,
      slug: record.slug,
      excerpt: record.excerpt,
      body: record.body,
      html: record.html,
      fields: revisionFields(record),
      authorId: actor.userId,
      restoredFrom: restoredFrom ?? null,
    };
    if (kind === "autosave") {
      await repos.staffPosts.upsertAutosave(snap, at);
    } else {
      await repos.staffPosts.insertRevision(kind, snap, at);
      await repos.staffPosts.deleteAutosave(record.id, actor.userId);
    }
  }

  /** Runs a write in one transaction; events go out after the commit. */
  async function write<T>(
    fn: (repos: Repositories, announcements: Announcement[]) => Promise<T>,
  ): Promise<T> {
    const announcements: Announcement[] = [];
    let result: T;
    try {
      result = await deps.database.transaction(async (tx) => fn(createRepositories(tx), announcements));
    } catch (error) {
      if (isSlugViolation(error)) throw new SlugTakenError();
      throw error;
    }
    await emitAll(announcements);
    return result;
  }

  async function loadForWrite(repos: Repositories, actor: PostActor, id: string): Promise<StaffPostRecord> {
    return await visible(repos, actor, id);
  }

  async function bumped(
    repos: Repositories,
    record: StaffPostRecord,
    changes: Parameters<Repositories["staffPosts"]["updateVersioned"]>[2],
    at: Date,
  ): Promise<PostRow> {
    const row = await repos.staffPosts.updateVersioned(record.id, record.version, changes, at);
    if (row) return row;
    const current = await repos.staffPosts.findById(record.id);
    if (!current) throw new NotFoundError("post", record.id);
    throw new VersionConflictError(current.version, record.version);
  }

  return {
    list: (actor, type, query) =>
      listStaffPosts({ reads, cursors: deps.cursors, mediaUrl }, actor, type, query),

    async counts(actor, type) {
      if (type === "page" && !seesAllPosts(actor, "page"))
        throw new ForbiddenError("Pages need pages:manage.");
      return await reads.staffPosts.counts(type, seesAllPosts(actor, type) ? undefined : actor.userId);
    },

    async get(actor, id) {
      return toStaffPost(actor, await visible(reads, actor, id), mediaUrl);
    },

    async create(actor, type, input) {
      if (!hasCapability(actor, { type, status: "draft", deletedAt: null, own: true }, "edit"))
        throw new ForbiddenError(type === "page" ? "Pages need pages:manage." : "You may not create posts.");
      const editsAny = (actor.permissions as ReadonlySet<string>).has("posts:edit:any") || type === "page";
      if (input.author_ids !== undefined && !editsAny && input.author_ids.some((id) => id !== actor.userId))
        throw new ForbiddenError("Only editors may name other authors.");
      const at = now();
      const id = uuidv7();
      const created = await write(async (repos) => {
        const changes = await toPostChanges(repos.staffPosts, input, mediaUrl);
        let slug: string;
        if (input.slug !== undefined) {
          await checkSlug(repos, input.slug);
          slug = input.slug;
        } else {
          slug = await generateSlug(repos, input.title);
        }
        const body = (input.body ?? emptyPostBody()) as PostBodyDocument;
        const rendered = renderBody(body);
        await repos.staffPosts.insert({
          id,
          type,
          title: input.title,
          slug,
          body,
          html: rendered.html,
          readingTimeMinutes: rendered.readingTimeMinutes,
          status: "draft",
          ...changes.columns,
          createdBy: actor.userId,
          updatedBy: actor.userId,
          createdAt: at,
          updatedAt: at,
          version: 1,
        });
        changes.relations.authorIds ??= [actor.userId];
        await applyChanges(repos, id, changes);
        const record = (await repos.staffPosts.findById(id))!;
        await snapshot(repos, record, actor, "save", undefined, at);
        return record;
      });
      return toStaffPost(actor, created, mediaUrl);
    },

    async update(actor, id, patch, options) {
      const at = now();
      const { version: _version, autosave: _autosave, slug: newSlug, ...input } = patch;
      const updated = await write(async (repos, announcements) => {
        const record = await loadForWrite(repos, actor, id);
        checkVersion(record, options.expectedVersion);
        const facts = accessFacts(actor, record);
        if (record.deletedAt !== null)
          throw new ConflictError("post-trashed", "Restore the post before editing it.");
        if (!canEdit(actor, facts))
          throw new ForbiddenError(
            record.status === "draft"
              ? "You may not edit this post."
              : "Submitted posts are edited by the review; withdraw it to change it.",
          );
        const editsAny =
          (actor.permissions as ReadonlySet<string>).has("posts:edit:any") || record.type === "page";
        if (input.author_ids !== undefined && !editsAny) {
          const current = new Set(record.authors.map((a) => a.id));
          const same =
            input.author_ids.length === current.size && input.author_ids.every((a) => current.has(a));
          if (!same && !(input.author_ids.length === 1 && input.author_ids[0] === actor.userId))
            throw new ForbiddenError("Only editors may change the authors.");
        }
        const changes = await toPostChanges(repos.staffPosts, input, mediaUrl);
        const slugChanged = newSlug !== undefined && newSlug !== record.slug;
        if (slugChanged) {
          await checkSlug(repos, newSlug, record.id);
          changes.columns.slug = newSlug;
        }
        await bumped(repos, record, { ...changes.columns, updatedBy: actor.userId }, at);
        await applyChanges(repos, record.id, changes);
        const after = (await repos.staffPosts.findById(record.id))!;
        const live = after.status === "published" && after.deletedAt === null;
        if (slugChanged && live) {
          await repos.redirects.point({
            fromPath: `/${record.slug}`,
            toPath: `/${after.slug}`,
            kind: after.type,
            createdBy: actor.userId,
          });
        }
        await snapshot(repos, after, actor, options.revisionKind ?? "save", options.restoredFrom, at);
        if (live) {
          await enqueueJob(repos.outbox, { topic: "web.revalidate", payload: revalidationOf(after, record) });
          announcements.push(announcementFor("post.updated", after, record.slug));
        }
        return after;
      });
      return toStaffPost(actor, updated, mediaUrl);
    },

    async transition(actor, id, action, body) {
      const at = now();
      const transition = WORKFLOW[action];
      const result = await write(async (repos, announcements) => {
        const record = await loadForWrite(repos, actor, id);
        checkVersion(record, body.expectedVersion);
        const facts = accessFacts(actor, record);
        if (record.deletedAt !== null) throw new ConflictError("post-trashed", "Restore the post first.");
        if (!transition.from.includes(record.status))
          throw new IllegalTransitionError(action, record.status, allowedActions(actor, facts));
        if (!canTake(actor, facts, action))
          throw new ForbiddenError(`You may not ${action} this ${record.type}.`);
        if (transition.commentRequired && body.comment === undefined)
          throw new ValidationError([{ pointer: "/body/comment", detail: `is required to ${action}` }]);

        const { changes, publishAt } = transitionChanges(action, record, body, at);
        changes.updatedBy = actor.userId;
        const row = await bumped(repos, record, changes, at);
        await repos.staffPosts.insertTransition({
          postId: record.id,
          action,
          fromStatus: record.status,
          toStatus: transition.to,
          actorId: actor.userId,
          comment: body.comment ?? null,
          now: at,
        });
        if (action === "schedule") {
          const iso = publishAt!.toISOString();
          await enqueueJob(repos.outbox, {
            topic: "post.publish",
            payload: { postId: record.id, publishAt: iso },
            runAt: publishAt!,
            dedupeKey: `post.publish:${record.id}:${iso}`,
          });
        }
        if ((action === "schedule" || action === "publish") && row.unpublishAt !== null) {
          const iso = row.unpublishAt.toISOString();
          await enqueueJob(repos.outbox, {
            topic: "post.unpublish",
            payload: { postId: record.id, unpublishAt: iso },
            runAt: row.unpublishAt,
            dedupeKey: `post.unpublish:${record.id}:${iso}`,
          });
        }
        const after = (await repos.staffPosts.findById(record.id))!;
        const wasLive = record.status === "published";
        const isLive = after.status === "published";
        if (wasLive || isLive) {
          await enqueueJob(repos.outbox, { topic: "web.revalidate", payload: revalidationOf(after) });
          announcements.push(
            announcementFor(
              isLive ? (wasLive ? "post.updated" : "post.published") : "post.unpublished",
              after,
            ),
          );
        }
        return after;
      });
      return toStaffPost(actor, result, mediaUrl);
    },

    async trash(actor, id, expectedVersion) {
      const at = now();
      const result = await write(async (repos, announcements) => {
        const record = await loadForWrite(repos, actor, id);
        checkVersion(record, expectedVersion);
        if (!canTrash(actor, accessFacts(actor, record)))
          throw new ForbiddenError(`You may not delete this ${record.type}.`);
        if (record.deletedAt !== null)
          throw new ConflictError("post-trashed", "The post is already in the trash.");
        await bumped(repos, record, { deletedAt: at, deletedBy: actor.userId, updatedBy: actor.userId }, at);
        const after = (await repos.staffPosts.findById(record.id))!;
        if (record.status === "published") {
          await enqueueJob(repos.outbox, { topic: "web.revalidate", payload: revalidationOf(after) });
          announcements.push(announcementFor("post.deleted", after));
        }
        return after;
      });
      return toStaffPost(actor, result, mediaUrl);
    },

    async restore(actor, id, expectedVersion) {
      const at = now();
      const result = await write(async (repos, announcements) => {
        const record = await loadForWrite(repos, actor, id);
        checkVersion(record, expectedVersion);
        if (!canTrash(actor, accessFacts(actor, record)))
          throw new ForbiddenError(`You may not restore this ${record.type}.`);
        if (record.deletedAt === null)
          throw new ConflictError("post-not-trashed", "The post is not in the trash.");
        await bumped(
          repos,
          record,
          { deletedAt: null, deletedBy: null, status: "draft", unpublishAt: null, updatedBy: actor.userId },
          at,
        );
        if (record.status !== "draft")
          await repos.staffPosts.insertTransition({
            postId: record.id,
            action: "restore",
            fromStatus: record.status,
            toStatus: "draft",
            actorId: actor.userId,
            comment: null,
            now: at,
          });
        const after = (await repos.staffPosts.findById(record.id))!;
        await enqueueJob(repos.outbox, { topic: "web.revalidate", payload: revalidationOf(after) });
        announcements.push(announcementFor("post.updated", after));
        return after;
      });
      return toStaffPost(actor, result, mediaUrl);
    },

    async purge(actor, id) {
      await write(async (repos, announcements) => {
        const record = await loadForWrite(repos, actor, id);
        if (!canPurge(actor, accessFacts(actor, record)))
          throw new ForbiddenError("Purging needs posts:delete:any.");
        if (record.deletedAt === null)
          throw new ConflictError(
            "post-not-trashed",
            "Only a post in the trash can be purged; delete it first.",
          );
        await repos.staffPosts.deleteById(record.id);
        announcements.push(announcementFor("post.deleted", record));
      });
    },

    async publishDue(postId, publishAtIso) {
      if (!isUuid(postId) || Number.isNaN(Date.parse(publishAtIso))) return false;
      const at = now();
      return await write(async (repos, announcements) => {
        const row = await repos.staffPosts.transitionDue(
          postId,
          "scheduled",
          "publishedAt",
          publishAtIso,
          "published",
          at,
        );
        if (!row) return false;
        await repos.staffPosts.insertTransition({
          postId,
          action: "publish",
          fromStatus: "scheduled",
          toStatus: "published",
          actorId: null,
          comment: null,
          now: at,
        });
        const after = (await repos.staffPosts.findById(postId))!;
        await enqueueJob(repos.outbox, { topic: "web.revalidate", payload: revalidationOf(after) });
        announcements.push(announcementFor("post.published", after));
        return true;
      });
    },

    async unpublishDue(postId, unpublishAtIso) {
      if (!isUuid(postId) || Number.isNaN(Date.parse(unpublishAtIso))) return false;
      const at = now();
      return await write(async (repos, announcements) => {
        const row = await repos.staffPosts.transitionDue(
          postId,
          "published",
          "unpublishAt",
          unpublishAtIso,
          "archived",
          at,
        );
        if (!row) return false;
        await repos.staffPosts.insertTransition({
          postId,
          action: "archive",
          fromStatus: "published",
          toStatus: "archived",
          actorId: null,
          comment: null,
          now: at,
        });
        const after = (await repos.staffPosts.findById(postId))!;
        await enqueueJob(repos.outbox, { topic: "web.revalidate", payload: revalidationOf(after) });
        announcements.push(announcementFor("post.unpublished", after));
        return true;
      });
    },

    async purgeTrash(olderThan) {
      let total = 0;
      for (;;) {
        const purged = await deps.database.transaction((tx) =>
          createRepositories(tx).staffPosts.purgeTrashedBefore(olderThan, 500),
        );
        total += purged.length;
        await emitAll(
          purged.map((p) => ({ type: "post.deleted" as const, payload: { id: p.id, slug: p.slug } })),
        );
        if (purged.length < 500) return total;
      }
    },
  };
}
