import { tmpdir } from "node:os";
import path from "node:path";
import type { CursorCodec } from "@folio/core";
import type { Database } from "@folio/database";
import { createLocalDiskStorage } from "./local-disk-storage.js";
import type { MediaStorage } from "./media-storage.js";
import { createMediaService, type MediaService } from "./media.service.js";
import { createS3Storage } from "./s3-storage.js";

/** The media configuration (`config.media` from @folio/config has this shape). */
export interface MediaOptions {
  storage: "local" | "s3";
  dir: string;
  maxBytes: number;
  publicUrl: string | null;
  s3: {
    endpoint: string | null;
    region: string;
    bucket: string;
    accessKeyId: string | null;
    secretAccessKey: { reveal(): string } | null;
    forcePathStyle: boolean;
  } | null;
}

/** 20 MiB, as MEDIA_MAX_BYTES defaults to. */
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** The storage adapter the configuration names. */
export function createMediaStorage(options: MediaOptions): MediaStorage {
  if (options.storage === "s3") {
    if (options.s3 === null) throw new Error("MEDIA_STORAGE=s3 needs the S3_* settings");
    return createS3Storage({
      endpoint: options.s3.endpoint,
      region: options.s3.region,
      bucket: options.s3.bucket,
      accessKeyId: options.s3.accessKeyId,
      secretAccessKey: options.s3.secretAccessKey?.reveal() ?? null,
      forcePathStyle: options.s3.forcePathStyle,
    });
  }
  return createLocalDiskStorage({ dir: options.dir });
}

/**
 * The media service for `createServices`. Without options it stores files under the OS temp
 * directory — fine for tests and tools that never upload, never for an API process (which passes
 * `config.media`).
 */
export function createConfiguredMediaService(deps: {
  database: Database;
  cursors: CursorCodec;
  options?: MediaOptions | undefined;
  storage?: MediaStorage | undefined;
}): MediaService {
  const options = deps.options;
  const storage =
    deps.storage ??
    (options
      ? createMediaStorage(options)
      : createLocalDiskStorage({ dir: path.join(tmpdir(), `folio-media-${process.pid}`) }));
  return createMediaService({
    database: deps.database,
    cursors: deps.cursors,
    storage,
    maxBytes: options?.maxBytes ?? DEFAULT_MAX_BYTES,
    publicUrl: options?.publicUrl ?? null,
  });
}
