import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalDiskStorage } from "./local-disk-storage.js";
import { InvalidMediaKeyError, isMediaKey, type MediaStorage } from "./media-storage.js";

describe("local disk media storage", () => {
  let root: string;
  let dir: string;
  let storage: MediaStorage;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), "folio-local-storage-"));
    dir = path.join(root, "media");
    storage = createLocalDiskStorage({ dir });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("writes buffers and streams, reads them back with size and type, deletes them", async () => {
    await storage.put("2025/01/a/one.png", Buffer.from("png-bytes"), { contentType: "image/png" });
    await storage.put("2025/01/a/two.pdf", Readable.from([Buffer.from("pdf-"), Buffer.from("bytes")]), {
      contentType: "application/pdf",
    });
    const one = await storage.get("2025/01/a/one.png");
    expect(one?.size).toBe(9);
    expect(one?.contentType).toBe("image/png");
    expect(await text(one!.body)).toBe("png-bytes");
    const two = await storage.get("2025/01/a/two.pdf");
    expect(two?.contentType).toBe("application/pdf");
    expect(await text(two!.body)).toBe("pdf-bytes");

    expect(await storage.exists("2025/01/a/one.png")).toBe(true);
    await storage.delete("2025/01/a/one.png");
    await storage.delete("2025/01/a/one.png"); // missing: not an error
    expect(await storage.exists("2025/01/a/one.png")).toBe(false);
    expect(await storage.get("2025/01/a/one.png")).toBeNull();
    await storage.delete("2025/01/a/two.pdf");
    // Emptied directories are pruned, the root stays.
    expect(await readdir(dir)).toEqual([]);
  });

  it("leaves no partial file or temp file when the source stream fails", async () => {
    await storage.put("k/file.jpg", Buffer.from("old"), { contentType: "image/jpeg" });
    const failing = new Readable({
      read() {
        this.push(Buffer.from("partial"));
        this.destroy(new Error("client went away"));
      },
    });
    await expect(storage.put("k/file.jpg", failing, { contentType: "image/jpeg" })).rejects.toThrow(
      "client went away",
    );
    await expect(storage.put("k/new.jpg", failing, { contentType: "image/jpeg" })).rejects.toThrow();
    // The old content is intact (atomic replace) and nothing else is left behind.
    expect(await readFile(path.join(dir, "k", "file.jpg"), "utf8")).toBe("old");
    expect(await readdir(path.join(dir, "k"))).toEqual(["file.jpg"]);
  });

  it("refuses keys that could leave the directory or are not ours", async () => {
    await mkdir(root, { recursive: true });
    await writeFile(path.join(root, "secret.txt"), "secret");
    for (const key of [
      "../secret.txt",
      "a/../../secret.txt",
      "/etc/passwd",
      "a//b.png",
      ".hidden",
      "a/.tmp",
      "A.PNG",
      "a\\b.png",
      "a/b.png\u0000",
      "",
      "x".repeat(513),
    ]) {
      expect(isMediaKey(key), key).toBe(false);
      await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidMediaKeyError);
      await expect(storage.put(key, Buffer.from("x"), { contentType: "text/plain" })).rejects.toBeInstanceOf(
        InvalidMediaKeyError,
      );
      await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidMediaKeyError);
    }
    expect(await readFile(path.join(root, "secret.txt"), "utf8")).toBe("secret");
  });

  it("answers null for a directory or a missing file", async () => {
    await storage.put("d/e/f.gif", Buffer.from("gif"), { contentType: "image/gif" });
    expect(await storage.get("d/e")).toBeNull();
    expect(await storage.get("d/nothing.gif")).toBeNull();
    expect(await storage.exists("d/e")).toBe(false);
  });
});
