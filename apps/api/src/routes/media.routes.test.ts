import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { media } from "@folio/database";
import { databaseKinds } from "@folio/database/testing";
import { MediaListSchema, MediaSchema, type Media } from "@folio/types";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn, type SignedInUser } from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

const MAX_BYTES = 600_000;
/** Smaller than MAX_BYTES on purpose: the JSON body limit must not cap uploads. */
const BODY_LIMIT = 65_536;

interface Part {
  name: string;
  value: string | { data: Buffer; filename: string; type?: string };
}

/** A multipart/form-data body as a browser would send it. */
async function multipart(parts: Part[]): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const part of parts) {
    if (typeof part.value === "string") form.append(part.name, part.value);
    else
      form.append(
        part.name,
        new Blob([new Uint8Array(part.value.data)], { type: part.value.type ?? "application/octet-stream" }),
        part.value.filename,
      );
  }
  const request = new Request("http://x/", { method: "POST", body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { "content-type": request.headers.get("content-type") ?? "" },
  };
}

async function jpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#cc5500" } })
    .withExif({ IFD0: { Copyright: "Hidden Name" } })
    .jpeg()
    .toBuffer();
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}

describe.each(databaseKinds)("media routes on %s", (kind) => {
  let t: TestApp;
  let dir: string;
  let author: SignedInUser;
  let otherAuthor: SignedInUser;
  let editor: SignedInUser;
  let member: SignedInUser;

  async function upload(session: SignedInUser, parts: Part[]) {
    const body = await multipart(parts);
    return t.app.inject({
      method: "POST",
      url: "/api/v1/admin/media",
      headers: { ...session.headers, ...body.headers },
      payload: body.payload,
    });
  }

  async function uploaded(
    session: SignedInUser,
    data: Buffer,
    filename: string,
    type: string,
  ): Promise<Media> {
    const res = await upload(session, [{ name: "file", value: { data, filename, type } }]);
    expect(res.statusCode, res.body).toBe(201);
    return MediaSchema.parse(res.json());
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "folio-media-routes-"));
    t = await buildTestApp({
      kind,
      seed: false,
      env: { MEDIA_DIR: dir, MEDIA_MAX_BYTES: String(MAX_BYTES), BODY_LIMIT_BYTES: String(BODY_LIMIT) },
    });
    author = await signIn(t, await createUser(t, { role: "author" }));
    otherAuthor = await signIn(t, await createUser(t, { role: "contributor" }));
    editor = await signIn(t, await createUser(t, { role: "editor" }));
    member = await signIn(t, await createUser(t, { role: "member" }));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("uploads an image (multipart) and serves it and its variants immutable, typed and inert", async () => {
    const res = await upload(author, [
      { name: "alt", value: "Orange square" },
      { name: "file", value: { data: await jpeg(700, 350), filename: "square.jpg", type: "image/jpeg" } },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const created = MediaSchema.parse(res.json());
    expect(res.headers.location).toBe(`/api/v1/admin/media/${created.id}`);
    expect(created).toMatchObject({ alt: "Orange square", width: 700, height: 350, mime_type: "image/jpeg" });
    expect(created.variants).toHaveLength(4); // webp + avif at 320 and 640

    const file = await t.app.inject({ method: "GET", url: created.url });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/jpeg");
    expect(file.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    expect(file.headers["content-security-policy"]).toBe("default-src 'none'");
    expect(Number(file.headers["content-length"])).toBe(created.byte_size);
    expect(file.rawPayload.includes(Buffer.from("Hidden Name"))).toBe(false);
    expect((await sharp(file.rawPayload).metadata()).width).toBe(700);

    const avif = created.variants.find((v) => v.format === "avif" && v.width === 320)!;
    const variant = await t.app.inject({ method: "GET", url: avif.url });
    expect(variant.statusCode).toBe(200);
    expect(variant.headers["content-type"]).toBe("image/avif");
    expect((await sharp(variant.rawPayload).metadata()).width).toBe(320);

    const missing = await t.app.inject({ method: "GET", url: "/media/2020/01/nothing.jpg" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toContain("application/problem+json");
    expect(missing.headers["cache-control"]).toBe("no-store");
    const escape = await t.app.inject({ method: "GET", url: "/media/..%2F..%2Fetc%2Fpasswd" });
    expect(escape.statusCode).toBe(404);
  });

  it("answers 413 past MEDIA_MAX_BYTES, 415 for SVG and mismatches, 400 for form mistakes — keeping nothing", async () => {
    const before = await filesUnder(dir);
    const rowsBefore = (await t.database.db.select().from(media)).length;

    const big = await upload(author, [
      {
        name: "file",
        value: { data: Buffer.alloc(MAX_BYTES + 10, 7), filename: "big.png", type: "image/png" },
      },
    ]);
    expect(big.statusCode).toBe(413);
    expect(big.headers["content-type"]).toContain("application/problem+json");

    const svg = await upload(author, [
      {
        name: "file",
        value: {
          data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
          filename: "x.svg",
          type: "image/svg+xml",
        },
      },
    ]);
    expect(svg.statusCode).toBe(415);
    expect(svg.json<{ type: string }>().type).toMatch(/\/unsupported-media-type$/);

    const renamed = await upload(author, [
      { name: "file", value: { data: await jpeg(50, 50), filename: "x.png", type: "image/png" } },
    ]);
    expect(renamed.statusCode).toBe(415);
    expect(renamed.json<{ type: string }>().type).toMatch(/\/media-type-mismatch$/);

    const truncatedJpeg = (await jpeg(600, 400)).subarray(0, 600);
    const truncated = await upload(author, [
      { name: "file", value: { data: truncatedJpeg, filename: "cut.jpg", type: "image/jpeg" } },
    ]);
    expect(truncated.statusCode).toBe(422);

    const noFile = await upload(author, [{ name: "alt", value: "only text" }]);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe("/body/file");

    const unknownField = await upload(author, [
      { name: "title", value: "nope" },
      { name: "file", value: { data: await jpeg(20, 20), filename: "a.jpg", type: "image/jpeg" } },
    ]);
    expect(unknownField.statusCode).toBe(400);

    const twoFiles = await upload(author, [
      { name: "file", value: { data: await jpeg(20, 20), filename: "a.jpg", type: "image/jpeg" } },
      { name: "file", value: { data: await jpeg(20, 20), filename: "b.jpg", type: "image/jpeg" } },
    ]);
    expect(twoFiles.statusCode).toBe(400);

    const json = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/media",
      headers: author.headers,
      payload: { file: "data:image/png;base64,AAAA" },
    });
    expect(json.statusCode).toBe(415);

    expect(await filesUnder(dir)).toEqual(before);
    expect(await t.database.db.select().from(media)).toHaveLength(rowsBefore);
  });

  it("lists, searches, edits and deletes with the right permissions", async () => {
    const mine = await uploaded(author, await jpeg(40, 40), "kestrel-in-flight.jpg", "image/jpeg");
    const list = await t.app.inject({
      url: "/api/v1/admin/media?q=KESTREL&limit=5",
      headers: author.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(MediaListSchema.parse(list.json()).data.map((m) => m.id)).toEqual([mine.id]);
    expect(
      (await t.app.inject({ url: "/api/v1/admin/media?bogus=1", headers: author.headers })).statusCode,
    ).toBe(400);
    expect((await t.app.inject({ url: "/api/v1/admin/media", headers: member.headers })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ url: "/api/v1/admin/media" })).statusCode).toBe(401);

    const got = await t.app.inject({ url: `/api/v1/admin/media/${mine.id}`, headers: otherAuthor.headers });
    expect(got.statusCode).toBe(200);

    const patch = (session: SignedInUser, payload: Record<string, unknown>) =>
      t.app.inject({
        method: "PATCH",
        url: `/api/v1/admin/media/${mine.id}`,
        headers: session.headers,
        payload,
      });
    const ok = await patch(author, { alt: "A kestrel", focal_x: 0.3, focal_y: 0.7 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ alt: "A kestrel", focal_x: 0.3, focal_y: 0.7 });
    const outOfRange = await patch(author, { focal_x: 1.5 });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe("/body/focal_x");
    expect((await patch(author, { width: 10 })).statusCode).toBe(400);
    expect((await patch(author, {})).statusCode).toBe(400);
    expect((await patch(otherAuthor, { alt: "mine now" })).statusCode).toBe(403);
    expect((await patch(editor, { caption: "Editor's caption" })).statusCode).toBe(200);

    const del = (session: SignedInUser) =>
      t.app.inject({ method: "DELETE", url: `/api/v1/admin/media/${mine.id}`, headers: session.headers });
    expect((await del(otherAuthor)).statusCode).toBe(403);
    expect((await del(author)).statusCode).toBe(204);
    expect((await del(author)).statusCode).toBe(404);
    expect((await t.app.inject({ url: mine.url })).statusCode).toBe(404);
  });

  it("accepts uploads larger than the JSON body limit (streamed, not buffered)", async () => {
    const noisy = await sharp({
      create: {
        width: 400,
        height: 300,
        channels: 3,
        background: "#888",
        noise: { type: "gaussian", mean: 128, sigma: 40 },
      },
    })
      .png()
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(BODY_LIMIT * 2);
    expect(noisy.length).toBeLessThan(MAX_BYTES);
    const created = await uploaded(author, noisy, "noise.png", "image/png");
    expect(created).toMatchObject({ width: 400, height: 300, mime_type: "image/png" });
  });

  it("keeps the JSON body parser of other routes working", async () => {
    const res = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/me",
      headers: editor.headers,
      payload: { display_name: "Still JSON" },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});
