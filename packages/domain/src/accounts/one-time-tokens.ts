import { generateOpaqueToken, hashOpaqueToken } from "@folio/auth";
import type { AccountsRepository, OneTimeTokenPurpose } from "@folio/database";

export interface IssuedOneTimeToken {
  /** What the user receives (link token or code); only its hash is stored. */
  secret: string;
  /** The row id, for the outbox dedupe key. */
  id: string;
}

/**
 * Issues a single-use token or code for `purpose`, retiring the user's open ones of that
 * purpose first (a new link or code replaces the old). Runs on the caller's transaction.
 */
export async function issueOneTimeToken(
  accounts: AccountsRepository,
  input: {
    userId: string;
    purpose: OneTimeTokenPurpose;
    ttlMs: number;
    now: Date;
    /** Default: a 256-bit opaque token; pass a numeric code for MFA. */
    secret?: string;
    data?: Record<string, unknown>;
  },
): Promise<IssuedOneTimeToken> {
  await accounts.invalidateOneTimeTokens(input.userId, [input.purpose], input.now);
  const secret = input.secret ?? generateOpaqueToken();
  const row = await accounts.insertOneTimeToken({
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: hashOpaqueToken(secret),
    ...(input.data === undefined ? {} : { data: input.data }),
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + input.ttlMs),
  });
  return { secret, id: row.id };
}
