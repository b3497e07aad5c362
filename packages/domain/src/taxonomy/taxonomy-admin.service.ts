import { NotFoundError, UnprocessableError } from "@folio/core";
import {
  type CategoryWithCount,
  createRepositories,
  type Database,
  type Repositories,
  type TagWithCount,
} from "@folio/database";
import type {
  Category,
  CategoryInput,
  CategoryList,
  CategoryPatch,
  Tag,
  TagInput,
  TagList,
  TagMergeBody,
  TagMergeResult,
  TagPatch,
} from "@folio/types";
import { isUniqueViolation } from "../accounts/account-rules.js";
import type { DomainEvents } from "../events/domain-events.js";
import { enqueueJob } from "../jobs/job-topics.js";
import { dedupeSlug, slugFromTitle } from "../posts/slugs.js";
import { CategoryHasChildrenError, TaxonSlugTakenError } from "./taxonomy-errors.js";

/** Who changes the taxonomy (the API's auth context satisfies it); the route checked `taxonomy:manage`. */
export interface TaxonomyActor {
  userId: string;
}

export interface TaxonomyAdminDeps {
  database: Database;
  events: DomainEvents;
}

export interface TaxonomyAdminService {
  /** Every tag with its published post count, read from the primary (never cached). */
  listTags(): Promise<TagList>;
  /** 409 `slug-taken` when an explicit slug is taken; a generated one is de-duplicated. */
  createTag(actor: TaxonomyActor, input: TagInput): Promise<Tag>;
  /** A slug change keeps a 301 redirect `/tag/old` → `/tag/new`. */
  updateTag(actor: TaxonomyActor, id: string, patch: TagPatch): Promise<Tag>;
  /** Detaches the tag from its posts and deletes it. */
  deleteTag(actor: TaxonomyActor, id: string): Promise<void>;
  /** Moves the posts of `id` to `into_id` (no duplicates), deletes `id`, redirects its archive. */
  mergeTag(actor: TaxonomyActor, id: string, body: TagMergeBody): Promise<TagMergeResult>;
  /** Every category in tree order, read from the primary (never cached). */
  listCategories(): Promise<CategoryList>;
  createCategory(actor: TaxonomyActor, input: CategoryInput): Promise<Category>;
  /** 422 at `/body/parent_id` for an unknown parent or a cycle; a slug change keeps a redirect. */
  updateCategory(actor: TaxonomyActor, id: string, patch: CategoryPatch): Promise<Category>;
  /** 409 `category-has-children` while it has sub-categories; posts lose the category. */
  deleteCategory(actor: TaxonomyActor, id: string): Promise<void>;
}

export function toTag(row: TagWithCount): Tag {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    post_count: row.postCount,
  };
}

export function toCategory(row: CategoryWithCount): Category {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    parent_id: row.parentId,
    position: row.position,
    post_count: row.postCount,
  };
}

/**
 * Tag and category slugs follow the post rules (posts/slugs.ts): generated from the name and
 * de-duplicated with -2, -3… They live under /tag/ and /category/, so the words reserved at the
 * site root are fine as they are (only a collision adds a suffix).
 */
function freeSlug(name: string, taken: string[]): string {
  const base = slugFromTitle(name) || "untitled";
  const used = new Set(taken);
  return used.has(base) ? dedupeSlug(base, used) : base;
}

/** Runs `write`, turning a unique violation on the slug (a concurrent writer) into 409 `slug-taken`. */
async function guardSlug<T>(kind: "tag" | "category", slug: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new TaxonSlugTakenError(kind, slug);
    throw error;
  }
}

/** The paths and cache tags of the web app a taxonomy change makes stale. */
function revalidation(kind: "tag" | "category", slugs: string[]): { paths: string[]; tags: string[] } {
  const unique = [...new Set(slugs)];
  return {
    paths: [
      ...unique.flatMap((slug) => [
        `/${kind}/${slug}`,
        `/${kind}/${slug}/rss.xml`,
        `/${kind}/${slug}/atom.xml`,
      ]),
      "/sitemap.xml",
    ],
    tags: ["posts", kind === "tag" ? "tags" : "categories", ...unique.map((slug) => `${kind}:${slug}`)],
  };
}

async function revalidate(r: Repositories, kind: "tag" | "category", slugs: string[]): Promise<void> {
  await enqueueJob(r.outbox, { topic: "web.revalidate", payload: revalidation(kind, slugs) });
}

