import type { NotesService } from "@folio/domain";
import {
  CreateNoteBodySchema,
  NoteListSchema,
  NoteParamsSchema,
  NoteSchema,
  PostHistoryParamsSchema,
  TransitionListSchema,
  UpdateNoteBodySchema,
} from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireAuth } from "../plugins/auth.js";
import { NO_STORE } from "../plugins/problem-details.js";
import { AdminNoContentSchema } from "./admin-users.routes.js";
import { NoQuerySchema, problemResponses } from "./route-schemas.js";

export const notesRoutes: FastifyPluginAsyncZod<{ notes: NotesService }> = (app, { notes }) => {
  const tags = ["revisions"];
  const who = "Staff who may edit the post; 404 for a post the caller may not work on. Never public.";

  app.get(
    "/admin/posts/:id/notes",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "listPostNotes",
        summary: "List a post's editorial notes",
        description: `Oldest first, resolved ones included. ${who}`,
        tags,
        params: PostHistoryParamsSchema,
        querystring: NoQuerySchema,
        response: { 200: NoteListSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The notes" },
      },
    },
    async (request, reply) => {
      const list = await notes.list(requireAuth(request), request.params.id);
      return reply.header("cache-control", NO_STORE).send(list);
    },
  );

  app.post(
    "/admin/posts/:id/notes",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "createPostNote",
        summary: "Add an editorial note",
        description: `Optionally anchored to a passage (\`{from, to, quote}\`: editor positions and the text). ${who}`,
        tags,
        params: PostHistoryParamsSchema,
        body: CreateNoteBodySchema,
        response: { 201: NoteSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 201: "The note" },
      },
    },
    async (request, reply) => {
      const note = await notes.create(requireAuth(request), request.params.id, request.body);
      return reply.code(201).header("cache-control", NO_STORE).send(note);
    },
  );

  app.patch(
    "/admin/posts/:id/notes/:noteId",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "updatePostNote",
        summary: "Edit, resolve or reopen a note",
        description:
          "`resolved: true` resolves it (records who and when), `false` reopens it — anyone on the post may. " +
          `Only its author (or an editor) may change \`body\`. ${who}`,
        tags,
        params: NoteParamsSchema,
        body: UpdateNoteBodySchema,
        response: { 200: NoteSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The note" },
      },
    },
    async (request, reply) => {
      const note = await notes.update(
        requireAuth(request),
        request.params.id,
        request.params.noteId,
        request.body,
      );
      return reply.header("cache-control", NO_STORE).send(note);
    },
  );

  app.delete(
    "/admin/posts/:id/notes/:noteId",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "deletePostNote",
        summary: "Delete a note",
        description: `Its author, or an editor. ${who}`,
        tags,
        params: NoteParamsSchema,
        response: { 204: AdminNoContentSchema, ...problemResponses(400, 404, 500) },
      },
    },
    async (request, reply) => {
      await notes.remove(requireAuth(request), request.params.id, request.params.noteId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/admin/posts/:id/transitions",
    {
      config: { permission: "posts:edit:own" },
      schema: {
        operationId: "listPostTransitions",
        summary: "A post's workflow history",
        description: `Every status change, oldest first: action, from and to, who (null: the scheduler), comment. ${who}`,
        tags,
        params: PostHistoryParamsSchema,
        querystring: NoQuerySchema,
        response: { 200: TransitionListSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The transitions" },
      },
    },
    async (request, reply) => {
      const list = await notes.transitions(requireAuth(request), request.params.id);
      return reply.header("cache-control", NO_STORE).send(list);
    },
  );
  return Promise.resolve();
};
