import { isEmail } from "@folio/core";
import type { CommentRow, CommentsRepository, OutboxRepository } from "@folio/database";
import { enqueueEmail } from "../messaging/outbox.js";
import { commentPlainText } from "./comment-markdown.js";

const EXCERPT_LENGTH = 180;

export interface ReplyNotificationDeps {
  comments: Pick<CommentsRepository, "findById" | "findAuthor">;
  outbox: Pick<OutboxRepository, "enqueue">;
  /** An absolute URL of a site page. */
  link: (path: string) => string;
}

/**
 * Emails the author of the parent comment about an approved reply, in the caller's transaction.
 * Not for top-level comments, replies to oneself, deleted or inactive accounts. Deduplicated by
 * the reply's id, so a reply approved, sent back to pending and approved again notifies once.
 */
export async function enqueueReplyNotification(
  deps: ReplyNotificationDeps,
  reply: CommentRow,
  post: { slug: string; title: string },
): Promise<boolean> {
  if (reply.parentId === null || reply.status !== "approved" || reply.authorId === null) return false;
  const parent = await deps.comments.findById(reply.parentId);
  if (parent === null || parent.authorId === null || parent.authorId === reply.authorId) return false;
  if (parent.status === "spam" || parent.status === "deleted") return false;
  const recipient = await deps.comments.findAuthor(parent.authorId);
  if (recipient === null || recipient.status !== "active" || !isEmail(recipient.email)) return false;
  const replier = await deps.comments.findAuthor(reply.authorId);
  const text = commentPlainText(reply.html);
  const excerpt = text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
  return await enqueueEmail(deps.outbox, {
    to: recipient.email,
    template: "comment-reply",
    data: {
      name: recipient.displayName,
      replierName: replier?.displayName ?? "Someone",
      postTitle: post.title,
      excerpt,
      url: deps.link(`/${post.slug}#comment-${reply.id}`),
    },
    dedupeKey: `comment-reply:${reply.id}`,
  });
}
