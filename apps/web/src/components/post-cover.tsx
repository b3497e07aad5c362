import type { CSSProperties } from "react";

/**
 * What a cover needs. The public `cover_image` always has `url` and `alt`; a cover picked from
 * the media library also carries its focal point, size and renditions (WebP/AVIF at several
 * widths), which this component uses when present.
 */
export interface CoverSource {
  url: string;
  alt: string | null;
  focal_x?: number | null | undefined;
  focal_y?: number | null | undefined;
  width?: number | null | undefined;
  height?: number | null | undefined;
  variants?: readonly { format: string; width: number; height: number; url: string }[] | undefined;
}

/** `sizes` for the two places covers appear: the full-width post header and grid cards. */
export const COVER_SIZES = {
  hero: "(min-width: 64rem) 64rem, 100vw",
  card: "(min-width: 1024px) 22rem, (min-width: 640px) 50vw, 100vw",
  featured: "(min-width: 768px) 36rem, 100vw",
} as const;

function clampFraction(value: number | null | undefined): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return 0.5;
  return Math.min(1, Math.max(0, value));
}

/** `object-position` keeping the editor's focal point in frame when the cover is cropped. */
export function focalPosition(cover: CoverSource): string {
  const x = Math.round(clampFraction(cover.focal_x) * 1000) / 10;
  const y = Math.round(clampFraction(cover.focal_y) * 1000) / 10;
  return `${x}% ${y}%`;
}

/** "url 320w, url 640w" for one format, widest last; empty when the format has no renditions. */
export function srcSetFor(cover: CoverSource, format: string): string {
  const seen = new Set<number>();
  return (cover.variants ?? [])
    .filter((v) => v.format === format && v.width > 0 && isSrcSetSafe(v.url))
    .sort((a, b) => a.width - b.width)
    .filter((v) => !seen.has(v.width) && seen.add(v.width) !== undefined)
    .map((v) => `${v.url} ${v.width}w`)
    .join(", ");
}

/** Whitespace or a comma would split a srcset candidate; such a URL is left out, not mangled. */
function isSrcSetSafe(url: string): boolean {
  return url.length > 0 && !/[\s,]/.test(url);
}

/**
 * A cover image: `<picture>` with AVIF and WebP sources when the media library made renditions,
 * else a plain `<img>`. The focal point becomes `object-position`, so `object-cover` crops keep
 * the subject in frame.
 */
export function PostCover({
  cover,
  className,
  sizes,
  priority = false,
  decorative = false,
}: {
  cover: CoverSource;
  className: string;
  sizes: string;
  /** The above-the-fold cover of a post page: fetched eagerly and early. */
  priority?: boolean;
  /** Cards repeat the title next to the image; an empty alt keeps screen readers from reading it twice. */
  decorative?: boolean;
}) {
  const style: CSSProperties = { objectPosition: focalPosition(cover) };
  const avif = srcSetFor(cover, "avif");
  const webp = srcSetFor(cover, "webp");
  const alt = decorative ? "" : (cover.alt ?? "");
  const dimensions =
    typeof cover.width === "number" && typeof cover.height === "number" && cover.width > 0 && cover.height > 0
      ? { width: cover.width, height: cover.height }
      : {};
  const img = (
    <img
      src={cover.url}
      alt={alt}
      className={`${className} object-cover`}
      style={style}
      {...dimensions}
      {...(priority
        ? { fetchPriority: "high" as const, loading: "eager" as const }
        : { loading: "lazy" as const })}
      decoding="async"
    />
  );
  if (avif === "" && webp === "") return img;
  return (
    // `contents`: the <picture> wrapper takes no box, so the <img> classes size it as before.
    <picture className="contents">
      {avif !== "" && <source type="image/avif" srcSet={avif} sizes={sizes} />}
      {webp !== "" && <source type="image/webp" srcSet={webp} sizes={sizes} />}
      {img}
    </picture>
  );
}
