import { type CursorCodec, NotFoundError, ValidationError } from "@folio/core";
import type { PostRevisionsRepository, RevisionRecord, RevisionSummaryRow } from "@folio/database";
import {
  PostPatchSchema,
  type PostPatch,
  type Revision,
  type RevisionDiff,
  type RevisionList,
  type RevisionSummary,
  type StaffPost,
} from "@folio/types";
import { timestampCursor } from "../pagination/timestamp-cursor.js";
import { toAuthorSummary } from "../posts/post-mappers.js";
import { requirePostAccess, type StaffActor } from "./post-history-access.js";
import { currentFields, diffFields, diffText, htmlToText, type DiffSide } from "./revision-diff.js";

/** The posts service's update (`services.postsAdmin.update`), which a restore goes through. */
export interface RevisionRestoreTarget {
  update(
    actor: StaffActor,
    id: string,
    patch: PostPatch,
    options: {
      expectedVersion: number;
      revisionKind?: "save" | "autosave" | "restore";
      restoredFrom?: string;
    },
  ): Promise<StaffPost>;
}

export interface RevisionsServiceDeps {
  revisions: PostRevisionsRepository;
  cursors: CursorCodec;
  /** Resolved lazily: the posts service is wired next to this one. */
  posts: () => RevisionRestoreTarget;
}

export interface RevisionsService {
  list(
    actor: StaffActor,
    postId: string,
    query: { limit: number; cursor?: string | undefined },
  ): Promise<RevisionList>;
  get(actor: StaffActor, postId: string, revisionId: string): Promise<Revision>;
  /** `to` omitted: against the post as it is now. */
  diff(actor: StaffActor, postId: string, fromId: string, toId?: string): Promise<RevisionDiff>;
  /** Writes the revision's content back as a new `restore` revision; the post's new state. */
  restore(actor: StaffActor, postId: string, revisionId: string, expectedVersion: number): Promise<StaffPost>;
}

/** The PostPatch keys a revision's `fields` may carry back into the post. */
const RESTORABLE_FIELDS = [
  "featured",
  "visibility",
  "comments_enabled",
  "cover_image",
  "primary_category_id",
  "category_ids",
  "tag_ids",
  "author_ids",
  "seo",
] as const;

