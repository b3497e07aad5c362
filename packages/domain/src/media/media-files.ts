import { MEDIA_VARIANT_WIDTHS, MediaMimeTypeValues, type MediaMimeType } from "@folio/types";
import { fileTypeFromFile } from "file-type";
import sharp, { type Sharp } from "sharp";
import { MediaTypeMismatchError, UnreadableImageError, UnsupportedMediaFileError } from "./media-errors.js";

/** The file extension each accepted type is stored with, and the ones a name may carry. */
const EXTENSIONS: Record<MediaMimeType, { stored: string; accepted: readonly string[] }> = {
  "image/jpeg": { stored: "jpg", accepted: ["jpg", "jpeg", "jpe", "jfif"] },
  "image/png": { stored: "png", accepted: ["png"] },
  "image/webp": { stored: "webp", accepted: ["webp"] },
  "image/avif": { stored: "avif", accepted: ["avif"] },
  "image/gif": { stored: "gif", accepted: ["gif"] },
  "application/pdf": { stored: "pdf", accepted: ["pdf"] },
};

/** Browsers and tools send these names for the same types. */
const TYPE_ALIASES: Record<string, string> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "image/x-png": "image/png",
  "application/x-pdf": "application/pdf",
};
/** Declared types that say nothing about the content. */
const UNINFORMATIVE_TYPES = new Set(["", "application/octet-stream", "binary/octet-stream"]);

export function isAcceptedMimeType(mime: string): mime is MediaMimeType {
  return (MediaMimeTypeValues as readonly string[]).includes(mime);
}

export function storedExtension(mime: MediaMimeType): string {
  return EXTENSIONS[mime].stored;
}

function extensionOf(filename: string): string | null {
  const dot = filename.lastIndexOf(".");
  return dot <= 0 || dot === filename.length - 1 ? null : filename.slice(dot + 1).toLowerCase();
}

/**
 * The type of the file at `path`, read from its content (magic numbers), checked against what the
 * client claimed: the part's Content-Type (unless it is octet-stream) and the name's extension
 * (when it has one). SVG and anything else not accepted → 415; disagreement → 415 mismatch.
 */
export async function detectMediaType(
  path: string,
  claimed: { filename: string; contentType?: string | undefined },
): Promise<MediaMimeType> {
  const detected = await fileTypeFromFile(path);
  if (detected === undefined || !isAcceptedMimeType(detected.mime)) {
    throw new UnsupportedMediaFileError(
      detected === undefined
        ? "The file's type could not be recognised. Upload a JPEG, PNG, WebP, AVIF, GIF or PDF file."
        : `Files of type ${detected.mime} are not accepted. Upload a JPEG, PNG, WebP, AVIF, GIF or PDF file.`,
    );
  }
  const mime = detected.mime;
  const declared = (claimed.contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const declaredType = TYPE_ALIASES[declared] ?? declared;
  if (!UNINFORMATIVE_TYPES.has(declaredType) && declaredType !== mime) {
    throw new MediaTypeMismatchError(`The file is ${mime}, but it was sent as ${declared}.`);
  }
  const extension = extensionOf(claimed.filename);
  if (extension !== null && !EXTENSIONS[mime].accepted.includes(extension)) {
    throw new MediaTypeMismatchError(`The file is ${mime}, but its name ends in .${extension}.`);
  }
  return mime;
}

export interface EncodedImage {
  format: "webp" | "avif" | "jpeg" | "png" | "gif";
  width: number;
  height: number;
  data: Buffer;
}

export interface ProcessedImage {
  /** The original, auto-rotated and re-encoded without metadata (EXIF, GPS, XMP, ICC comments). */
  original: EncodedImage;
  /** WebP and AVIF renditions at the configured widths (none for GIF: it would lose the animation). */
  variants: EncodedImage[];
}

/** Decoding refuses images above this many pixels (a decompression bomb guard): 100 megapixels. */
const MAX_INPUT_PIXELS = 100_000_000;

/** The widths to render for an image `width` pixels wide: the standard ones not larger than it. */
export function variantWidths(width: number, widths: readonly number[] = MEDIA_VARIANT_WIDTHS): number[] {
  const fitting = widths.filter((w) => w <= width);
  return fitting.length > 0 ? fitting : [width];
}

function open(path: string, animated = false): Sharp {
  // failOn "warning": truncated or corrupt data is an error, not a grey half-image.
  return sharp(path, { failOn: "warning", limitInputPixels: MAX_INPUT_PIXELS, animated });
}

/**
 * Reads the image with sharp: dimensions (after EXIF orientation), the metadata-free original and
 * the WebP/AVIF variants. sharp writes no metadata unless asked, so every output is stripped.
 * Any decoding failure → 422 `unreadable-image`.
 */
export async function processImage(path: string, mime: MediaMimeType): Promise<ProcessedImage> {
  try {
    if (mime === "image/gif") {
      const out = await open(path, true).gif().toBuffer({ resolveWithObject: true });
      const pageHeight = out.info.pageHeight ?? out.info.height;
      return {
        original: { format: "gif", width: out.info.width, height: pageHeight, data: out.data },
        variants: [],
      };
    }
    const base = open(path).rotate();
    // Encoder settings favour speed: an upload is answered only after every variant exists.
    const encoded =
      mime === "image/jpeg"
        ? base.jpeg({ quality: 90 })
        : mime === "image/png"
          ? base.png()
          : mime === "image/webp"
            ? base.webp({ quality: 90, effort: 2 })
            : base.avif({ quality: 70, effort: 1 });
    const original = await encoded.toBuffer({ resolveWithObject: true });
    const format = mime === "image/jpeg" ? "jpeg" : (mime.slice("image/".length) as EncodedImage["format"]);
    const variants: EncodedImage[] = [];
    for (const width of variantWidths(original.info.width)) {
      // From the stripped original: already upright, no orientation tag to apply again.
      const resized = () =>
        sharp(original.data, { failOn: "warning" }).resize({ width, withoutEnlargement: true });
      const [webp, avif] = await Promise.all([
        resized().webp({ quality: 80, effort: 2 }).toBuffer({ resolveWithObject: true }),
        resized().avif({ quality: 55, effort: 0 }).toBuffer({ resolveWithObject: true }),
      ]);
      variants.push({ format: "webp", width: webp.info.width, height: webp.info.height, data: webp.data });
      variants.push({ format: "avif", width: avif.info.width, height: avif.info.height, data: avif.data });
    }
    return {
      original: { format, width: original.info.width, height: original.info.height, data: original.data },
      variants,
    };
  } catch (error) {
    if (error instanceof Error && !(error instanceof TypeError)) {
      throw new UnreadableImageError(undefined, error);
    }
    throw error;
  }
}
