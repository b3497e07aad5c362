import { uuidv7 } from "@folio/core";
import { and, asc, eq } from "drizzle-orm";
import { postNotes, type PostNoteRow } from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";
import type { AuthorRef } from "./post-relations.js";
import { loadAuthorRefs } from "./revisions.repository.js";

export type PostNoteRecord = PostNoteRow & { author: AuthorRef | null; resolver: AuthorRef | null };

export interface NewPostNote {
  postId: string;
  authorId: string;
  body: string;
  anchor: { from: number; to: number; quote: string } | null;
}

export interface PostNoteChanges {
  body?: string | undefined;
  /** true resolves (by `actorId`, at `at`), false reopens. */
  resolved?: boolean | undefined;
}

/** Staff-only editorial notes on a post: oldest first, with their author and resolver. */
export class PostNotesRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  private async withPeople(rows: PostNoteRow[]): Promise<PostNoteRecord[]> {
    const people = await loadAuthorRefs(
      this.access.write,
      rows.flatMap((row) => [row.authorId, row.resolvedBy]),
    );
    return rows.map((row) => ({
      ...row,
      author: (row.authorId === null ? undefined : people.get(row.authorId)) ?? null,
      resolver: (row.resolvedBy === null ? undefined : people.get(row.resolvedBy)) ?? null,
    }));
  }

  async listByPost(postId: string): Promise<PostNoteRecord[]> {
    const rows = await this.access.write
      .select()
      .from(postNotes)
      .where(eq(postNotes.postId, postId))
      .orderBy(asc(postNotes.createdAt), asc(postNotes.id));
    return this.withPeople(rows);
  }

  /** One note of one post (null when it belongs to another post or does not exist). */
  async find(postId: string, noteId: string): Promise<PostNoteRecord | null> {
    const rows = await this.access.write
      .select()
      .from(postNotes)
      .where(and(eq(postNotes.postId, postId), eq(postNotes.id, noteId)))
      .limit(1);
    const [record] = await this.withPeople(rows);
    return record ?? null;
  }

  async create(note: NewPostNote, at: Date): Promise<PostNoteRecord> {
    const rows = await this.access.write
      .insert(postNotes)
      .values({
        id: uuidv7(),
        postId: note.postId,
        authorId: note.authorId,
        body: note.body,
        anchor: note.anchor,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    const [record] = await this.withPeople(rows);
    if (!record) throw new Error("insert into post_notes returned no row");
    return record;
  }

  /** Applies the changes; null when the note is not (or no longer) there. */
  async update(
    postId: string,
    noteId: string,
    changes: PostNoteChanges,
    by: { actorId: string; at: Date },
  ): Promise<PostNoteRecord | null> {
    const set: Partial<typeof postNotes.$inferInsert> = { updatedAt: by.at };
    if (changes.body !== undefined) set.body = changes.body;
    if (changes.resolved === true) {
      set.resolvedAt = by.at;
      set.resolvedBy = by.actorId;
    } else if (changes.resolved === false) {
      set.resolvedAt = null;
      set.resolvedBy = null;
    }
    const rows = await this.access.write
      .update(postNotes)
      .set(set)
      .where(and(eq(postNotes.postId, postId), eq(postNotes.id, noteId)))
      .returning();
    const [record] = await this.withPeople(rows);
    return record ?? null;
  }

  async delete(postId: string, noteId: string): Promise<boolean> {
    const rows = await this.access.write
      .delete(postNotes)
      .where(and(eq(postNotes.postId, postId), eq(postNotes.id, noteId)))
      .returning({ id: postNotes.id });
    return rows.length > 0;
  }
}
