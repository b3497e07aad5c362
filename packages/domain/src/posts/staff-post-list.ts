import { type CursorCodec, ForbiddenError, isUuid, ValidationError } from "@folio/core";
import type { Repositories, StaffListKey } from "@folio/database";
import type { ListStaffPostsQuery, PostType, StaffPostList } from "@folio/types";
import { selectFields, toStaffPostSummary, type MediaUrl } from "./staff-post-mapper.js";
import { type PostActor, seesAllPosts } from "./workflow.js";

// GET /admin/posts and /admin/pages: filters, sort, keyset cursor, include and fields.

const CURSOR_POINTER = "/query/cursor";

function unknownFilter(field: string, value: string): ValidationError {
  return new ValidationError([
    { pointer: `/query/${field}`, detail: `no ${field} ${JSON.stringify(value)}` },
  ]);
}

export interface StaffListDeps {
  reads: Repositories;
  cursors: CursorCodec;
  mediaUrl: MediaUrl;
}

export async function listStaffPosts(
  deps: StaffListDeps,
  actor: PostActor,
  type: PostType,
  query: ListStaffPostsQuery,
): Promise<StaffPostList> {
  if (type === "page" && !seesAllPosts(actor, "page")) throw new ForbiddenError("Pages need pages:manage.");
  const sort = query.sort;
  const descending = sort.startsWith("-");
  const field = (descending ? sort.slice(1) : sort) as "updated_at" | "published_at" | "title";
  let after: StaffListKey | undefined;
  if (query.cursor !== undefined) {
    const payload = deps.cursors.decode<Record<string, unknown>>(query.cursor, CURSOR_POINTER);
    const value = payload.v;
    if (payload.s !== sort || !isUuid(payload.i) || !(value === null || typeof value === "string"))
      throw new ValidationError([
        { pointer: CURSOR_POINTER, detail: "cursor is not a cursor of this listing" },
      ]);
    after = { value, id: payload.i };
  }
  const repos = deps.reads;
  const [author, tag, category] = await Promise.all([
    query.author === undefined
      ? undefined
      : isUuid(query.author)
        ? repos.users.findById(query.author)
        : repos.users.findBySlug(query.author),
    query.tag === undefined ? undefined : repos.tags.findBySlug(query.tag),
    query.category === undefined ? undefined : repos.categories.findBySlug(query.category),
  ]);
  if (query.author !== undefined && !author) throw unknownFilter("author", query.author);
  if (query.tag !== undefined && !tag) throw unknownFilter("tag", query.tag);
  if (query.category !== undefined && !category) throw unknownFilter("category", query.category);
  const page = await repos.staffPosts.list({
    type,
    statuses: query.status,
    trashed: query.trashed === true,
    ownerId: seesAllPosts(actor, type) ? undefined : actor.userId,
    authorId: author?.id,
    tagId: tag?.id,
    categoryId: category?.id,
    from: query.from === undefined ? undefined : new Date(query.from),
    to: query.to === undefined ? undefined : new Date(query.to),
    dateField: query.date === "published" ? "published_at" : "updated_at",
    featured: query.featured,
    q: query.q,
    sort: field,
    descending,
    after,
    limit: query.limit,
  });
  const include = query.include ?? ["authors", "tags"];
  const last = page.items.at(-1);
  return {
    data: page.items.map((row) =>
      selectFields(toStaffPostSummary(actor, row, deps.mediaUrl), query.fields, include),
    ),
    next_cursor:
      page.hasMore && last
        ? deps.cursors.encode({
            s: sort,
            v: field === "title" ? null : last.sortKey.value,
            i: last.sortKey.id,
          })
        : null,
  };
}
