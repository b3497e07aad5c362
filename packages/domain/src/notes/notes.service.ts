import { NotFoundError } from "@folio/core";
import type {
  PostNoteRecord,
  PostNotesRepository,
  PostRevisionsRepository,
  PostTransitionRecord,
  PostTransitionsRepository,
} from "@folio/database";
import type { CreateNoteBody, Note, NoteList, TransitionList, UpdateNoteBody } from "@folio/types";
import { toAuthorSummary } from "../posts/post-mappers.js";
import { requirePostAccess, type StaffActor } from "../revisions/post-history-access.js";

export interface NotesServiceDeps {
  revisions: Pick<PostRevisionsRepository, "findPostAccess">;
  postNotes: PostNotesRepository;
  postTransitions: PostTransitionsRepository;
  now?: (() => Date) | undefined;
}

export interface NotesService {
  list(actor: StaffActor, postId: string): Promise<NoteList>;
  create(actor: StaffActor, postId: string, body: CreateNoteBody): Promise<Note>;
  /** Edits the text (its author only) and/or resolves or reopens the note (anyone on the post). */
  update(actor: StaffActor, postId: string, noteId: string, body: UpdateNoteBody): Promise<Note>;
  /** Its author, or an editor (`posts:edit:any`). */
  remove(actor: StaffActor, postId: string, noteId: string): Promise<void>;
  /** The post's workflow history, oldest first. */
  transitions(actor: StaffActor, postId: string): Promise<TransitionList>;
}

export function toNote(row: PostNoteRecord): Note {
  return {
    id: row.id,
    post_id: row.postId,
    author: row.author && toAuthorSummary(row.author),
    body: row.body,
    anchor: row.anchor,
    resolved_at: row.resolvedAt?.toISOString() ?? null,
    resolved_by: row.resolver && toAuthorSummary(row.resolver),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toTransition(row: PostTransitionRecord): TransitionList["data"][number] {
  return {
    id: row.id,
    action: row.action,
    from_status: row.fromStatus,
    to_status: row.toStatus,
    actor: row.actor && toAuthorSummary(row.actor),
    comment: row.comment,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * Editorial notes: staff-only remarks on a post, optionally anchored to a passage, that whoever
 * works on the post can read, add and resolve. They live in their own table and no public
 * read selects them.
 */
export function createNotesService(deps: NotesServiceDeps): NotesService {
  const now = deps.now ?? (() => new Date());

  async function findNote(postId: string, noteId: string): Promise<PostNoteRecord> {
    const note = await deps.postNotes.find(postId, noteId);
    if (!note) throw new NotFoundError("note", noteId);
    return note;
  }

  /** Someone else's note is theirs to reword: others may only resolve it (a 404 keeps it simple). */
  function assertAuthorOrEditor(actor: StaffActor, note: PostNoteRecord): void {
    if (note.authorId === actor.userId || actor.permissions.has("posts:edit:any")) return;
    throw new NotFoundError("note", note.id);
  }

  return {
    async list(actor, postId) {
      await requirePostAccess(deps.revisions, actor, postId);
      return { data: (await deps.postNotes.listByPost(postId)).map(toNote) };
    },

    async create(actor, postId, body) {
      await requirePostAccess(deps.revisions, actor, postId);
      const note = await deps.postNotes.create(
        { postId, authorId: actor.userId, body: body.body, anchor: body.anchor ?? null },
        now(),
      );
      return toNote(note);
    },

    async update(actor, postId, noteId, body) {
      await requirePostAccess(deps.revisions, actor, postId);
      const note = await findNote(postId, noteId);
      if (body.body !== undefined && body.body !== note.body && note.authorId !== actor.userId) {
        assertAuthorOrEditor(actor, note);
      }
      const updated = await deps.postNotes.update(
        postId,
        noteId,
        {
          body: body.body,
          // Resolving an open note stamps who and when; resolving a resolved one changes nothing.
          resolved: body.resolved === (note.resolvedAt !== null) ? undefined : body.resolved,
        },
        { actorId: actor.userId, at: now() },
      );
      if (!updated) throw new NotFoundError("note", noteId);
      return toNote(updated);
    },

    async remove(actor, postId, noteId) {
      await requirePostAccess(deps.revisions, actor, postId);
      assertAuthorOrEditor(actor, await findNote(postId, noteId));
      if (!(await deps.postNotes.delete(postId, noteId))) throw new NotFoundError("note", noteId);
    },

    async transitions(actor, postId) {
      await requirePostAccess(deps.revisions, actor, postId);
      return { data: (await deps.postTransitions.listByPost(postId)).map(toTransition) };
    },
  };
}
