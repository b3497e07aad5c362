import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createCursorCodec, isFolioError, uuidv7 } from "@folio/core";
import { media, posts } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { MediaSchema } from "@folio/types";
import { eq } from "drizzle-orm";
import S3rver from "s3rver";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { actorOf, caught, insertUser, type TestUser } from "../test-support/admin-fixtures.js";
import { createLocalDiskStorage } from "./local-disk-storage.js";
import type { MediaStorage } from "./media-storage.js";
import { createMediaService, type MediaService } from "./media.service.js";
import { createS3Storage } from "./s3-storage.js";

const MAX_BYTES = 256 * 1024;

function problem(error: unknown): { status: number; type: string } {
  if (!isFolioError(error)) throw error;
  return { status: error.status, type: error.type.slice(error.type.lastIndexOf("/") + 1) };
}

/** A JPEG carrying EXIF (camera, copyright) and GPS tags. */
async function jpegWithExif(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .withExif({
      IFD0: { Copyright: "Secret Owner", Make: "FolioCam" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" },
    })
    .jpeg()
    .toBuffer();
}

async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: "#3366ff" } })
    .png()
    .toBuffer();
}

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

function upload(data: Buffer, filename: string, contentType?: string, alt?: string) {
  return { file: Readable.from([data]), filename, contentType, alt };
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe("media service on pglite", () => {
  let database: TestDatabase;
  let root: string;
  let dir: string;
  let storage: MediaStorage;
  let service: MediaService;
  let author: TestUser;
  let otherAuthor: TestUser;
  let editor: TestUser;

  function serviceWith(store: MediaStorage, maxBytes = MAX_BYTES): MediaService {
    return createMediaService({
      database,
      storage: store,
      cursors: createCursorCodec("media-test-cursor-secret-0123456789"),
      maxBytes,
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase({ kind: "pglite" });
    root = await mkdtemp(path.join(tmpdir(), "folio-media-service-"));
    dir = path.join(root, "media");
    storage = createLocalDiskStorage({ dir });
    service = serviceWith(storage);
    author = await insertUser(database, { role: "author" });
    otherAuthor = await insertUser(database, { role: "author" });
    editor = await insertUser(database, { role: "editor" });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await rm(root, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await database.db.delete(posts);
    await database.db.delete(media);
    await rm(dir, { recursive: true, force: true });
  });

  it("stores a JPEG without its EXIF/GPS, with WebP and AVIF variants no wider than it", async () => {
    const source = await jpegWithExif(1200, 800);
    expect((await sharp(source).metadata()).exif).toBeDefined();
    const created = await service.upload(
      actorOf(author),
      upload(source, "Holiday Photo.JPG", "image/jpeg", "A beach"),
    );

    expect(MediaSchema.parse(created)).toEqual(created);
    expect(created).toMatchObject({
      filename: "Holiday Photo.JPG",
      mime_type: "image/jpeg",
      width: 1200,
      height: 800,
      alt: "A beach",
      caption: null,
      focal_x: 0.5,
      focal_y: 0.5,
      uploader: { id: author.id },
    });
    expect(created.url).toMatch(/^\/media\/\d{4}\/\d{2}\/[0-9a-f-]{36}\/[0-9a-f]{16}\.jpg$/);
    expect(created.variants.map((v) => `${v.format}@${v.width}`).sort()).toEqual(
      ["avif@1024", "avif@320", "avif@640", "webp@1024", "webp@320", "webp@640"].sort(),
    );
    for (const v of created.variants) expect(v.height).toBe(Math.round((v.width * 800) / 1200));

    const original = await service.openFile(created.url.slice("/media/".length));
    expect(original?.contentType).toBe("image/jpeg");
    const chunks: Buffer[] = [];
    for await (const chunk of original!.body) chunks.push(chunk as Buffer);
    const stored = Buffer.concat(chunks);
    expect(stored.length).toBe(created.byte_size);
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(stored.includes(Buffer.from("Secret Owner"))).toBe(false);
    expect(stored.includes(Buffer.from("FolioCam"))).toBe(false);

    const row = (await database.db.select().from(media).where(eq(media.id, created.id)))[0];
    expect(row?.storage).toBe("local");
    expect(row?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(created.url).toContain(row!.sha256.slice(0, 16));
    expect(await filesUnder(dir)).toHaveLength(7);
  });

  it("makes one variant per format at the original width for a small image", async () => {
    const created = await service.upload(actorOf(author), upload(await png(100, 60), "dot.png", "image/png"));
    expect(created.variants.map((v) => `${v.format}@${v.width}x${v.height}`).sort()).toEqual([
      "avif@100x60",
      "webp@100x60",
    ]);
  });

  it("accepts a PDF with no dimensions or variants", async () => {
    const created = await service.upload(actorOf(author), upload(PDF, "report.pdf", "application/pdf"));
    expect(created).toMatchObject({ mime_type: "application/pdf", width: null, height: null, variants: [] });
    expect(created.byte_size).toBe(PDF.length);
  });

  it("keeps a GIF as a GIF (animation intact) without variants", async () => {
    const frame = (colour: string) =>
      sharp({ create: { width: 30, height: 30, channels: 4, background: colour } })
        .png()
        .toBuffer();
    const animated = await sharp([await frame("#ff0000"), await frame("#0000ff")], {
      join: { animated: true },
    })
      .gif({ loop: 0, delay: [100, 100] })
      .toBuffer();
    expect((await sharp(animated, { animated: true }).metadata()).pages).toBe(2);
    const created = await service.upload(actorOf(author), upload(animated, "blink.gif", "image/gif"));
    expect(created).toMatchObject({ mime_type: "image/gif", width: 30, height: 30, variants: [] });
    const file = await service.openFile(created.url.slice("/media/".length));
    const chunks: Buffer[] = [];
    for await (const chunk of file!.body) chunks.push(chunk as Buffer);
    expect((await sharp(Buffer.concat(chunks), { animated: true }).metadata()).pages).toBe(2);
  });

  it("refuses a file over the limit with 413 and keeps nothing", async () => {
    const small = serviceWith(storage, 1000);
    const error = await caught(
      small.upload(actorOf(author), upload(Buffer.alloc(5000, 1), "big.png", "image/png")),
    );
    expect(problem(error)).toEqual({ status: 413, type: "payload-too-large" });
    expect(await filesUnder(dir)).toEqual([]);
    expect(await database.db.select().from(media)).toEqual([]);
  });

  it("refuses types by content: SVG, HTML, unknown bytes → 415", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const [data, name, type] of [
      [svg, "logo.svg", "image/svg+xml"],
      [Buffer.from("<html><script>alert(1)</script></html>"), "x.png", "image/png"],
      [Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), "x.bin", undefined],
    ] as const) {
      const error = await caught(service.upload(actorOf(author), upload(data, name, type)));
      expect(problem(error), name).toEqual({ status: 415, type: "unsupported-media-type" });
    }
    expect(await database.db.select().from(media)).toEqual([]);
  });

  it("refuses content that disagrees with the declared type or the extension → 415 mismatch", async () => {
    const image = await png(20, 20);
    for (const [name, type] of [
      ["photo.jpg", "image/png"],
      ["photo.png", "image/jpeg"],
      ["photo.html", "image/png"],
      ["photo.png.exe", undefined],
    ] as const) {
      const error = await caught(service.upload(actorOf(author), upload(image, name, type)));
      expect(problem(error), `${name} ${type}`).toEqual({ status: 415, type: "media-type-mismatch" });
    }
    // Uninformative declarations and names without an extension are fine.
    await service.upload(actorOf(author), upload(image, "photo", "application/octet-stream"));
    await service.upload(actorOf(author), upload(await jpegWithExif(10, 10), "a.jpeg", "image/jpg"));
  });

  it("answers 422 for a truncated image, with no row and no file", async () => {
    const jpeg = await jpegWithExif(800, 600);
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    const error = await caught(service.upload(actorOf(author), upload(truncated, "cut.jpg", "image/jpeg")));
    expect(problem(error)).toEqual({ status: 422, type: "unreadable-image" });
    expect(await filesUnder(dir)).toEqual([]);
    expect(await database.db.select().from(media)).toEqual([]);
  });

  it("deletes every file already written when storage fails half-way", async () => {
    let puts = 0;
    const flaky: MediaStorage = {
      ...storage,
      kind: storage.kind,
      async put(key, body, options) {
        puts += 1;
        if (puts === 4) throw new Error("disk full");
        return storage.put(key, body, options);
      },
    };
    const error = await caught(
      serviceWith(flaky).upload(actorOf(author), upload(await jpegWithExif(700, 500), "a.jpg", "image/jpeg")),
    );
    expect((error as Error).message).toBe("disk full");
    expect(puts).toBe(4);
    expect(await filesUnder(dir)).toEqual([]);
    expect(await database.db.select().from(media)).toEqual([]);
  });

  it("deletes every file when the row cannot be inserted (database error)", async () => {
    const ghost = { userId: uuidv7(), permissions: new Set(["media:upload"]) }; // no such user: FK fails
    await expect(
      service.upload(ghost, upload(await jpegWithExif(700, 500), "a.jpg", "image/jpeg")),
    ).rejects.toThrow();
    expect(await filesUnder(dir)).toEqual([]);
    expect(await database.db.select().from(media)).toEqual([]);
  });

  it("lists newest first with a cursor, searches filename and alt, filters images", async () => {
    const image = await png(30, 30);
    const a = await service.upload(actorOf(author), upload(image, "Sunset-100%.png", "image/png", "Red sky"));
    const b = await service.upload(
      actorOf(author),
      upload(image, "harbour.png", "image/png", "Boats at dusk"),
    );
    const c = await service.upload(actorOf(editor), upload(PDF, "annual_report.pdf", "application/pdf"));

    const first = await service.list({ limit: 2 });
    expect(first.data.map((m) => m.id)).toEqual([c.id, b.id]);
    expect(first.next_cursor).not.toBeNull();
    const second = await service.list({ limit: 2, cursor: first.next_cursor! });
    expect(second.data.map((m) => m.id)).toEqual([a.id]);
    expect(second.next_cursor).toBeNull();

    expect((await service.list({ limit: 10, q: "DUSK" })).data.map((m) => m.id)).toEqual([b.id]);
    expect((await service.list({ limit: 10, q: "100%" })).data.map((m) => m.id)).toEqual([a.id]);
    expect((await service.list({ limit: 10, q: "_" })).data.map((m) => m.id)).toEqual([c.id]);
    expect((await service.list({ limit: 10, type: "image" })).data.map((m) => m.id)).toEqual([b.id, a.id]);
    const bad = await caught(service.list({ limit: 10, cursor: "nope" }));
    expect(problem(bad).status).toBe(400);
  });

  it("updates alt, caption and focal point: the uploader or media:manage only", async () => {
    const created = await service.upload(actorOf(author), upload(await png(40, 40), "x.png", "image/png"));
    const updated = await service.update(actorOf(author), created.id, {
      alt: "New alt",
      caption: "A caption",
      focal_x: 0.25,
      focal_y: 1,
    });
    expect(updated).toMatchObject({ alt: "New alt", caption: "A caption", focal_x: 0.25, focal_y: 1 });
    expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));

    const forbidden = await caught(service.update(actorOf(otherAuthor), created.id, { alt: "hijack" }));
    expect(problem(forbidden).status).toBe(403);
    const byEditor = await service.update(actorOf(editor), created.id, { caption: null });
    expect(byEditor.caption).toBeNull();
    expect(byEditor.alt).toBe("New alt");

    const missing = await caught(service.update(actorOf(editor), uuidv7(), { alt: "x" }));
    expect(problem(missing).status).toBe(404);
  });

  it("deletes the row and every file; refuses 409 while a post uses it", async () => {
    const created = await service.upload(
      actorOf(author),
      upload(await jpegWithExif(700, 400), "c.jpg", "image/jpeg"),
    );
    expect(await filesUnder(dir)).toHaveLength(5);

    const postId = uuidv7();
    await database.db.insert(posts).values({
      id: postId,
      title: "Uses the cover",
      slug: `cover-${postId.slice(-8)}`,
      body: { type: "doc", content: [] },
      html: "",
      coverMediaId: created.id,
    });
    const inUse = await caught(service.delete(actorOf(editor), created.id));
    expect(problem(inUse)).toEqual({ status: 409, type: "media-in-use" });
    await database.db.update(posts).set({ coverMediaId: null }).where(eq(posts.id, postId));

    // As an image in the body.
    await database.db
      .update(posts)
      .set({
        body: {
          type: "doc",
          content: [
            { type: "image", attrs: { src: created.url, alt: "", title: null, mediaId: created.id } },
          ],
        },
      })
      .where(eq(posts.id, postId));
    expect(problem(await caught(service.delete(actorOf(editor), created.id))).status).toBe(409);
    await database.db.delete(posts).where(eq(posts.id, postId));

    expect(problem(await caught(service.delete(actorOf(otherAuthor), created.id))).status).toBe(403);
    await service.delete(actorOf(author), created.id);
    expect(await filesUnder(dir)).toEqual([]);
    expect(problem(await caught(service.get(created.id))).status).toBe(404);
    expect(problem(await caught(service.delete(actorOf(author), created.id))).status).toBe(404);
  });

  it("works the same on S3 (s3rver): files in the bucket, row says s3, delete empties it", async () => {
    const bucketDir = await mkdtemp(path.join(tmpdir(), "folio-media-s3-"));
    const server = new S3rver({
      port: 0,
      address: "127.0.0.1",
      silent: true,
      directory: bucketDir,
      configureBuckets: [{ name: "media" }],
    });
    const { port } = await server.run();
    const s3 = createS3Storage({
      endpoint: `http://127.0.0.1:${port}`,
      region: "us-east-1",
      bucket: "media",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
    });
    try {
      const onS3 = createMediaService({
        database,
        storage: s3,
        cursors: createCursorCodec("media-test-cursor-secret-0123456789"),
        maxBytes: MAX_BYTES,
        publicUrl: "https://cdn.example.org/media",
      });
      const created = await onS3.upload(
        actorOf(author),
        upload(await jpegWithExif(400, 300), "s3.jpg", "image/jpeg"),
      );
      expect(created.url).toMatch(/^https:\/\/cdn\.example\.org\/media\/\d{4}\//);
      const row = (await database.db.select().from(media).where(eq(media.id, created.id)))[0];
      expect(row?.storage).toBe("s3");
      const keys = [row!.storageKey, ...row!.variants.map((v) => v.key)];
      expect(keys).toHaveLength(3);
      for (const key of keys) expect(await s3.exists(key), key).toBe(true);
      const file = await onS3.openFile(row!.storageKey);
      expect(file?.contentType).toBe("image/jpeg");
      expect(file?.size).toBe(created.byte_size);
      file?.body.destroy();
      await onS3.delete(actorOf(author), created.id);
      for (const key of keys) expect(await s3.exists(key), key).toBe(false);
    } finally {
      s3.close();
      await server.close();
      await rm(bucketDir, { recursive: true, force: true });
    }
  });

  it("serves nothing for keys outside the library", async () => {
    expect(await service.openFile("../../etc/passwd")).toBeNull();
    expect(await service.openFile("2025/01/none.jpg")).toBeNull();
  });
});
