import multipart from "@fastify/multipart";
import {
  BadRequestError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
  isFolioError,
} from "@folio/core";
import type { MediaService } from "@folio/domain";
import {
  ListMediaQuerySchema,
  MediaIdParamsSchema,
  MediaListSchema,
  MediaSchema,
  MediaUploadFieldsSchema,
  UpdateMediaBodySchema,
  type Media,
} from "@folio/types";
import type { FastifyPluginAsync } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireAuth } from "../plugins/auth.js";
import { AdminNoContentSchema, problemResponse } from "./admin-users.routes.js";
import { problemResponses } from "./route-schemas.js";

export interface MediaRoutesOptions {
  media: MediaService;
}

/** Text parts besides `file` (only `alt` today); a few spare so a stray one gets a clear 400. */
const MAX_FIELDS = 5;
const MAX_FIELD_BYTES = 4096;

/** @fastify/multipart's own errors → our problems (its status texts say little). */
function multipartProblem(error: unknown, maxBytes: number): unknown {
  if (isFolioError(error) || !(error instanceof Error)) return error;
  switch ((error as Error & { code?: string }).code) {
    case "FST_REQ_FILE_TOO_LARGE":
      return new PayloadTooLargeError(maxBytes);
    case "FST_FILES_LIMIT":
      return new BadRequestError("Send one file per request (in the `file` field).");
    case "FST_PARTS_LIMIT":
    case "FST_FIELDS_LIMIT":
      return new BadRequestError("The form has too many fields; send `alt` and `file` only.");
    case "FST_PROTO_VIOLATION":
    case "FST_MP_PREMATURE_CLOSE":
      return new BadRequestError("The multipart body is malformed or incomplete.");
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return new UnsupportedMediaTypeError();
    default:
      return error;
  }
}