function toSummary(row: RevisionSummaryRow | RevisionRecord): RevisionSummary {
  return {
    id: row.id,
    post_id: row.postId,
    kind: row.kind,
    post_version: row.postVersion,
    title: row.title,
    author: row.author && toAuthorSummary(row.author),
    restored_from: row.restoredFrom,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

function toRevision(row: RevisionRecord): Revision {
  return {
    ...toSummary(row),
    slug: row.slug,
    excerpt: row.excerpt,
    body: row.body as Revision["body"],
    html: row.html,
    fields: row.fields,
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A cover as PostInput takes it: no null media id, no unknown keys. */
function coverInput(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const cover = { ...(value as Record<string, unknown>) };
  for (const key of Object.keys(cover)) {
    if (!["media_id", "url", "alt", "focal_x", "focal_y"].includes(key) || cover[key] === null) {
      if (key !== "alt") delete cover[key];
    }
  }
  if (cover.media_id !== undefined) delete cover.url;
  return cover;
}

/**
 * Revisions of a post: list (newest first), one in full, a diff of two (or one and the current
 * post), and restore — which goes through the posts service's update so it obeys the same rules
 * (permissions, workflow, slug checks, optimistic concurrency) and records a `restore` revision.
 */
export function createRevisionsService(deps: RevisionsServiceDeps): RevisionsService {
  const cursor = timestampCursor(deps.cursors, "c", "a revision list");

  async function findRevision(postId: string, revisionId: string): Promise<RevisionRecord> {
    const revision = await deps.revisions.find(postId, revisionId);
    if (!revision) throw new NotFoundError("revision", revisionId);
    return revision;
  }

  return {
    async list(actor, postId, query) {
      await requirePostAccess(deps.revisions, actor, postId);
      const after = query.cursor === undefined ? undefined : cursor.decode(query.cursor);
      const page = await deps.revisions.listByPost(postId, {
        limit: query.limit,
        after: after && { createdAt: after.at, id: after.id },
      });
      const last = page.items.at(-1);
      return {
        data: page.items.map(toSummary),
        next_cursor:
          page.hasMore && last ? cursor.encode({ at: last.sortKey.createdAt, id: last.sortKey.id }) : null,
      };
    },

    async get(actor, postId, revisionId) {
      await requirePostAccess(deps.revisions, actor, postId);
      return toRevision(await findRevision(postId, revisionId));
    },

    async diff(actor, postId, fromId, toId) {
      await requirePostAccess(deps.revisions, actor, postId);
      const from = await findRevision(postId, fromId);
      let toSide: DiffSide;
      let toSummaryValue: RevisionSummary;
      if (toId === undefined) {
        const post = await deps.revisions.findCurrentPost(postId);
        if (!post) throw new NotFoundError("post", postId);
        toSide = {
          title: post.title,
          slug: post.slug,
          excerpt: post.excerpt,
          html: post.html,
          fields: currentFields(post, from.fields),
        };
        const editor = post.updatedBy ?? post.createdBy;
        const author = editor === null ? undefined : (await deps.revisions.findAuthors([editor])).get(editor);
        toSummaryValue = {
          id: post.id,
          post_id: post.id,
          kind: "save",
          post_version: post.version,
          title: post.title,
          author: author ? toAuthorSummary(author) : null,
          restored_from: null,
          created_at: post.createdAt.toISOString(),
          updated_at: post.updatedAt.toISOString(),
        };
      } else {
        const to = await findRevision(postId, toId);
        toSide = to;
        toSummaryValue = toSummary(to);
      }
      return {
        from: toSummary(from),
        to: toSummaryValue,
        fields: diffFields(from, toSide),
        content: diffText(htmlToText(from.html), htmlToText(toSide.html)),
      };
    },

    async restore(actor, postId, revisionId, expectedVersion) {
      await requirePostAccess(deps.revisions, actor, postId);
      const revision = await findRevision(postId, revisionId);
      const post = await deps.revisions.findCurrentPost(postId);
      if (!post) throw new NotFoundError("post", postId);
      const now = currentFields(post, revision.fields);
      // Only what differs goes into the patch: unchanged bylines or taxonomy are not re-checked
      // against permissions the restoring user may lack.
      const patch: Record<string, unknown> = { title: revision.title, body: revision.body };
      if (revision.slug !== post.slug) patch.slug = revision.slug;
      if (revision.excerpt !== post.excerpt) patch.excerpt = revision.excerpt;
      for (const key of RESTORABLE_FIELDS) {
        if (!(key in revision.fields)) continue;
        const value = key === "cover_image" ? coverInput(revision.fields[key]) : revision.fields[key];
        if (!sameJson(revision.fields[key], now[key])) patch[key] = value;
      }
      let parsed = PostPatchSchema.safeParse(patch);
      if (!parsed.success) {
        // A field whose rules changed since the revision was saved stays as it is now.
        for (const issue of parsed.error.issues) {
          const key = issue.path[0];
          if (typeof key === "string" && key !== "title" && key !== "body") delete patch[key];
        }
        parsed = PostPatchSchema.safeParse(patch);
        if (!parsed.success) {
          throw new ValidationError(
            [
              {
                pointer: "/params/revisionId",
                detail: "this revision's content no longer passes validation",
              },
            ],
            "The revision cannot be restored.",
          );
        }
      }
      return deps.posts().update(actor, postId, parsed.data, {
        expectedVersion,
        revisionKind: "restore",
        restoredFrom: revision.id,
      });
    },
  };
}
