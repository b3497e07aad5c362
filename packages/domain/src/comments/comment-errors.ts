import { FolioError } from "@folio/core";

// Problem types of comments, each with its own `type` slug (clients switch on it, e.g.
// `https://folio.dev/problems/comments-closed`).

function conflict(slug: string, title: string, detail: string) {
  return { slug, title, status: 409, detail };
}

/** The post's comments are closed (`posts.comments_enabled` is false). */
export class CommentsClosedError extends FolioError {
  constructor() {
    super(conflict("comments-closed", "Comments Closed", "Comments are closed on this post."));
  }
}

export class CommentEditWindowClosedError extends FolioError {
  constructor(minutes: number) {
    super(
      conflict(
        "edit-window-closed",
        "Edit Window Closed",
        `Comments can be edited for ${minutes} minutes after posting.`,
      ),
    );
  }
}

export class CommentAlreadyReportedError extends FolioError {
  constructor() {
    super(conflict("already-reported", "Already Reported", "You have already reported this comment."));
  }
}

export class OwnCommentReportError extends FolioError {
  constructor() {
    super(conflict("own-comment", "Own Comment", "You cannot report your own comment."));
  }
}
