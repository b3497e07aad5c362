import type { RevisionsService } from "@folio/domain";
import {
  ListRevisionsQuerySchema,
  PostHistoryParamsSchema,
  RestoreRevisionBodySchema,
  RevisionDiffQuerySchema,
  RevisionDiffSchema,
  RevisionListSchema,
  RevisionParamsSchema,
  RevisionSchema,
  StaffPostSchema,
} from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireAuth } from "../plugins/auth.js";
import { NO_STORE } from "../plugins/problem-details.js";
import { expectedVersion, postConflictResponse } from "./post-problems.js";
import { problemResponses } from "./route-schemas.js";

export const revisionsRoutes: FastifyPluginAsyncZod<{ revisions: RevisionsService }> = (
  app,
  { revisions },
) => {
  // Restore answers 409 version-conflict with `current_version`, like every staff post write.
  const tags = ["revisions"];
  const common =
    "Staff who may edit the post (its bylines with `posts:edit:own`, editors, page managers for pages); " +
    "404 for a post the caller may not work on.";

  app.get(
    "/admin/posts/:id/revisions",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "listPostRevisions",
        summary: "List a post's revisions",
        description: `Newest first, with cursor pagination; the body is left out (get one revision for it). ${common}`,
        tags,
        params: PostHistoryParamsSchema,
        querystring: ListRevisionsQuerySchema,
        response: { 200: RevisionListSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "A page of revisions" },
      },
    },
    async (request, reply) => {
      const page = await revisions.list(requireAuth(request), request.params.id, request.query);
      return reply.header("cache-control", NO_STORE).send(page);
    },
  );

  app.get(
    "/admin/posts/:id/revisions/diff",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "diffPostRevisions",
        summary: "Compare two revisions",
        description:
          "Changed fields (title, slug, excerpt, SEO, cover, taxonomy, bylines) and a word diff of the rendered " +
          `text from \`from\` to \`to\` (default: the post as it is now). ${common}`,
        tags,
        params: PostHistoryParamsSchema,
        querystring: RevisionDiffQuerySchema,
        response: { 200: RevisionDiffSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The differences" },
      },
    },
    async (request, reply) => {
      const diff = await revisions.diff(
        requireAuth(request),
        request.params.id,
        request.query.from,
        request.query.to,
      );
      return reply.header("cache-control", NO_STORE).send(diff);
    },
  );

  app.get(
    "/admin/posts/:id/revisions/:revisionId",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "getPostRevision",
        summary: "Get one revision",
        description: `The revision in full: title, slug, excerpt, body, rendered html and the other fields. ${common}`,
        tags,
        params: RevisionParamsSchema,
        response: { 200: RevisionSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The revision" },
      },
    },
    async (request, reply) => {
      const revision = await revisions.get(
        requireAuth(request),
        request.params.id,
        request.params.revisionId,
      );
      return reply.header("cache-control", NO_STORE).send(revision);
    },
  );

  app.post(
    "/admin/posts/:id/revisions/:revisionId/restore",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "restorePostRevision",
        summary: "Restore a revision",
        description:
          "Writes the revision's content and fields back into the post as a new `restore` revision, through the " +
          "same rules as an edit. Name the version you read in `version` or `If-Match`; a stale one is a 409 " +
          `\`version-conflict\` with \`current_version\`. ${common}`,
        tags,
        params: RevisionParamsSchema,
        body: RestoreRevisionBodySchema,
        response: {
          200: StaffPostSchema,
          ...problemResponses(400, 404, 500),
          409: postConflictResponse("Stale version, or the revision's slug is taken by another post"),
        },
        responseDescriptions: { 200: "The post after the restore" },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.body.version, request.headers["if-match"]);
      const post = await revisions.restore(
        requireAuth(request),
        request.params.id,
        request.params.revisionId,
        version,
      );
      return reply.header("cache-control", NO_STORE).header("etag", `"${post.version}"`).send(post);
    },
  );
  return Promise.resolve();
};
