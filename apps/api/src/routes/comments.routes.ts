import type { CommentsService } from "@folio/domain";
import {
  BulkModerateCommentsBodySchema,
  BulkModerateCommentsResultSchema,
  CommentCountsQuerySchema,
  CommentCountsSchema,
  CommentIdParamsSchema,
  CommentSettingsSchema,
  CreateCommentBodySchema,
  ListPublicCommentsQuerySchema,
  ListStaffCommentsQuerySchema,
  ModerateCommentBodySchema,
  OwnCommentSchema,
  PostSlugParamsSchema,
  PublicCommentListSchema,
  ReportCommentBodySchema,
  StaffCommentListSchema,
  StaffCommentSchema,
  UpdateCommentBodySchema,
  UpdateCommentSettingsBodySchema,
} from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireAuth } from "../plugins/auth.js";
import { NO_STORE } from "../plugins/problem-details.js";
import { AdminNoContentSchema, problemResponse } from "./admin-users.routes.js";
import { NoQuerySchema, PUBLIC, problemResponses } from "./route-schemas.js";

/**
 * Comments (issue 5): members comment on published posts (`comments:create`), staff moderate
 * (`comments:moderate`); changing the comment settings needs `settings:manage`.
 */
export const commentsRoutes: FastifyPluginAsyncZod<{ comments: CommentsService }> = (app, { comments }) => {
  app.get(
    "/posts/:slug/comments",
    {
      config: { permission: "public", optionalAuth: true },
      schema: {
        operationId: "listPostComments",
        summary: "List a post's approved comments",
        description:
          "Approved comments of a published post in thread order: each top-level comment followed by its " +
          "replies depth-first, oldest first. `limit` counts top-level threads. Comments of members-only posts " +
          "need a signed-in caller (401 otherwise); signed-in callers get `is_own` on each comment.",
        tags: ["comments"],
        security: PUBLIC,
        params: PostSlugParamsSchema,
        querystring: ListPublicCommentsQuerySchema,
        response: {
          200: PublicCommentListSchema,
          ...problemResponses(400, 404, 500),
          401: problemResponse("The post is for members only: sign in"),
        },
        responseDescriptions: { 200: "A page of comment threads" },
      },
    },
    async (request, reply) => {
      const viewer = request.auth;
      const list = await comments.listForPost(viewer, request.params.slug, request.query);
      if (viewer !== null) reply.header("cache-control", "private, no-store");
      return list;
    },
  );

  app.post(
    "/comments",
    {
      config: { permission: "comments:create" },
      schema: {
        operationId: "createComment",
        summary: "Comment on a post",
        description:
          "Posts a comment (markdown subset) on a published post, or a reply with `parent_id`. A reply to a " +
          "comment at the deepest level joins that comment's level. The answer says whether the comment is " +
          "`approved` or `pending` moderation. 409 `comments-closed` when the post's comments are closed; " +
          "429 with `Retry-After` past 5 comments a minute or 30 an hour.",
        tags: ["comments"],
        body: CreateCommentBodySchema,
        response: {
          201: OwnCommentSchema,
          ...problemResponses(400, 404, 429, 500),
          409: problemResponse("Comments are closed on this post"),
          422: problemResponse("The parent comment is not an approved comment of this post"),
        },
        responseDescriptions: { 201: "The new comment" },
      },
    },
    async (request, reply) => {
      const created = await comments.create(requireAuth(request), request.body);
      return reply.code(201).header("cache-control", NO_STORE).send(created);
    },
  );

  app.patch(
    "/comments/:id",
    {
      config: { permission: "comments:create" },
      schema: {
        operationId: "updateComment",
        summary: "Edit my comment",
        description:
          "Replaces the body of the caller's own comment within 15 minutes of posting (409 " +
          "`edit-window-closed` after). Anyone else's comment is a 404.",
        tags: ["comments"],
        params: CommentIdParamsSchema,
        body: UpdateCommentBodySchema,
        response: {
          200: OwnCommentSchema,
          ...problemResponses(400, 404, 500),
          409: problemResponse("The edit window has closed"),
        },
        responseDescriptions: { 200: "The edited comment" },
      },
    },
    async (request, reply) => {
      const updated = await comments.update(requireAuth(request), request.params.id, request.body);
      return reply.header("cache-control", NO_STORE).send(updated);
    },
  );

  app.delete(
    "/comments/:id",
    {
      config: { permission: "comments:create" },
      schema: {
        operationId: "deleteComment",
        summary: "Delete my comment",
        description: "Deletes the caller's own comment. Anyone else's comment is a 404.",
        tags: ["comments"],
        params: CommentIdParamsSchema,
        response: { 204: AdminNoContentSchema, ...problemResponses(400, 404, 500) },
      },
    },
    async (request, reply) => {
      await comments.remove(requireAuth(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/comments/:id/report",
    {
      config: { permission: "comments:create" },
      schema: {
        operationId: "reportComment",
        summary: "Report a comment",
        description:
          "Reports an approved comment to the moderators, once per member (409 `already-reported`; " +
          "409 `own-comment` for one's own). Enough reports (the `report_threshold` setting) send the " +
          "comment back to pending moderation.",
        tags: ["comments"],
        params: CommentIdParamsSchema,
        body: ReportCommentBodySchema,
        response: {
          204: AdminNoContentSchema,
          ...problemResponses(400, 404, 500),
          409: problemResponse("Already reported, or the caller's own comment"),
        },
      },
    },
    async (request, reply) => {
      await comments.report(requireAuth(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/admin/comments",
    {
      config: { permission: "comments:moderate" },
      schema: {
        operationId: "listCommentsForModeration",
        summary: "List comments for moderation",
        description:
          "One status at a time (`status`, default `pending`), newest first, with cursor pagination. Filter " +
          "by `post_id`; `q` matches the body or the author's name or email.",
        tags: ["comments"],
        querystring: ListStaffCommentsQuerySchema,
        response: { 200: StaffCommentListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "A page of comments" },
      },
    },
    async (request, reply) =>
      reply.header("cache-control", NO_STORE).send(await comments.listForStaff(request.query)),
  );

  app.get(
    "/admin/comments/counts",
    {
      config: { permission: "comments:moderate" },
      schema: {
        operationId: "countComments",
        summary: "Count comments per status",
        description:
          "How many comments are pending, approved, spam and deleted (of one post with `post_id`).",
        tags: ["comments"],
        querystring: CommentCountsQuerySchema,
        response: { 200: CommentCountsSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "Comment counts per status" },
      },
    },
    async (request, reply) =>
      reply.header("cache-control", NO_STORE).send(await comments.counts(request.query.post_id)),
  );

  app.patch(
    "/admin/comments/:id",
    {
      config: { permission: "comments:moderate" },
      schema: {
        operationId: "moderateComment",
        summary: "Moderate a comment",
        description:
          "Sets the comment's status (pending, approved, spam, deleted). Approving a reply emails the author " +
          "of the comment it answers (once).",
        tags: ["comments"],
        params: CommentIdParamsSchema,
        body: ModerateCommentBodySchema,
        response: { 200: StaffCommentSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The moderated comment" },
      },
    },
    (request) => comments.moderate(requireAuth(request), request.params.id, request.body.status),
  );

  app.post(
    "/admin/comments/bulk",
    {
      config: { permission: "comments:moderate" },
      schema: {
        operationId: "bulkModerateComments",
        summary: "Moderate comments in bulk",
        description:
          "Approves, marks as spam, deletes or restores (back to pending) up to 100 comments in one " +
          "transaction: all or nothing. An unknown id is a 422 naming it (`/body/ids/<index>`).",
        tags: ["comments"],
        body: BulkModerateCommentsBodySchema,
        response: {
          200: BulkModerateCommentsResultSchema,
          ...problemResponses(400, 500),
          422: problemResponse("Some comments do not exist"),
        },
        responseDescriptions: { 200: "The comments changed" },
      },
    },
    (request) => comments.bulkModerate(requireAuth(request), request.body),
  );

  app.get(
    "/admin/settings/comments",
    {
      config: { permission: "comments:moderate" },
      schema: {
        operationId: "getCommentSettings",
        summary: "Get the comment settings",
        description: "Moderation mode, deepest reply level and report threshold.",
        tags: ["comments"],
        querystring: NoQuerySchema,
        response: { 200: CommentSettingsSchema, ...problemResponses(500) },
        responseDescriptions: { 200: "The comment settings" },
      },
    },
    async (_request, reply) => reply.header("cache-control", NO_STORE).send(await comments.getSettings()),
  );

  app.patch(
    "/admin/settings/comments",
    {
      config: { permission: "settings:manage" },
      schema: {
        operationId: "updateCommentSettings",
        summary: "Change the comment settings",
        description:
          "`moderation`: `all` (every comment waits), `first` (a member's first comment waits) or `none`; " +
          "`max_depth` 0-8; `report_threshold` 1-100.",
        tags: ["comments"],
        body: UpdateCommentSettingsBodySchema,
        response: { 200: CommentSettingsSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "The new comment settings" },
      },
    },
    (request) => comments.updateSettings(requireAuth(request), request.body),
  );
  return Promise.resolve();
};