/** Committed already: a failing cache listener must not turn the write into an error. */
function announce(events: DomainEvents, emit: (events: DomainEvents) => Promise<unknown>): Promise<void> {
  return emit(events).then(
    () => undefined,
    () => undefined,
  );
}

export function createTaxonomyAdminService(deps: TaxonomyAdminDeps): TaxonomyAdminService {
  const { database, events } = deps;
  const repos = createRepositories(database);

  async function tagView(r: Repositories, id: string): Promise<Tag> {
    const row = await r.tags.findWithPostCount(id);
    if (!row) throw new NotFoundError("tag", id);
    return toTag(row);
  }

  async function categoryView(r: Repositories, id: string): Promise<Category> {
    const row = await r.categories.findWithPostCount(id);
    if (!row) throw new NotFoundError("category", id);
    return toCategory(row);
  }

  /** 422 at `pointer` unless `parentId` exists and is not `id` or one of its descendants. */
  async function checkParent(r: Repositories, id: string | null, parentId: string, pointer: string) {
    const chain = await r.categories.ancestorIds(parentId);
    if (chain.length === 0) {
      throw new UnprocessableError("The parent category does not exist.", [
        { pointer, detail: "unknown category" },
      ]);
    }
    if (id !== null && chain.includes(id)) {
      throw new UnprocessableError("A category cannot be moved under itself or one of its sub-categories.", [
        { pointer, detail: "would make a cycle" },
      ]);
    }
  }

  return {
    async listTags() {
      return { data: (await repos.tags.listWithPostCounts()).map(toTag) };
    },

    async createTag(_actor, input) {
      const result = await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        let slug: string;
        if (input.slug !== undefined) {
          if (await r.tags.slugTaken(input.slug)) throw new TaxonSlugTakenError("tag", input.slug);
          slug = input.slug;
        } else {
          slug = freeSlug(input.name, await r.tags.slugsLike(slugFromTitle(input.name) || "untitled"));
        }
        const row = await guardSlug("tag", slug, () =>
          r.tags.create({ slug, name: input.name, description: input.description ?? null }),
        );
        await revalidate(r, "tag", [slug]);
        return await tagView(r, row.id);
      });
      await announce(events, (e) => e.emit("tag.renamed", { slug: result.slug }));
      return result;
    },

    async updateTag(actor, id, patch) {
      const { tag, previousSlug } = await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        const [current] = await r.tags.lock([id]);
        if (!current) throw new NotFoundError("tag", id);
        const slug = patch.slug ?? current.slug;
        if (slug !== current.slug && (await r.tags.slugTaken(slug, id)))
          throw new TaxonSlugTakenError("tag", slug);
        await guardSlug("tag", slug, () =>
          r.tags.update(id, {
            slug,
            ...(patch.name === undefined ? {} : { name: patch.name }),
            ...(patch.description === undefined ? {} : { description: patch.description }),
          }),
        );
        if (slug !== current.slug) {
          await r.redirects.point({
            fromPath: `/tag/${current.slug}`,
            toPath: `/tag/${slug}`,
            kind: "tag",
            createdBy: actor.userId,
          });
        }
        await revalidate(r, "tag", [current.slug, slug]);
        return { tag: await tagView(r, id), previousSlug: current.slug };
      });
      await announce(events, (e) =>
        e.emit("tag.renamed", {
          slug: tag.slug,
          ...(previousSlug === tag.slug ? {} : { previousSlug }),
        }),
      );
      return tag;
    },

    async deleteTag(_actor, id) {
      const slug = await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        const [current] = await r.tags.lock([id]);
        if (!current) throw new NotFoundError("tag", id);
        // post_tags rows go with the tag (ON DELETE CASCADE): the posts lose it.
        await r.tags.delete(id);
        await revalidate(r, "tag", [current.slug]);
        return current.slug;
      });
      await announce(events, (e) => e.emit("tag.deleted", { slug }));
    },

    async mergeTag(actor, id, body) {
      if (body.into_id === id) {
        throw new UnprocessableError("A tag cannot be merged into itself.", [
          { pointer: "/body/into_id", detail: "must be another tag" },
        ]);
      }
      const result = await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        const locked = await r.tags.lock([id, body.into_id]);
        const from = locked.find((row) => row.id === id);
        const into = locked.find((row) => row.id === body.into_id);
        if (!from) throw new NotFoundError("tag", id);
        if (!into) {
          throw new UnprocessableError("The tag to merge into does not exist.", [
            { pointer: "/body/into_id", detail: "unknown tag" },
          ]);
        }
        const { movedPosts } = await r.tags.mergeInto(from.id, into.id);
        const redirectFrom = `/tag/${from.slug}`;
        await r.redirects.point({
          fromPath: redirectFrom,
          toPath: `/tag/${into.slug}`,
          kind: "tag",
          createdBy: actor.userId,
        });
        await revalidate(r, "tag", [from.slug, into.slug]);
        return {
          tag: await tagView(r, into.id),
          moved_posts: movedPosts,
          redirect_from: redirectFrom,
          fromSlug: from.slug,
        };
      });
      const { fromSlug, ...answer } = result;
      await announce(events, async (e) => {
        await e.emit("tag.deleted", { slug: fromSlug });
        await e.emit("tag.renamed", { slug: answer.tag.slug, previousSlug: fromSlug });
      });
      return answer;
    },

    async listCategories() {
      return { data: (await repos.categories.listWithPostCounts()).map(toCategory) };
    },

    async createCategory(_actor, input) {
      const result = await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        await r.categories.lockTree();
        const parentId = input.parent_id ?? null;
        if (parentId !== null) await checkParent(r, null, parentId, "/body/parent_id");
        let slug: string;
        if (input.slug !== undefined) {
          if (await r.categories.slugTaken(input.slug)) throw new TaxonSlugTakenError("category", input.slug);
          slug = input.slug;
        } else {
          slug = freeSlug(input.name, await r.categories.slugsLike(slugFromTitle(input.name) || "untitled"));
        }
        const row = await guardSlug("category", slug, () =>
          r.categories.create({
            slug,
            name: input.name,
            description: input.description ?? null,
            parentId,
            position: input.position ?? 0,
          }),
        );
        await r.categories.placeAt(row.id, parentId, input.position);
        await revalidate(r, "category", [slug]);
        return await categoryView(r, row.id);
      });
      await announce(events, (e) => e.emit("category.updated", { slug: result.slug }));
      return result;
    },

    async updateCategory(actor, id, patch) {
      const { category, previousSlug } = await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        await r.categories.lockTree();
        const current = await r.categories.findById(id);
        if (!current) throw new NotFoundError("category", id);
        const parentId = patch.parent_id === undefined ? current.parentId : patch.parent_id;
        const moved = parentId !== current.parentId;
        if (moved && parentId !== null) await checkParent(r, id, parentId, "/body/parent_id");
        const slug = patch.slug ?? current.slug;
        if (slug !== current.slug && (await r.categories.slugTaken(slug, id)))
          throw new TaxonSlugTakenError("category", slug);
        await guardSlug("category", slug, () =>
          r.categories.update(id, {
            slug,
            parentId,
            ...(patch.name === undefined ? {} : { name: patch.name }),
            ...(patch.description === undefined ? {} : { description: patch.description }),
          }),
        );
        if (moved || patch.position !== undefined) {
          // Moved without a position: it goes last among its new siblings.
          await r.categories.placeAt(id, parentId, patch.position);
        }
        if (slug !== current.slug) {
          await r.redirects.point({
            fromPath: `/category/${current.slug}`,
            toPath: `/category/${slug}`,
            kind: "category",
            createdBy: actor.userId,
          });
        }
        await revalidate(r, "category", [current.slug, slug]);
        return { category: await categoryView(r, id), previousSlug: current.slug };
      });
      await announce(events, (e) =>
        e.emit("category.updated", {
          slug: category.slug,
          ...(previousSlug === category.slug ? {} : { previousSlug }),
        }),
      );
      return category;
    },

    async deleteCategory(_actor, id) {
      const slug = await database.transaction(async (tx) => {
        const r = createRepositories(tx);
        await r.categories.lockTree();
        const current = await r.categories.findById(id);
        if (!current) throw new NotFoundError("category", id);
        const children = await r.categories.countChildren(id);
        if (children > 0) {
          throw new CategoryHasChildrenError(children);
        }
        // post_categories rows cascade; posts.primary_category_id is set null by its foreign key.
        await r.categories.delete(id);
        await revalidate(r, "category", [current.slug]);
        return current.slug;
      });
      await announce(events, (e) => e.emit("category.updated", { slug }));
    },
  };
}
