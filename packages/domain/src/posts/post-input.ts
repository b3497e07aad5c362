import { type FieldError, UnprocessableError } from "@folio/core";
import {
  type NewPostRow,
  postReadingTimeMinutes,
  type PostBodyDocument,
  renderPostBody,
  type StaffPostsRepository,
} from "@folio/database";
import type { PostInput, SeoInput } from "@folio/types";
import { sanitisePostHtml } from "./sanitise.js";
import type { MediaUrl } from "./staff-post-mapper.js";

// A write body (PostInput / PostPatch) as column changes and relation replacements, with every
// referenced id (category, tag, author, media) checked: unknown ones are a 422 naming the field.

export interface PostChanges {
  columns: Partial<NewPostRow>;
  relations: { authorIds?: string[]; tagIds?: string[]; categoryIds?: string[] };
  /** A focal point to store on the cover's media item. */
  coverFocal?: { mediaId: string; x: number | undefined; y: number | undefined } | undefined;
}

/** The rendered, sanitised HTML and the reading time of a body. */
export function renderBody(body: PostBodyDocument): { html: string; readingTimeMinutes: number } {
  return { html: sanitisePostHtml(renderPostBody(body)), readingTimeMinutes: postReadingTimeMinutes(body) };
}

const SEO_COLUMNS = {
  meta_title: "metaTitle",
  meta_description: "metaDescription",
  canonical_url: "canonicalUrl",
  og_title: "ogTitle",
  og_description: "ogDescription",
  og_image_url: "ogImageUrl",
  twitter_title: "twitterTitle",
  twitter_description: "twitterDescription",
  twitter_image_url: "twitterImageUrl",
} as const satisfies Record<keyof SeoInput, keyof NewPostRow>;

async function unknownIds(
  repo: StaffPostsRepository,
  table: "tags" | "categories" | "users" | "media",
  ids: readonly string[],
  pointer: (index: number) => string,
  what: string,
): Promise<FieldError[]> {
  if (ids.length === 0) return [];
  const known = await repo.existingIds(table, [...ids]);
  return ids.flatMap((id, i) =>
    known.has(id) ? [] : [{ pointer: pointer(i), detail: `no ${what} with id ${id}` }],
  );
}

function duplicates(ids: readonly string[], pointer: (index: number) => string): FieldError[] {
  const seen = new Set<string>();
  return ids.flatMap((id, i) => {
    if (seen.has(id)) return [{ pointer: pointer(i), detail: "is listed twice" }];
    seen.add(id);
    return [];
  });
}

/** Column and relation changes of `input`; throws 422 for unknown or duplicated ids. */
export async function toPostChanges(
  repo: StaffPostsRepository,
  input: { [K in keyof PostInput]?: PostInput[K] | undefined },
  mediaUrl: MediaUrl,
): Promise<PostChanges> {
  const columns: Partial<NewPostRow> = {};
  const relations: PostChanges["relations"] = {};
  const errors: FieldError[] = [];
  let coverFocal: PostChanges["coverFocal"];

  if (input.title !== undefined) columns.title = input.title;
  if (input.excerpt !== undefined) columns.excerpt = input.excerpt === "" ? null : input.excerpt;
  if (input.featured !== undefined) columns.featured = input.featured;
  if (input.visibility !== undefined) columns.visibility = input.visibility;
  if (input.comments_enabled !== undefined) columns.commentsEnabled = input.comments_enabled;
  if (input.body !== undefined) {
    const body = input.body as PostBodyDocument;
    const rendered = renderBody(body);
    columns.body = body;
    columns.html = rendered.html;
    columns.readingTimeMinutes = rendered.readingTimeMinutes;
  }
  if (input.seo !== undefined) {
    for (const [key, column] of Object.entries(SEO_COLUMNS) as [keyof SeoInput, keyof NewPostRow][]) {
      const value = input.seo[key];
      if (value !== undefined) (columns as Record<string, unknown>)[column] = value === "" ? null : value;
    }
  }
  if (input.primary_category_id !== undefined) {
    columns.primaryCategoryId = input.primary_category_id;
    if (input.primary_category_id !== null)
      errors.push(
        ...(await unknownIds(
          repo,
          "categories",
          [input.primary_category_id],
          () => "/body/primary_category_id",
          "category",
        )),
      );
  }
  if (input.category_ids !== undefined) {
    relations.categoryIds = input.category_ids;
    const at = (i: number) => `/body/category_ids/${i}`;
    errors.push(...duplicates(input.category_ids, at));
    errors.push(...(await unknownIds(repo, "categories", input.category_ids, at, "category")));
  }
  if (input.tag_ids !== undefined) {
    relations.tagIds = input.tag_ids;
    const at = (i: number) => `/body/tag_ids/${i}`;
    errors.push(...duplicates(input.tag_ids, at));
    errors.push(...(await unknownIds(repo, "tags", input.tag_ids, at, "tag")));
  }
  if (input.author_ids !== undefined) {
    relations.authorIds = input.author_ids;
    const at = (i: number) => `/body/author_ids/${i}`;
    errors.push(...duplicates(input.author_ids, at));
    errors.push(...(await unknownIds(repo, "users", input.author_ids, at, "user")));
  }
  if (input.cover_image !== undefined) {
    const cover = input.cover_image;
    if (cover === null) {
      columns.coverImageUrl = null;
      columns.coverImageAlt = null;
      columns.coverMediaId = null;
    } else if (cover.media_id !== undefined) {
      const item = await repo.findMedia(cover.media_id);
      if (!item) {
        errors.push({ pointer: "/body/cover_image/media_id", detail: `no media with id ${cover.media_id}` });
      } else {
        columns.coverMediaId = item.id;
        columns.coverImageUrl = mediaUrl(item.storageKey);
        columns.coverImageAlt = cover.alt !== undefined ? cover.alt : item.alt === "" ? null : item.alt;
        if (cover.focal_x !== undefined || cover.focal_y !== undefined)
          coverFocal = { mediaId: item.id, x: cover.focal_x, y: cover.focal_y };
      }
    } else {
      columns.coverMediaId = null;
      columns.coverImageUrl = cover.url ?? null;
      columns.coverImageAlt = cover.alt ?? null;
    }
  }
  if (errors.length > 0) throw new UnprocessableError("The post names things that do not exist.", errors);
  return { columns, relations, coverFocal };
}
