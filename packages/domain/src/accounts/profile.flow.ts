import { hashOpaqueToken } from "@folio/auth";
import { NotFoundError } from "@folio/core";
import { AccountsRepository, OutboxRepository, type UserChanges } from "@folio/database";
import type { User } from "@folio/types";
import { enqueueEmail } from "../messaging/outbox.js";
import { InvalidOneTimeTokenError } from "./account-errors.js";
import { isUniqueViolation } from "./account-rules.js";
import { ACCOUNT_LINK_PATHS, ACCOUNT_TTLS, type AccountsContext } from "./accounts-context.js";
import { recordAudit, type RequestMeta } from "./audit.js";
import { issueOneTimeToken } from "./one-time-tokens.js";
import type { Actor } from "./sessions.flow.js";
import { loadUserView } from "./user-view.js";

export interface ProfileChanges {
  displayName?: string | undefined;
  bio?: string | null | undefined;
  websiteUrl?: string | null | undefined;
  avatarUrl?: string | null | undefined;
}

export function getMe(ctx: AccountsContext, actor: Actor): Promise<User> {
  return loadUserView(ctx.database, actor.userId);
}

/**
 * Updates the public profile. The slug stays: links to the author page keep working after a
 * rename. Cached author pages are invalidated through `author.updated`.
 */
export async function updateMe(
  ctx: AccountsContext,
  actor: Actor,
  changes: ProfileChanges,
  meta: RequestMeta,
): Promise<User> {
  const set: UserChanges = {};
  if (changes.displayName !== undefined) set.displayName = changes.displayName.trim();
  if (changes.bio !== undefined)
    set.bio = changes.bio === null || changes.bio.trim() === "" ? null : changes.bio.trim();
  if (changes.websiteUrl !== undefined) set.websiteUrl = changes.websiteUrl;
  if (changes.avatarUrl !== undefined) set.avatarUrl = changes.avatarUrl;
  const now = ctx.now();
  const view = await ctx.database.transaction(async (tx) => {
    if (Object.keys(set).length > 0) {
      const user = await new AccountsRepository(tx).updateUser(actor.userId, set, now);
      if (!user) throw new NotFoundError("user", actor.userId);
      await recordAudit(tx, {
        event: "account.profile_updated",
        actorId: actor.userId,
        targetId: actor.userId,
        meta,
        details: { fields: Object.keys(set) },
      });
    }
    return loadUserView(tx, actor.userId);
  });
  if (Object.keys(set).length > 0) {
    await ctx.events.emit("author.updated", { slug: view.slug }).catch(() => undefined);
  }
  return view;
}

/**
 * Starts an email change: a confirmation link goes to the new address; the old one is told once
 * the change is confirmed (there is no "change requested" template yet). A new address that already has an account is answered the same way but gets no link,
 * so the endpoint reveals nothing about other accounts.
 */
export async function requestEmailChange(
  ctx: AccountsContext,
  actor: Actor,
  newEmail: string,
  meta: RequestMeta,
): Promise<void> {
  const email = newEmail.trim();
  const now = ctx.now();
  await ctx.database.transaction(async (tx) => {
    const accounts = new AccountsRepository(tx);
    const user = await accounts.findUserById(actor.userId);
    if (!user) throw new NotFoundError("user", actor.userId);
    if (user.email.toLowerCase() === email.toLowerCase()) return;
    const taken = await accounts.findUserByEmail(email);
    await recordAudit(tx, {
      event: "account.email_change_requested",
      actorId: user.id,
      targetId: user.id,
      meta,
      details: taken ? { outcome: "address-taken" } : {},
    });
    if (taken) return;
    const issued = await issueOneTimeToken(accounts, {
      userId: user.id,
      purpose: "change-email",
      ttlMs: ACCOUNT_TTLS.changeEmailMs,
      now,
      data: { newEmail: email, oldEmail: user.email },
    });
    await enqueueEmail(new OutboxRepository(tx), {
      to: email,
      template: "change-email",
      data: {
        name: user.displayName,
        url: ctx.link(ACCOUNT_LINK_PATHS.confirmEmailChange, { token: issued.secret }),
        newEmail: email,
      },
      dedupeKey: `change-email:${issued.id}`,
    });
  });
}

/** Completes an email change with the link sent to the new address (single use, 24 h). */
export async function confirmEmailChange(
  ctx: AccountsContext,
  token: string,
  meta: RequestMeta,
): Promise<User> {
  const now = ctx.now();
  try {
    return await ctx.database.transaction(async (tx) => {
      const accounts = new AccountsRepository(tx);
      const row = await accounts.consumeOneTimeToken("change-email", hashOpaqueToken(token), now);
      const newEmail = typeof row?.data.newEmail === "string" ? row.data.newEmail : null;
      if (!row || newEmail === null) throw new InvalidOneTimeTokenError();
      const before = await accounts.findUserById(row.userId);
      const user = await accounts.updateUser(row.userId, { email: newEmail, emailVerifiedAt: now }, now);
      if (!before || !user) throw new InvalidOneTimeTokenError();
      // The notice goes to the old address: if this was not its owner, they can act now.
      await enqueueEmail(new OutboxRepository(tx), {
        to: before.email,
        template: "email-changed",
        data: { name: user.displayName, newEmail, resetUrl: ctx.link(ACCOUNT_LINK_PATHS.forgotPassword) },
        dedupeKey: `email-changed:${row.id}`,
      });
      await recordAudit(tx, {
        event: "account.email_changed",
        actorId: user.id,
        targetId: user.id,
        meta,
        details: { from: row.data.oldEmail ?? null, to: newEmail },
      });
      return loadUserView(tx, user.id);
    });
  } catch (error) {
    // Someone took the address between request and confirmation.
    if (isUniqueViolation(error)) throw new InvalidOneTimeTokenError();
    throw error;
  }
}
