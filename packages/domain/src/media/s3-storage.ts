import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Readable } from "node:stream";
import { assertMediaKey, contentTypeOfKey, type MediaStorage, type StoredObject } from "./media-storage.js";

export interface S3StorageOptions {
  /** Custom endpoint (MinIO, R2, a local test server); undefined/null uses AWS for `region`. */
  endpoint?: string | null | undefined;
  region: string;
  bucket: string;
  /** Both unset: the SDK's default credential chain. */
  accessKeyId?: string | null | undefined;
  secretAccessKey?: string | null | undefined;
  forcePathStyle?: boolean | undefined;
  /** Prepended to every key (e.g. "media/"), so one bucket can hold more than the library. */
  prefix?: string | undefined;
}

export interface S3MediaStorage extends MediaStorage {
  /** Closes the SDK's connections (the API calls it on shutdown). */
  close(): void;
}

function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey || error instanceof NotFound) return true;
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404;
}

async function toBuffer(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * An S3-compatible bucket through `@aws-sdk/client-s3`. A PUT is atomic on S3 (the object appears
 * whole or not at all). Streams are buffered before the PUT: the SDK needs a known length for a
 * single PUT, and our objects are bounded by MEDIA_MAX_BYTES.
 */
export function createS3Storage(options: S3StorageOptions): S3MediaStorage {
  const hasKeys = options.accessKeyId != null && options.secretAccessKey != null;
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint != null ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? false,
    ...(hasKeys
      ? {
          credentials: {
            accessKeyId: options.accessKeyId as string,
            secretAccessKey: options.secretAccessKey as string,
          },
        }
      : {}),
  });
  const prefix = options.prefix ?? "";
  const bucket = options.bucket;

  function objectKey(key: string): string {
    assertMediaKey(key);
    return `${prefix}${key}`;
  }

  return {
    kind: "s3",

    async put(key, body, { contentType }) {
      const Key = objectKey(key);
      const bytes = Buffer.isBuffer(body) ? body : await toBuffer(body);
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key,
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: contentType,
        }),
      );
    },

    async get(key): Promise<StoredObject | null> {
      const Key = objectKey(key);
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
        if (!(out.Body instanceof Readable)) throw new Error("S3 GetObject answered without a stream body");
        return {
          body: out.Body,
          size: out.ContentLength ?? 0,
          contentType: out.ContentType ?? contentTypeOfKey(key),
        };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      // S3 answers 204 for missing keys too.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    },

    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },

    close() {
      client.destroy();
    },
  };
}
