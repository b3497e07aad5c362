import type { PostsAdminService } from "@folio/domain";
import {
  DeletePostQuerySchema,
  ListStaffPostsQuerySchema,
  PostInputSchema,
  PostPatchSchema,
  StaffPostCountsQuerySchema,
  StaffPostCountsSchema,
  StaffPostIdParamsSchema,
  StaffPostListSchema,
  StaffPostSchema,
  WorkflowActionBodySchema,
  WorkflowActionParamsSchema,
  type StaffPost,
} from "@folio/types";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireAuth } from "../plugins/auth.js";
import { NO_STORE } from "../plugins/problem-details.js";
import { expectedVersion, optionalVersion, postConflictResponse } from "./post-problems.js";
import { NoQuerySchema, problemResponses } from "./route-schemas.js";

// The staff posts API (issue 5): /admin/posts and /admin/pages lists, CRUD, the workflow actions,
// trash and restore. Who may do what on which post is decided by @folio/domain (posts/workflow.ts):
// the route permission is only the entry ticket.

const NoContentSchema = z.null().meta({ description: "No content" });

const VERSION_NOTE =
  'Name the version you read in `version` or `If-Match: "<version>"`; a stale one is a 409 ' +
  "`version-conflict` with `current_version`. The response carries the new `version` and `ETag`.";
const ACCESS_NOTE =
  "Contributors and authors reach only posts they author (others answer 404); pages need `pages:manage`.";

function sendPost(reply: FastifyReply, post: StaffPost, status = 200) {
  return reply.code(status).header("cache-control", NO_STORE).header("etag", `"${post.version}"`).send(post);
}

