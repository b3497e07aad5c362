import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { loadConfig } from "./load-config.js";
import { MEDIA_MAX_BYTES_DEFAULT } from "./media-config.js";

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), "folio-media-config-"));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const load = (env: Record<string, string> = {}) => loadConfig({ env: { FOLIO_ENV: "test", ...env }, cwd });

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues;
  }
  throw new Error("expected a ConfigError");
}

describe("media configuration", () => {
  it("defaults to local files in <DATA_DIR>/media, 20 MiB, no CDN", () => {
    expect(load().media).toEqual({
      storage: "local",
      dir: path.join(cwd, "data", "media"),
      maxBytes: MEDIA_MAX_BYTES_DEFAULT,
      publicUrl: null,
      s3: null,
    });
    expect(MEDIA_MAX_BYTES_DEFAULT).toBe(20 * 1024 * 1024);
    expect(load({ DATA_DIR: "/srv/folio" }).media.dir).toBe(path.join("/srv/folio", "media"));
    expect(load({ MEDIA_DIR: "uploads" }).media.dir).toBe(path.join(cwd, "uploads"));
  });

  it("reads S3 settings, the secret from a file, and defaults path style on for custom endpoints", () => {
    writeFileSync(path.join(cwd, "s3-secret"), "very-secret-key\n");
    const media = load({
      MEDIA_STORAGE: "S3",
      MEDIA_MAX_BYTES: "1048576",
      MEDIA_PUBLIC_URL: "https://cdn.example.org/media/",
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_BUCKET: "folio",
      S3_ACCESS_KEY_ID: "AKIA123",
      S3_SECRET_ACCESS_KEY_FILE: "s3-secret",
    }).media;
    expect(media).toMatchObject({
      storage: "s3",
      maxBytes: 1_048_576,
      publicUrl: "https://cdn.example.org/media",
      s3: {
        endpoint: "http://127.0.0.1:9000",
        region: "us-east-1",
        bucket: "folio",
        accessKeyId: "AKIA123",
        forcePathStyle: true,
      },
    });
    expect(media.s3?.secretAccessKey?.reveal()).toBe("very-secret-key");
    expect(JSON.stringify(media)).not.toContain("very-secret-key");
    expect(load({ MEDIA_STORAGE: "s3", S3_BUCKET: "b" }).media.s3?.forcePathStyle).toBe(false);
  });

  it("reports a missing bucket, half a key pair and bad values", () => {
    const issues = issuesOf(() =>
      load({
        MEDIA_STORAGE: "s3",
        S3_ACCESS_KEY_ID: "only-half",
        MEDIA_MAX_BYTES: "0",
        S3_FORCE_PATH_STYLE: "maybe",
      }),
    );
    expect(issues.map((i) => i.variable).sort()).toEqual(
      ["MEDIA_MAX_BYTES", "S3_BUCKET", "S3_FORCE_PATH_STYLE", "S3_SECRET_ACCESS_KEY"].sort(),
    );
    expect(issuesOf(() => load({ MEDIA_STORAGE: "ftp" })).map((i) => i.variable)).toEqual(["MEDIA_STORAGE"]);
  });
});
