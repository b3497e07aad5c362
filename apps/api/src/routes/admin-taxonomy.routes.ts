import type { TaxonomyAdminService } from "@folio/domain";
import {
  CategoryIdParamsSchema,
  CategoryInputSchema,
  CategoryListSchema,
  CategoryPatchSchema,
  CategorySchema,
  TagIdParamsSchema,
  TagInputSchema,
  TagListSchema,
  TagMergeBodySchema,
  TagMergeResultSchema,
  TagPatchSchema,
  TagSchema,
} from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireAuth } from "../plugins/auth.js";
import { AdminNoContentSchema, problemResponse } from "./admin-users.routes.js";
import { NoQuerySchema, problemResponses } from "./route-schemas.js";

const SLUG_TAKEN = problemResponse("The slug is taken (`slug-taken`)");
const UNPROCESSABLE = problemResponse(
  "A referenced category or tag does not exist, or the change makes a cycle",
);

/** Staff management of tags and categories (`taxonomy:manage`). Public reads stay at /tags, /categories. */
export const adminTaxonomyRoutes: FastifyPluginAsyncZod<{ taxonomyAdmin: TaxonomyAdminService }> = (
  app,
  { taxonomyAdmin },
) => {
  const tags = ["taxonomy"];

  app.get(
    "/admin/tags",
    {
      config: { permission: "taxonomy:manage" },
      schema: {
        operationId: "adminListTags",
        summary: "List tags (staff)",
        description: "Every tag with its published post count, never from a cache.",
        tags,
        querystring: NoQuerySchema,
        response: { 200: TagListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "All tags" },
      },
    },
    () => taxonomyAdmin.listTags(),
  );

  app.post(
    "/admin/tags",
    {
      config: { permission: "taxonomy:manage" },
      schema: {
        operationId: "createTag",
        summary: "Create a tag",
        description:
          "Without `slug`, one is generated from the name (de-duplicated with `-2`, `-3`…). " +
          "An explicit slug that is taken is a 409 `slug-taken`.",
        tags,
        body: TagInputSchema,
        response: { 201: TagSchema, ...problemResponses(400, 500), 409: SLUG_TAKEN },
        responseDescriptions: { 201: "Created" },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await taxonomyAdmin.createTag(requireAuth(request), request.body)),
  );

  app.patch(
    "/admin/tags/:id",
    {
      config: { permission: "taxonomy:manage" },
      schema: {
        operationId: "updateTag",
        summary: "Change or rename a tag",
        description:
          "A new slug keeps a 301 redirect from `/tag/<old>` to `/tag/<new>` and revalidates both archives.",
        tags,
        params: TagIdParamsSchema,
        body: TagPatchSchema,
        response: { 200: TagSchema, ...problemResponses(400, 404, 500), 409: SLUG_TAKEN },
        responseDescriptions: { 200: "The updated tag" },
      },
    },
    (request) => taxonomyAdmin.updateTag(requireAuth(request), request.params.id, request.body),
  );

  app.delete(
    "/admin/tags/:id",
    {
      config: { permission: "taxonomy:manage" },
      schema: {
        operationId: "deleteTag",
        summary: "Delete a tag",
        description: "Removes the tag from every post and deletes it.",
        tags,
        params: TagIdParamsSchema,
        response: { 204: AdminNoContentSchema, ...problemResponses(400, 404, 500) },
      },
    },
    async (request, reply) => {
      await taxonomyAdmin.deleteTag(requireAuth(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/admin/tags/:id/merge",
    {
      config: { permission: "taxonomy:manage" },
      schema: {
        operationId: "mergeTag",
        summary: "Merge a tag into another",
        description:
          "In one transaction: every post of this tag gets `into_id` (no duplicates), this tag is deleted and " +
          "`/tag/<this>` redirects to `/tag/<into>`. 422 at `/body/into_id` for itself or an unknown tag.",
        tags,
        params: TagIdParamsSchema,
        body: TagMergeBodySchema,
        response: { 200: TagMergeResultSchema, ...problemResponses(400, 404, 500), 422: UNPROCESSABLE },
        responseDescriptions: { 200: "The surviving tag and what moved" },
      },
    },
    (request) => taxonomyAdmin.mergeTag(requireAuth(request), request.params.id, request.body),
  );

  app.get(
    "/admin/categories",
    {
      config: { permission: "taxonomy:manage" },
      schema: {
        operationId: "adminListCategories",
        summary: "List categories (staff)",
        description: "Every category in tree order with positions and post counts, never from a cache.",
        tags,
        querystring: NoQuerySchema,
        response: { 200: CategoryListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "All categories" },
      },
    },
    () => taxonomyAdmin.listCategories(),
  );

  app.post(
    "/admin/categories",
    {
      config: { permission: "taxonomy:manage" },
      schema: {
        operationId: "createCategory",
        summary: "Create a category",
        description:
          "`parent_id` nests it (422 for an unknown parent); `position` places it among its siblings " +
          "(default: last). Slugs as for tags.",
        tags,
        body: CategoryInputSchema,
        response: {
          201: CategorySchema,
          ...problemResponses(400, 500),
          409: SLUG_TAKEN,
          422: UNPROCESSABLE,
        },
        responseDescriptions: { 201: "Created" },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await taxonomyAdmin.createCategory(requireAuth(request), request.body)),
  );

  app.patch(
    "/admin/categories/:id",
    {
      config: { permission: "taxonomy:manage" },
      schema: {
        operationId: "updateCategory",
        summary: "Change, move or reorder a category",
        description:
          "Moving under itself or one of its sub-categories is a 422 at `/body/parent_id`. `position` moves it " +
          "to that index among its siblings. A new slug keeps a 301 redirect from `/category/<old>`.",
        tags,
        params: CategoryIdParamsSchema,
        body: CategoryPatchSchema,
        response: {
          200: CategorySchema,
          ...problemResponses(400, 404, 500),
          409: SLUG_TAKEN,
          422: UNPROCESSABLE,
        },
        responseDescriptions: { 200: "The updated category" },
      },
    },
    (request) => taxonomyAdmin.updateCategory(requireAuth(request), request.params.id, request.body),
  );

  app.delete(
    "/admin/categories/:id",
    {
      config: { permission: "taxonomy:manage" },
      schema: {
        operationId: "deleteCategory",
        summary: "Delete a category",
        description:
          "409 `category-has-children` while it has sub-categories. Posts lose the category (and it stops " +
          "being their primary category).",
        tags,
        params: CategoryIdParamsSchema,
        response: {
          204: AdminNoContentSchema,
          ...problemResponses(400, 404, 500),
          409: problemResponse("The category has sub-categories"),
        },
      },
    },
    async (request, reply) => {
      await taxonomyAdmin.deleteCategory(requireAuth(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  return Promise.resolve();
};
