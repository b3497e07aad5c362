import { and, count, eq, sql } from "drizzle-orm";
import { postAuthors, posts, users, type UserRow } from "../schema/index.js";
import { CrudRepository, type DbSource } from "./base.repository.js";

export interface AuthorProfile {
  user: UserRow;
  /** Published posts with this user in the byline. */
  publishedPostCount: number;
}

export class UsersRepository extends CrudRepository<typeof users> {
  constructor(source: DbSource) {
    super(source, users, "user");
  }

  async findBySlug(slug: string): Promise<UserRow | null> {
    const rows = await this.access.read().select().from(users).where(eq(users.slug, slug)).limit(1);
    return rows[0] ?? null;
  }

  async findByEmail(email: string): Promise<UserRow | null> {
    const rows = await this.access.write
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`)
      .limit(1);
    return rows[0] ?? null;
  }

  /** A user by slug with their published post count (served by post_authors_user_post_idx). */
  async findProfileBySlug(slug: string): Promise<AuthorProfile | null> {
    const db = this.access.read();
    const user = await this.findBySlug(slug);
    if (!user) return null;
    const rows = await db
      .select({ n: count() })
      .from(postAuthors)
      .innerJoin(posts, eq(posts.id, postAuthors.postId))
      .where(and(eq(postAuthors.userId, user.id), eq(posts.status, "published")));
    return { user, publishedPostCount: Number(rows[0]?.n ?? 0) };
  }
}