const mediaAdminRoutes: FastifyPluginAsyncZod<MediaRoutesOptions> = async (app, { media }) => {
  const tags = ["media"];
  // Scoped to this plugin: the multipart parser exists for these routes only, the JSON parser of
  // every other route is untouched. One more byte than the limit reaches the service, which
  // answers 413 itself while streaming (busboy would silently truncate otherwise).
  await app.register(multipart, {
    limits: {
      fileSize: media.maxBytes + 1,
      files: 1,
      fields: MAX_FIELDS,
      fieldSize: MAX_FIELD_BYTES,
      parts: MAX_FIELDS + 1,
      headerPairs: 100,
    },
    throwFileSizeLimit: false,
  });

  app.post(
    "/admin/media",
    {
      config: { permission: "media:upload" },
      schema: {
        operationId: "uploadMedia",
        summary: "Upload a file to the media library",
        description:
          "`multipart/form-data` with one `file` part and an optional `alt` text part sent before it. " +
          "The file streams to disk; its type is detected from the content (JPEG, PNG, WebP, AVIF, GIF, PDF; " +
          "no SVG). 413 past `MEDIA_MAX_BYTES`; 415 `unsupported-media-type` for other types and " +
          "415 `media-type-mismatch` when the content disagrees with the part's Content-Type or the " +
          "name's extension; 422 `unreadable-image` for corrupt images. Images are re-encoded without " +
          "metadata (EXIF/GPS) and get WebP and AVIF variants (320–2400 px wide, never wider than " +
          "the original). Nothing is kept when anything fails.",
        tags,
        consumes: ["multipart/form-data"],
        response: {
          201: MediaSchema,
          ...problemResponses(400, 500),
          413: problemResponse("The file is larger than MEDIA_MAX_BYTES"),
          415: problemResponse("The file's type is not accepted or does not match its name/Content-Type"),
          422: problemResponse("The image cannot be decoded"),
        },
        responseDescriptions: { 201: "Uploaded" },
      },
    },
    async (request, reply) => {
      const actor = requireAuth(request);
      if (!request.isMultipart()) throw new UnsupportedMediaTypeError(request.headers["content-type"]);
      const fields: Record<string, string> = {};
      let created: Media | null = null;
      try {
        for await (const part of request.parts()) {
          if (part.type === "field") {
            if (created !== null)
              throw new ValidationError([
                { pointer: `/body/${part.fieldname}`, detail: "must come before the file part" },
              ]);
            fields[part.fieldname] = typeof part.value === "string" ? part.value : String(part.value);
            continue;
          }
          if (part.fieldname !== "file" || created !== null) {
            part.file.resume();
            throw new BadRequestError("Send one file per request, in the `file` field.");
          }
          const parsed = MediaUploadFieldsSchema.safeParse(fields);
          if (!parsed.success) {
            part.file.resume();
            throw new ValidationError(
              parsed.error.issues.map((issue) => {
                const name = issue.code === "unrecognized_keys" ? issue.keys[0] : issue.path.join("/");
                return { pointer: `/body/${name ?? ""}`, detail: issue.message };
              }),
            );
          }
          created = await media.upload(actor, {
            file: part.file,
            filename: part.filename,
            contentType: part.mimetype,
            alt: parsed.data.alt,
          });
        }
      } catch (error) {
        // Something after the file (a second file, a late field, a broken body): keep nothing.
        if (created !== null) await media.delete(actor, created.id).catch(() => undefined);
        throw multipartProblem(error, media.maxBytes);
      }
      if (created === null)
        throw new ValidationError([{ pointer: "/body/file", detail: "is required (one file part)" }]);
      return reply.code(201).header("location", `/api/v1/admin/media/${created.id}`).send(created);
    },
  );

  app.get(
    "/admin/media",
    {
      config: { permission: "media:upload" },
      schema: {
        operationId: "listMedia",
        summary: "List the media library",
        description:
          "Newest first with cursor pagination. `q` matches the file name or alt text " +
          "(case-insensitive substring); `type=image` leaves out PDFs.",
        tags,
        querystring: ListMediaQuerySchema,
        response: { 200: MediaListSchema, ...problemResponses(400, 500) },
        responseDescriptions: { 200: "A page of media" },
      },
    },
    (request) => media.list(request.query),
  );

  app.get(
    "/admin/media/:id",
    {
      config: { permission: "media:upload" },
      schema: {
        operationId: "getMedia",
        summary: "Get a media item",
        tags,
        params: MediaIdParamsSchema,
        response: { 200: MediaSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The media item" },
      },
    },
    (request) => media.get(request.params.id),
  );

  app.patch(
    "/admin/media/:id",
    {
      config: { permission: "media:upload" },
      schema: {
        operationId: "updateMedia",
        summary: "Edit alt text, caption or focal point",
        description:
          "The uploader may edit their own files; `media:manage` edits any. Focal point values are " +
          "fractions of the width and height (0..1).",
        tags,
        params: MediaIdParamsSchema,
        body: UpdateMediaBodySchema,
        response: { 200: MediaSchema, ...problemResponses(400, 404, 500) },
        responseDescriptions: { 200: "The updated media item" },
      },
    },
    (request) => media.update(requireAuth(request), request.params.id, request.body),
  );

  app.delete(
    "/admin/media/:id",
    {
      config: { permission: "media:upload" },
      schema: {
        operationId: "deleteMedia",
        summary: "Delete a media item and its files",
        description:
          "The uploader may delete their own files; `media:manage` deletes any. 409 `media-in-use` while " +
          "a post (trashed ones included) uses it as its cover or as an image in its body.",
        tags,
        params: MediaIdParamsSchema,
        response: {
          204: AdminNoContentSchema,
          ...problemResponses(400, 404, 500),
          409: problemResponse("A post uses the file"),
        },
        responseDescriptions: { 204: "Deleted" },
      },
    },
    async (request, reply) => {
      await media.delete(requireAuth(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

/** A year: keys contain the content hash, so a URL's bytes never change. */
const IMMUTABLE = "public, max-age=31536000, immutable";

const mediaFileRoutes: FastifyPluginAsync<MediaRoutesOptions> = (app, { media }) => {
  app.get(
    "/media/*",
    {
      config: { permission: "public" },
      // The bytes of the library, not part of the JSON API (described in docs/guides/media.md).
      schema: { hide: true },
    },
    async (request, reply) => {
      const key = (request.params as { "*": string })["*"];
      const file = await media.openFile(key);
      if (file === null) throw new NotFoundError("file", key);
      reply
        .header("content-type", file.contentType)
        .header("content-length", String(file.size))
        .header("cache-control", IMMUTABLE)
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'")
        // Public assets, embedded by other sites and feed readers.
        .header("cross-origin-resource-policy", "cross-origin");
      // Only images display inline; anything else (PDF) downloads.
      if (!file.contentType.startsWith("image/")) reply.header("content-disposition", "attachment");
      return reply.send(file.body);
    },
  );
  return Promise.resolve();
};

/**
 * The media library: staff routes under /api/v1/admin/media and the files at /media/<key>.
 * Registered with one line in app.ts (no prefix: each part sets its own).
 */
export const mediaRoutes: FastifyPluginAsync<MediaRoutesOptions> = async (app, options) => {
  await app.register(mediaAdminRoutes, { prefix: "/api/v1", media: options.media });
  await app.register(mediaFileRoutes, { media: options.media });
};
