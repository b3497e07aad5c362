import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidMediaKeyError } from "./media-storage.js";
import { createS3Storage, type S3MediaStorage } from "./s3-storage.js";

// Against s3rver (an S3-compatible server in plain Node, from npm), over real HTTP with SigV4.
describe("S3 media storage (s3rver)", () => {
  let dir: string;
  let server: S3rver;
  let storage: S3MediaStorage;
  let endpoint: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "folio-s3rver-"));
    server = new S3rver({
      port: 0,
      address: "127.0.0.1",
      silent: true,
      directory: dir,
      configureBuckets: [{ name: "folio-media", configs: [] }],
    });
    const address = await server.run();
    endpoint = `http://127.0.0.1:${address.port}`;
    storage = createS3Storage({
      endpoint,
      region: "us-east-1",
      bucket: "folio-media",
      // s3rver's fixed development credentials.
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
      prefix: "media/",
    });
  });
  afterAll(async () => {
    storage?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("puts buffers and streams, gets them with size and type, checks and deletes", async () => {
    await storage.put("2025/02/x/a.webp", Buffer.from("webp-bytes"), { contentType: "image/webp" });
    await storage.put("2025/02/x/b.pdf", Readable.from([Buffer.from("pdf-"), Buffer.from("bytes")]), {
      contentType: "application/pdf",
    });
    const a = await storage.get("2025/02/x/a.webp");
    expect(a?.size).toBe(10);
    expect(a?.contentType).toBe("image/webp");
    expect(await text(a!.body)).toBe("webp-bytes");
    const b = await storage.get("2025/02/x/b.pdf");
    expect(b?.contentType).toBe("application/pdf");
    expect(await text(b!.body)).toBe("pdf-bytes");

    expect(await storage.exists("2025/02/x/a.webp")).toBe(true);
    await storage.delete("2025/02/x/a.webp");
    await storage.delete("2025/02/x/a.webp");
    expect(await storage.exists("2025/02/x/a.webp")).toBe(false);
    expect(await storage.get("2025/02/x/a.webp")).toBeNull();
  });

  it("stores under the prefix (the object key as S3 sees it)", async () => {
    await storage.put("p/q.png", Buffer.from("png"), { contentType: "image/png" });
    const unprefixed = createS3Storage({
      endpoint,
      region: "us-east-1",
      bucket: "folio-media",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
    });
    try {
      expect(await unprefixed.exists("media/p/q.png")).toBe(true);
      expect(await unprefixed.exists("p/q.png")).toBe(false);
    } finally {
      unprefixed.close();
    }
  });

  it("refuses invalid keys before any request", async () => {
    await expect(storage.get("../x.png")).rejects.toBeInstanceOf(InvalidMediaKeyError);
    await expect(
      storage.put("/abs.png", Buffer.from(""), { contentType: "image/png" }),
    ).rejects.toBeInstanceOf(InvalidMediaKeyError);
  });

  it("reports failures of the server (wrong credentials) instead of pretending", async () => {
    const wrong = createS3Storage({
      endpoint,
      region: "us-east-1",
      bucket: "no-such-bucket",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
    });
    try {
      await expect(wrong.put("a.png", Buffer.from("x"), { contentType: "image/png" })).rejects.toThrow();
    } finally {
      wrong.close();
    }
  });
});
