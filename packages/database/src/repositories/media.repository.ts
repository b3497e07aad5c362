import { and, desc, eq, like, or, sql, type SQL } from "drizzle-orm";
import { media, posts, users, type MediaRow, type NewMediaRow } from "../schema/index.js";
import type { AuthorRef } from "./post-relations.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

/** Keyset position in the media library: exact `created_at` (ISO, microseconds) and id. */
export interface MediaKey {
  createdAt: string;
  id: string;
}

/** A media row with its uploader (null once the user is gone) and its keyset position. */
export interface MediaRecord extends MediaRow {
  uploader: AuthorRef | null;
  sortKey: MediaKey;
}

export interface MediaSearch {
  /** Case-insensitive substring of the filename or the alt text. */
  q?: string | undefined;
  /** Only `image/*` rows. */
  imagesOnly?: boolean | undefined;
  limit: number;
  after?: MediaKey | undefined;
}

/** The editable metadata of a media item; absent fields stay as they are. */
export interface MediaChanges {
  alt?: string | undefined;
  caption?: string | null | undefined;
  focalX?: number | undefined;
  focalY?: number | undefined;
}

/** `%text%` for LIKE with `\`, `%` and `_` escaped. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const recordColumns = {
  media,
  createdAtKey: sql<string>`to_char(${media.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  uploaderId: users.id,
  uploaderSlug: users.slug,
  uploaderName: users.displayName,
  uploaderAvatar: users.avatarUrl,
};

interface RecordRow {
  media: MediaRow;
  createdAtKey: string;
  uploaderId: string | null;
  uploaderSlug: string | null;
  uploaderName: string | null;
  uploaderAvatar: string | null;
}

function toRecord(row: RecordRow): MediaRecord {
  return {
    ...row.media,
    uploader:
      row.uploaderId === null || row.uploaderSlug === null || row.uploaderName === null
        ? null
        : {
            id: row.uploaderId,
            slug: row.uploaderSlug,
            displayName: row.uploaderName,
            avatarUrl: row.uploaderAvatar,
          },
    sortKey: { createdAt: row.createdAtKey, id: row.media.id },
  };
}

/** The media library (`media`). The bytes live in a storage adapter; this is only the catalogue. */
export class MediaRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  async insert(row: NewMediaRow): Promise<MediaRow> {
    const rows = await this.access.write.insert(media).values(row).returning();
    const inserted = rows[0];
    if (!inserted) throw new Error("insert into media returned no row");
    return inserted;
  }

  /** Newest first, keyset-paginated on (created_at desc, id desc); fetches `limit + 1`. */
  async search(options: MediaSearch): Promise<{ items: MediaRecord[]; hasMore: boolean }> {
    const conditions: (SQL | undefined)[] = [];
    if (options.q !== undefined) {
      const pattern = likePattern(options.q.toLowerCase());
      conditions.push(
        sql`(lower(${media.filename}) like ${pattern} escape '\\' or lower(${media.alt}) like ${pattern} escape '\\')`,
      );
    }
    if (options.imagesOnly === true) conditions.push(like(media.mimeType, "image/%"));
    if (options.after !== undefined) {
      conditions.push(
        sql`(${media.createdAt}, ${media.id}) < (${options.after.createdAt}::timestamptz, ${options.after.id}::uuid)`,
      );
    }
    const rows = await this.access
      .read()
      .select(recordColumns)
      .from(media)
      .leftJoin(users, eq(users.id, media.uploaderId))
      .where(and(...conditions))
      .orderBy(desc(media.createdAt), desc(media.id))
      .limit(options.limit + 1);
    return { items: rows.slice(0, options.limit).map(toRecord), hasMore: rows.length > options.limit };
  }

  /** One item with its uploader, from the primary (callers often just changed it). */
  async findRecord(id: string): Promise<MediaRecord | null> {
    const rows = await this.access.write
      .select(recordColumns)
      .from(media)
      .leftJoin(users, eq(users.id, media.uploaderId))
      .where(eq(media.id, id))
      .limit(1);
    const row = rows[0];
    return row ? toRecord(row) : null;
  }

  /** The row, locked until the transaction ends (use inside one). */
  async findForUpdate(id: string): Promise<MediaRow | null> {
    const rows = await this.access.write.select().from(media).where(eq(media.id, id)).limit(1).for("update");
    return rows[0] ?? null;
  }

  async update(id: string, changes: MediaChanges, now: Date): Promise<MediaRow | null> {
    const set: Partial<NewMediaRow> = { updatedAt: now };
    if (changes.alt !== undefined) set.alt = changes.alt;
    if (changes.caption !== undefined) set.caption = changes.caption;
    if (changes.focalX !== undefined) set.focalX = changes.focalX;
    if (changes.focalY !== undefined) set.focalY = changes.focalY;
    const rows = await this.access.write.update(media).set(set).where(eq(media.id, id)).returning();
    return rows[0] ?? null;
  }

  async delete(id: string): Promise<MediaRow | null> {
    const rows = await this.access.write.delete(media).where(eq(media.id, id)).returning();
    return rows[0] ?? null;
  }

  /**
   * Posts (trashed ones too: they can come back) that use the item as their cover or as an image
   * in the body (`"mediaId": "<id>"` in the document), at most `limit` of them.
   */
  async findUsingPosts(id: string, limit = 5): Promise<{ id: string; title: string }[]> {
    const bodyNeedle = `%"mediaId": "${id}"%`;
    const compactNeedle = `%"mediaId":"${id}"%`;
    return this.access.write
      .select({ id: posts.id, title: posts.title })
      .from(posts)
      .where(
        or(
          eq(posts.coverMediaId, id),
          sql`${posts.body}::text like ${bodyNeedle}`,
          sql`${posts.body}::text like ${compactNeedle}`,
        ),
      )
      .limit(limit);
  }
}
