import path from "node:path";
import { z } from "zod";
import type { ReadVariable } from "./accounts-config.js";
import type { ConfigIssue } from "./config-error.js";
import { Secret } from "./secret.js";

/** Where uploaded files live: a directory on this machine (default) or an S3-compatible bucket. */
export const MEDIA_STORAGES = ["local", "s3"] as const;
export type MediaStorageKind = (typeof MEDIA_STORAGES)[number];

/** 20 MiB: large enough for camera JPEGs, small enough to keep sharp's memory in check. */
export const MEDIA_MAX_BYTES_DEFAULT = 20 * 1024 * 1024;

export type S3Config = Readonly<{
  /** Custom endpoint (MinIO, R2, …); null uses AWS for `region`. */
  endpoint: string | null;
  region: string;
  bucket: string;
  /** Both null: the AWS SDK's default credential chain (instance role, env, profile). */
  accessKeyId: string | null;
  secretAccessKey: Secret | null;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (MinIO needs it). */
  forcePathStyle: boolean;
}>;

export type MediaConfig = Readonly<{
  storage: MediaStorageKind;
  /** The local adapter's directory (absolute); also its temp files' home. */
  dir: string;
  /** Largest accepted upload; bigger ones are refused with 413 while streaming. */
  maxBytes: number;
  /** Base URL of a CDN in front of the files (no trailing slash); null: `/media/<key>` on the site. */
  publicUrl: string | null;
  /** Set when `storage` is `s3`. */
  s3: S3Config | null;
}>;

export const MEDIA_VARIABLES = [
  "MEDIA_STORAGE",
  "MEDIA_DIR",
  "MEDIA_MAX_BYTES",
  "MEDIA_PUBLIC_URL",
  "S3_ENDPOINT",
  "S3_REGION",
  "S3_BUCKET",
  "S3_ACCESS_KEY_ID",
  "S3_FORCE_PATH_STYLE",
] as const;
export const MEDIA_SECRET_VARIABLES = ["S3_SECRET_ACCESS_KEY"] as const;

interface Parsers {
  integer: (min: number, max: number) => z.ZodType<number, string>;
  boolean: z.ZodType<boolean, string>;
  httpUrl: z.ZodType<string, string>;
}

const nonEmpty = z.string().trim().min(1);

export function readMediaConfig(
  read: ReadVariable,
  p: Parsers,
  cwd: string,
  issues: ConfigIssue[],
): MediaConfig {
  // DATA_DIR itself is validated (and reported) by loadConfig; this read never adds an issue.
  const dataDir = path.resolve(cwd, read("DATA_DIR", z.string().trim(), "a directory path", "") || "./data");
  const storage = read(
    "MEDIA_STORAGE",
    z.string().trim().toLowerCase().pipe(z.enum(MEDIA_STORAGES)),
    MEDIA_STORAGES.join(" | "),
    "local",
  );
  const dirSetting = read("MEDIA_DIR", nonEmpty, "a directory path", null);
  const maxBytes = read(
    "MEDIA_MAX_BYTES",
    p.integer(1, 2 ** 31 - 1),
    "a positive number of bytes",
    MEDIA_MAX_BYTES_DEFAULT,
  );
  const publicUrl = read(
    "MEDIA_PUBLIC_URL",
    p.httpUrl,
    "an http(s) URL such as https://cdn.example.org/media",
    null,
  );

  const endpoint = read("S3_ENDPOINT", p.httpUrl, "an http(s) URL such as http://127.0.0.1:9000", null);
  const region = read("S3_REGION", nonEmpty, "a region name such as us-east-1", "us-east-1");
  const bucket = read("S3_BUCKET", nonEmpty, "a bucket name", null);
  const accessKeyId = read("S3_ACCESS_KEY_ID", nonEmpty, "an access key id", null);
  const secretAccessKey = read("S3_SECRET_ACCESS_KEY", nonEmpty, "a secret access key", null);
  const forcePathStyle = read("S3_FORCE_PATH_STYLE", p.boolean, "true or false", endpoint !== null);

  let s3: S3Config | null = null;
  if (storage === "s3") {
    if (bucket === null) issues.push({ variable: "S3_BUCKET", expected: "a bucket name (MEDIA_STORAGE=s3)" });
    if ((accessKeyId === null) !== (secretAccessKey === null)) {
      issues.push({
        variable: accessKeyId === null ? "S3_ACCESS_KEY_ID" : "S3_SECRET_ACCESS_KEY",
        expected: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together (or neither, for the default chain)",
      });
    }
    s3 = {
      endpoint,
      region,
      bucket: bucket ?? "",
      accessKeyId,
      secretAccessKey: secretAccessKey === null ? null : new Secret(secretAccessKey),
      forcePathStyle,
    };
  }
  return {
    storage,
    dir: dirSetting === null ? path.join(dataDir, "media") : path.resolve(cwd, dirSetting),
    maxBytes,
    publicUrl,
    s3,
  };
}
