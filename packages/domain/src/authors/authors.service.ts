import { NotFoundError } from "@folio/core";
import type { AuthorProfile, UsersRepository } from "@folio/database";
import type { Author } from "@folio/types";

export interface AuthorsServiceDeps {
  users: UsersRepository;
}

export interface AuthorsService {
  /** A public author profile; `NotFoundError("author", slug)` otherwise. */
  getBySlug(slug: string): Promise<Author>;
}

/**
 * Who is an author: a user with at least one *published* post in their byline. Users without
 * one (staff who have not published yet, members) have no public profile, so their slugs
 * are not revealed through author pages or the `author` filter.
 */
export async function findAuthorBySlug(users: UsersRepository, slug: string): Promise<AuthorProfile | null> {
  const profile = await users.findProfileBySlug(slug);
  return profile && profile.publishedPostCount > 0 ? profile : null;
}

export function createAuthorsService(deps: AuthorsServiceDeps): AuthorsService {
  return {
    async getBySlug(slug) {
      const profile = await findAuthorBySlug(deps.users, slug);
      if (!profile) throw new NotFoundError("author", slug);
      const { user } = profile;
      return {
        id: user.id,
        slug: user.slug,
        name: user.displayName,
        avatar_url: user.avatarUrl,
        bio: user.bio,
        website_url: user.websiteUrl,
        post_count: profile.publishedPostCount,
      };
    },
  };
}
