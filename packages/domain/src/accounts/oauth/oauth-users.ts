import type { OAuthProfile } from "@folio/auth";
import { isEmail, isHttpUrl } from "@folio/core";
import { AccountsRepository, type Db, type UserRow, UsersRepository } from "@folio/database";
import { freeUserSlug } from "../registration.flow.js";

const DISPLAY_NAME_MAX = 100;

/** The provider's name, else the email's local part: users never see an empty name. */
export function displayNameFor(profile: OAuthProfile, email: string): string {
  const name = profile.name?.trim().slice(0, DISPLAY_NAME_MAX);
  if (name) return name;
  return email.slice(0, email.indexOf("@")).slice(0, DISPLAY_NAME_MAX) || "Member";
}

/**
 * A member account for someone who signed in with a provider for the first time. It has no
 * password; the email counts as verified only when the provider says so.
 */
export async function createMemberFromProfile(
  tx: Db,
  profile: OAuthProfile & { email: string },
  now: Date,
): Promise<UserRow> {
  const displayName = displayNameFor(profile, profile.email);
  return new UsersRepository(tx).create({
    email: profile.email,
    displayName,
    slug: await freeUserSlug(new AccountsRepository(tx), displayName),
    role: "member",
    status: "active",
    passwordHash: null,
    emailVerifiedAt: profile.emailVerified ? now : null,
    // Only a plain https URL is worth keeping; anything else would end up in an <img src>.
    avatarUrl:
      profile.avatarUrl !== null && isHttpUrl(profile.avatarUrl, { allowHttp: false })
        ? profile.avatarUrl
        : null,
  });
}

/** Provider emails are untrusted input like any other. */
export function usableEmail(email: string | null): string | null {
  if (email === null) return null;
  const trimmed = email.trim();
  return isEmail(trimmed) ? trimmed : null;
}
