import type { PostInput, PostPatch, StaffPost, StaffSeo, Visibility } from "@/lib/posts-client";
import { type PostDoc, EMPTY_DOC, jsonEqual, toPostBody, toPostDoc } from "./body-doc";

// The editable fields of a post as the editor holds them (strings for inputs, "" for empty),
// and the PATCH/POST bodies built from them: only what changed, empty text sent as null.

export type SeoKey = keyof StaffSeo;

export const SEO_KEYS = [
  "meta_title",
  "meta_description",
  "canonical_url",
  "og_title",
  "og_description",
  "og_image_url",
  "twitter_title",
  "twitter_description",
  "twitter_image_url",
] as const satisfies readonly SeoKey[];

export interface CoverField {
  media_id: string | null;
  url: string;
  alt: string;
  focal_x: number;
  focal_y: number;
}

export interface AuthorField {
  id: string;
  name: string;
}

export interface PostFields {
  title: string;
  slug: string;
  excerpt: string;
  body: PostDoc;
  featured: boolean;
  visibility: Visibility;
  comments_enabled: boolean;
  cover: CoverField | null;
  primary_category_id: string | null;
  tag_ids: string[];
  authors: AuthorField[];
  seo: Record<SeoKey, string>;
}

export type FieldKey = keyof PostFields;

export function emptySeo(): Record<SeoKey, string> {
  return Object.fromEntries(SEO_KEYS.map((k) => [k, ""])) as Record<SeoKey, string>;
}

export function emptyFields(author: AuthorField | null): PostFields {
  return {
    title: "",
    slug: "",
    excerpt: "",
    body: EMPTY_DOC,
    featured: false,
    visibility: "public",
    comments_enabled: true,
    cover: null,
    primary_category_id: null,
    tag_ids: [],
    authors: author === null ? [] : [author],
    seo: emptySeo(),
  };
}

export function fieldsFromPost(post: StaffPost): PostFields {
  const seo = emptySeo();
  for (const key of SEO_KEYS) seo[key] = post.seo[key] ?? "";
  return {
    title: post.title,
    slug: post.slug,
    excerpt: post.excerpt ?? "",
    body: toPostDoc(post.body),
    featured: post.featured,
    visibility: post.visibility,
    comments_enabled: post.comments_enabled,
    cover:
      post.cover_image === null
        ? null
        : {
            media_id: post.cover_image.media_id,
            url: post.cover_image.url,
            alt: post.cover_image.alt ?? "",
            focal_x: post.cover_image.focal_x,
            focal_y: post.cover_image.focal_y,
          },
    primary_category_id: post.primary_category?.id ?? null,
    tag_ids: post.tags.map((t) => t.id),
    authors: post.authors.map((a) => ({ id: a.id, name: a.name })),
    seo,
  };
}

const nullIfEmpty = (value: string): string | null => (value.trim() === "" ? null : value.trim());

function coverInput(cover: CoverField | null): PostInput["cover_image"] {
  if (cover === null) return null;
  const alt = nullIfEmpty(cover.alt);
  return cover.media_id !== null
    ? { media_id: cover.media_id, alt, focal_x: cover.focal_x, focal_y: cover.focal_y }
    : { url: cover.url, alt };
}

/** The fields whose values differ between two snapshots. */
export function changedKeys(before: PostFields, after: PostFields): FieldKey[] {
  return (Object.keys(after) as FieldKey[]).filter((key) => !jsonEqual(before[key], after[key]));
}

/** A PATCH body with just the changed fields (no version: the caller adds it). */
export function buildPatch(before: PostFields, after: PostFields): PostPatch {
  const patch: PostPatch = {};
  for (const key of changedKeys(before, after)) {
    switch (key) {
      case "title":
        patch.title = after.title.trim() === "" ? "Untitled" : after.title;
        break;
      case "slug":
        if (after.slug.trim() !== "") patch.slug = after.slug.trim();
        break;
      case "excerpt":
        patch.excerpt = nullIfEmpty(after.excerpt);
        break;
      case "body":
        patch.body = toPostBody(after.body);
        break;
      case "featured":
        patch.featured = after.featured;
        break;
      case "visibility":
        patch.visibility = after.visibility;
        break;
      case "comments_enabled":
        patch.comments_enabled = after.comments_enabled;
        break;
      case "cover":
        patch.cover_image = coverInput(after.cover);
        break;
      case "primary_category_id":
        patch.primary_category_id = after.primary_category_id;
        break;
      case "tag_ids":
        patch.tag_ids = after.tag_ids;
        break;
      case "authors":
        if (after.authors.length > 0) patch.author_ids = after.authors.map((a) => a.id);
        break;
      case "seo": {
        const seo: NonNullable<PostPatch["seo"]> = {};
        for (const k of SEO_KEYS) if (before.seo[k] !== after.seo[k]) seo[k] = nullIfEmpty(after.seo[k]);
        patch.seo = seo;
        break;
      }
    }
  }
  return patch;
}

/** A POST body for a new post or page from the editor's fields. */
export function buildInput(fields: PostFields, includeAuthors: boolean): PostInput {
  const base = emptyFields(null);
  const patch = buildPatch({ ...base, authors: includeAuthors ? [] : fields.authors }, fields);
  return { ...patch, title: fields.title.trim() === "" ? "Untitled" : fields.title };
}

/** Whether the writer has put anything into a new post yet (a blank editor is not saved). */
export function hasContent(fields: PostFields): boolean {
  return (
    fields.title.trim() !== "" ||
    toPostDoc(fields.body).content.some((n) => n.type !== "paragraph" || n.content !== undefined)
  );
}
