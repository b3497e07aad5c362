import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, rename, rmdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  assertMediaKey,
  contentTypeOfKey,
  InvalidMediaKeyError,
  type MediaStorage,
  type StoredObject,
} from "./media-storage.js";

export interface LocalDiskStorageOptions {
  /** The directory holding the files (created on the first write). */
  dir: string;
}

function isErrno(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && codes.includes((error as NodeJS.ErrnoException).code ?? "");
}

/**
 * Files in a directory on this machine. Writes go to a temp file next to the target and are
 * renamed into place (atomic on one filesystem), so readers never see half a file; temp names
 * start with "." and can never be keys. Keys are checked and resolved inside `dir`.
 */
export function createLocalDiskStorage(options: LocalDiskStorageOptions): MediaStorage {
  const root = path.resolve(options.dir);

  function fileOf(key: string): string {
    assertMediaKey(key);
    const file = path.resolve(root, ...key.split("/"));
    const relative = path.relative(root, file);
    // Belt and braces: the key pattern already makes this impossible.
    if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative))
      throw new InvalidMediaKeyError(key);
    return file;
  }

  /** Removes now-empty directories between the file and the root (keeps the tree tidy). */
  async function pruneEmptyParents(file: string): Promise<void> {
    let dir = path.dirname(file);
    while (dir !== root && dir.startsWith(root + path.sep)) {
      try {
        await rmdir(dir);
      } catch {
        return; // Not empty (or already gone): stop here.
      }
      dir = path.dirname(dir);
    }
  }

  return {
    kind: "local",

    async put(key, body) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temp = path.join(
        path.dirname(file),
        `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`,
      );
      try {
        const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
        await pipeline(source, createWriteStream(temp, { flags: "wx" }));
        await rename(temp, file);
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw error;
      }
    },

    async get(key): Promise<StoredObject | null> {
      const file = fileOf(key);
      let handle;
      try {
        handle = await open(file, "r");
      } catch (error) {
        if (isErrno(error, "ENOENT", "EISDIR", "ENOTDIR")) return null;
        throw error;
      }
      try {
        const info = await handle.stat();
        if (!info.isFile()) {
          await handle.close();
          return null;
        }
        // The stream owns the handle from here and closes it when done or destroyed.
        const body = createReadStream("", { fd: handle, autoClose: true });
        return { body, size: info.size, contentType: contentTypeOfKey(key) };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    async delete(key) {
      const file = fileOf(key);
      try {
        await unlink(file);
      } catch (error) {
        if (isErrno(error, "ENOENT")) return;
        throw error;
      }
      await pruneEmptyParents(file);
    },

    async exists(key) {
      try {
        return (await stat(fileOf(key))).isFile();
      } catch (error) {
        if (isErrno(error, "ENOENT", "ENOTDIR")) return false;
        throw error;
      }
    },
  };
}
