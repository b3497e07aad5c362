import { isPlainObject, isUuid } from "@folio/core";
import {
  type AnyJobHandler,
  InvalidJobPayloadError,
  type JobHandler,
  type JobsLogger,
} from "./job-runner.js";
import type { JobPayloads } from "./job-topics.js";
import type { WebRevalidator } from "./web-revalidate.js";

/**
 * The posts operations the publishing jobs call (`services.postsAdmin`). Each is idempotent and
 * acts only when the post is still in the state the job was enqueued for.
 */
export interface PublishingJobsTarget {
  /** Publishes the post when it is still `scheduled` with exactly this `published_at`. */
  publishDue(postId: string, publishAtIso: string): Promise<unknown>;
  /** Archives the post when it is `published` with exactly this `unpublish_at`. */
  unpublishDue(postId: string, unpublishAtIso: string): Promise<unknown>;
  /** Purges trashed posts trashed before `olderThan`. */
  purgeTrash(olderThan: Date): Promise<unknown>;
}

export interface PublishingJobsOptions {
  posts: PublishingJobsTarget;
  revalidator: WebRevalidator;
  logger?: JobsLogger | undefined;
}

function object(raw: unknown): Record<string, unknown> {
  if (!isPlainObject(raw)) throw new InvalidJobPayloadError("payload is not an object");
  return raw;
}

function timestamp(value: unknown, name: string): string {
  if (typeof value !== "string" || Number.isNaN(Date.parse(value))) {
    throw new InvalidJobPayloadError(`payload.${name} is not a timestamp`);
  }
  return value;
}

function postId(value: unknown): string {
  if (!isUuid(value)) throw new InvalidJobPayloadError("payload.postId is not a post id");
  return value;
}

function strings(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new InvalidJobPayloadError(`payload.${name} is not a list of strings`);
  }
  return value;
}

export function publishPostJob(posts: PublishingJobsTarget): JobHandler<"post.publish"> {
  return {
    name: "post.publish",
    version: 1,
    payload(raw): JobPayloads["post.publish"] {
      const p = object(raw);
      return { postId: postId(p.postId), publishAt: timestamp(p.publishAt, "publishAt") };
    },
    async run(payload) {
      await posts.publishDue(payload.postId, payload.publishAt);
    },
  };
}

export function unpublishPostJob(posts: PublishingJobsTarget): JobHandler<"post.unpublish"> {
  return {
    name: "post.unpublish",
    version: 1,
    payload(raw): JobPayloads["post.unpublish"] {
      const p = object(raw);
      return { postId: postId(p.postId), unpublishAt: timestamp(p.unpublishAt, "unpublishAt") };
    },
    async run(payload) {
      await posts.unpublishDue(payload.postId, payload.unpublishAt);
    },
  };
}

export function purgeTrashJob(posts: PublishingJobsTarget): JobHandler<"posts.purge-trash"> {
  return {
    name: "posts.purge-trash",
    version: 1,
    payload(raw): JobPayloads["posts.purge-trash"] {
      return { olderThan: timestamp(object(raw).olderThan, "olderThan") };
    },
    async run(payload) {
      await posts.purgeTrash(new Date(payload.olderThan));
    },
  };
}

export function webRevalidateJob(
  revalidator: WebRevalidator,
  logger?: JobsLogger,
): JobHandler<"web.revalidate"> {
  return {
    name: "web.revalidate",
    version: 1,
    // The request itself has its own (shorter) timeout; this bounds retries of a slow web app.
    timeoutMs: 30_000,
    payload(raw): JobPayloads["web.revalidate"] {
      const p = object(raw);
      return { paths: strings(p.paths, "paths"), tags: strings(p.tags, "tags") };
    },
    async run(payload, context) {
      if (!revalidator.enabled) {
        logger?.debug?.(
          { jobId: context.jobId, ...payload },
          "web revalidation skipped: WEB_REVALIDATE_URL unset",
        );
        return;
      }
      await revalidator.revalidate(payload, context.signal);
    },
  };
}

/** The handlers of the publishing topics (scheduled publish/unpublish, trash purge, web revalidation). */
export function publishingJobHandlers(options: PublishingJobsOptions): AnyJobHandler[] {
  return [
    publishPostJob(options.posts),
    unpublishPostJob(options.posts),
    purgeTrashJob(options.posts),
    webRevalidateJob(options.revalidator, options.logger),
  ];
}