export const adminPostsRoutes: FastifyPluginAsyncZod<{ postsAdmin: PostsAdminService }> = (
  app,
  { postsAdmin },
) => {
  const tags = ["admin-posts"];

  for (const type of ["post", "page"] as const) {
    const plural = `${type}s`;
    app.get(
      `/admin/${plural}`,
      {
        config: { permission: type === "post" ? "posts:edit:own" : "pages:manage" },
        schema: {
          operationId: type === "post" ? "listStaffPosts" : "listStaffPages",
          summary: `List ${plural} (staff)`,
          description:
            `Every ${type} in any status, newest edit first by default. Filters: \`status\` (comma list), ` +
            "`author` (id or slug), `tag`, `category`, `from`/`to` (updated_at, or published_at with " +
            "`date=published`), `featured`, `q` (title substring), `trashed=true` (the trash only). " +
            "`sort`, cursor pagination, `include` (authors,tags) and `fields` (keys to return). " +
            ACCESS_NOTE,
          tags,
          querystring: ListStaffPostsQuerySchema,
          response: { 200: StaffPostListSchema, ...problemResponses(400, 500) },
          responseDescriptions: { 200: `A page of ${plural}` },
        },
      },
      (request) => postsAdmin.list(requireAuth(request), type, request.query),
    );

    app.post(
      `/admin/${plural}`,
      {
        config: { permission: type === "post" ? "posts:create" : "pages:manage" },
        schema: {
          operationId: type === "post" ? "createPost" : "createPage",
          summary: `Create a ${type}`,
          description:
            `Creates a draft ${type}. The slug is generated from the title when left out (de-duplicated ` +
            "with -2, -3); an explicit slug that is taken is a 409 `slug-taken`, a reserved one a 422. " +
            "Unknown category, tag, author or media ids are a 422 naming the field. Authors default to " +
            "the caller; only editors may name others.",
          tags,
          querystring: NoQuerySchema,
          body: PostInputSchema,
          response: {
            201: StaffPostSchema,
            ...problemResponses(400, 500),
            409: postConflictResponse("The slug is taken"),
            422: postConflictResponse("An unknown category, tag, author or media id, or a reserved slug"),
          },
          responseDescriptions: { 201: `The new ${type}` },
        },
      },
      async (request, reply) =>
        sendPost(reply, await postsAdmin.create(requireAuth(request), type, request.body), 201),
    );
  }

  app.get(
    "/admin/posts/counts",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "countStaffPosts",
        summary: "Count posts per status",
        description: `Posts (or with \`type=page\`, pages) per status, and in the trash. ${ACCESS_NOTE}`,
        tags,
        querystring: StaffPostCountsQuerySchema,
        response: { 200: StaffPostCountsSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "Counts per status" },
      },
    },
    (request) => postsAdmin.counts(requireAuth(request), request.query.type),
  );

  app.get(
    "/admin/posts/:id",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "getStaffPost",
        summary: "Get a post or page (staff)",
        description:
          "The post in any status with its body, workflow state and what the caller may do " +
          `(\`allowed_actions\`, \`can_edit\`, \`can_delete\`). The strong ETag is \`"<version>"\`. ${ACCESS_NOTE}`,
        tags,
        params: StaffPostIdParamsSchema,
        querystring: NoQuerySchema,
        response: { 200: StaffPostSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The post" },
      },
    },
    async (request, reply) => sendPost(reply, await postsAdmin.get(requireAuth(request), request.params.id)),
  );

  app.patch(
    "/admin/posts/:id",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "updatePost",
        summary: "Edit a post or page",
        description:
          "Changes the named fields. Each save adds a revision; `autosave: true` instead overwrites the " +
          "caller's single autosave revision. Changing the slug of a live post keeps a 301 from the old " +
          `path. Contributors edit their own drafts only. ${VERSION_NOTE} ${ACCESS_NOTE}`,
        tags,
        params: StaffPostIdParamsSchema,
        querystring: NoQuerySchema,
        body: PostPatchSchema,
        response: {
          200: StaffPostSchema,
          ...problemResponses(400, 404, 500),
          409: postConflictResponse(
            "Stale version (`current_version`), slug taken, or the post is in the trash",
          ),
          422: postConflictResponse("An unknown category, tag, author or media id, or a reserved slug"),
        },
        responseDescriptions: { 200: "The post after the edit" },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.body.version, request.headers["if-match"]);
      const post = await postsAdmin.update(requireAuth(request), request.params.id, request.body, {
        expectedVersion: version,
        revisionKind: request.body.autosave === true ? "autosave" : "save",
      });
      return sendPost(reply, post);
    },
  );

  app.delete(
    "/admin/posts/:id",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "deletePost",
        summary: "Move a post or page to the trash, or purge it",
        description:
          "Moves it to the trash (off the site, status kept) and answers the post. With `permanent=true` " +
          "a post already in the trash is deleted for good (needs `posts:delete:any`) and the answer is 204. " +
          `\`If-Match\` is honoured when sent. ${ACCESS_NOTE}`,
        tags,
        params: StaffPostIdParamsSchema,
        querystring: DeletePostQuerySchema,
        response: {
          200: StaffPostSchema,
          204: NoContentSchema,
          ...problemResponses(400, 404, 500),
          409: postConflictResponse("Stale version, already in the trash, or (permanent) not in the trash"),
        },
        responseDescriptions: { 200: "The post, now in the trash", 204: "Purged" },
      },
    },
    async (request, reply) => {
      const actor = requireAuth(request);
      if (request.query.permanent === true) {
        await postsAdmin.purge(actor, request.params.id);
        return reply.code(204).header("cache-control", NO_STORE).send(null);
      }
      const version = optionalVersion(request.headers["if-match"]);
      return sendPost(reply, await postsAdmin.trash(actor, request.params.id, version));
    },
  );

  app.post(
    "/admin/posts/:id/restore",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "restorePost",
        summary: "Restore a post or page from the trash",
        description: `Brings it back as a \`draft\`. \`If-Match\` is honoured when sent. ${ACCESS_NOTE}`,
        tags,
        params: StaffPostIdParamsSchema,
        querystring: NoQuerySchema,
        response: {
          200: StaffPostSchema,
          ...problemResponses(400, 404, 500),
          409: postConflictResponse("Stale version, or the post is not in the trash"),
        },
        responseDescriptions: { 200: "The restored draft" },
      },
    },
    async (request, reply) => {
      const version = optionalVersion(request.headers["if-match"]);
      return sendPost(reply, await postsAdmin.restore(requireAuth(request), request.params.id, version));
    },
  );

  app.post(
    "/admin/posts/:id/:action",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "transitionPost",
        summary: "Take a workflow action",
        description:
          "`submit` (draft → in_review), `withdraw` (→ draft), `approve` (in_review → approved), `reject` " +
          "(→ draft, `comment` required), `publish` (now; optional `unpublish_at`), `schedule` (`publish_at` in " +
          "the future; optional `unpublish_at`), `unschedule`, `unpublish` (→ draft), `archive`, `unarchive`. " +
          "Contributors submit and withdraw their own posts; authors also publish, schedule, unpublish and " +
          "archive their own; editors do everything. An action that does not apply to the current status is " +
          "a 409 `illegal-transition` with `status_from` and `allowed_actions`; one the caller may not take " +
          `is a 403. ${VERSION_NOTE}`,
        tags,
        params: WorkflowActionParamsSchema,
        querystring: NoQuerySchema,
        body: WorkflowActionBodySchema.optional(),
        response: {
          200: StaffPostSchema,
          ...problemResponses(400, 404, 500),
          409: postConflictResponse(
            "Illegal transition (`status_from`, `allowed_actions`) or stale version (`current_version`)",
          ),
        },
        responseDescriptions: { 200: "The post after the action" },
      },
    },
    async (request, reply) => {
      const body = request.body ?? {};
      const version = expectedVersion(body.version, request.headers["if-match"]);
      const post = await postsAdmin.transition(
        requireAuth(request),
        request.params.id,
        request.params.action,
        {
          ...body,
          expectedVersion: version,
        },
      );
      return sendPost(reply, post);
    },
  );
  return Promise.resolve();
};
