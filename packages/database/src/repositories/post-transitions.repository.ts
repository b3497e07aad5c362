import { asc, eq } from "drizzle-orm";
import { postTransitions, type PostTransitionRow } from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";
import type { AuthorRef } from "./post-relations.js";
import { loadAuthorRefs } from "./revisions.repository.js";

export type PostTransitionRecord = PostTransitionRow & { actor: AuthorRef | null };

/**
 * The read side of a post's workflow history; the posts service records each transition in the
 * transaction that changes the status.
 */
export class PostTransitionsRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  /** Oldest first: the order the post went through them. */
  async listByPost(postId: string): Promise<PostTransitionRecord[]> {
    const rows = await this.access
      .read()
      .select()
      .from(postTransitions)
      .where(eq(postTransitions.postId, postId))
      .orderBy(asc(postTransitions.createdAt), asc(postTransitions.id));
    const actors = await loadAuthorRefs(
      this.access.read(),
      rows.map((row) => row.actorId),
    );
    return rows.map((row) => ({
      ...row,
      actor: (row.actorId === null ? undefined : actors.get(row.actorId)) ?? null,
    }));
  }
}
