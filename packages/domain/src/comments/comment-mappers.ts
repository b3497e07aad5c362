import type { CommentRecord } from "@folio/database";
import type { OwnComment, PublicComment, StaffComment } from "@folio/types";

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** A comment as readers see it; `viewerId` adds `is_own` for signed-in callers. */
export function toPublicComment(record: CommentRecord, viewerId?: string | null): PublicComment {
  const comment: PublicComment = {
    id: record.id,
    post_id: record.postId,
    parent_id: record.parentId,
    depth: record.depth,
    author:
      record.author === null
        ? null
        : {
            display_name: record.author.displayName,
            slug: record.author.slug,
            avatar_url: record.author.avatarUrl,
          },
    html: record.html,
    created_at: record.createdAt.toISOString(),
    edited_at: iso(record.editedAt),
  };
  if (viewerId !== undefined && viewerId !== null) comment.is_own = record.authorId === viewerId;
  return comment;
}

/** What the author of a comment gets back from their own writes: with its moderation state. */
export function toOwnComment(record: CommentRecord): OwnComment {
  return {
    ...toPublicComment(record, record.authorId),
    status: record.status,
    body_markdown: record.bodyMarkdown,
  };
}

export function toStaffComment(record: CommentRecord): StaffComment {
  const { is_own: _ignored, ...base } = toPublicComment(record);
  return {
    ...base,
    status: record.status,
    body_markdown: record.bodyMarkdown,
    report_count: record.reportCount,
    post: record.post,
    author_id: record.authorId,
    author_email: record.author?.email ?? null,
    moderated_at: iso(record.moderatedAt),
    updated_at: record.updatedAt.toISOString(),
  };
}
