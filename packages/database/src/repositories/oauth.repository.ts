import { ConflictError, uuidv7 } from "@folio/core";
import { and, asc, count, eq, lt } from "drizzle-orm";
import {
  oauthAccounts,
  oauthFlows,
  users,
  type OAuthAccountRow,
  type OAuthFlowRow,
} from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

export interface NewOAuthFlow {
  /** SHA-256 of the state; the state itself lives only in the browser's cookie and the URL. */
  stateHash: string;
  provider: string;
  codeVerifier: string;
  nonce: string;
  redirectTo: string | null;
  /** Set when a signed-in user links a provider. */
  linkUserId: string | null;
  expiresAt: Date;
}

/** How a user can sign in: a password, and/or linked providers. */
export interface SignInMethods {
  hasPassword: boolean;
  providers: string[];
}

export interface NewOAuthAccount {
  userId: string;
  provider: string;
  subject: string;
  email: string | null;
  lastLoginAt?: Date | null;
}

/** Both unique indexes of oauth_accounts; a violation of either is a conflict, not a crash. */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; typeof e === "object" && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/** Social identities (`oauth_accounts`) and authorizations in flight (`oauth_flows`). */
export class OAuthRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  async createFlow(flow: NewOAuthFlow): Promise<OAuthFlowRow> {
    const rows = await this.access.write.insert(oauthFlows).values(flow).returning();
    const row = rows[0];
    if (!row) throw new Error("insert into oauth_flows returned no row");
    return row;
  }

  /**
   * Deletes the flow with this state hash and returns it — expired or not, so one state is
   * never usable twice. The caller checks `provider` and `expiresAt`.
   */
  async takeFlow(stateHash: string): Promise<OAuthFlowRow | null> {
    const rows = await this.access.write
      .delete(oauthFlows)
      .where(eq(oauthFlows.stateHash, stateHash))
      .returning();
    return rows[0] ?? null;
  }

  /** Removes abandoned flows; returns how many. */
  async deleteExpiredFlows(now: Date): Promise<number> {
    const rows = await this.access.write
      .delete(oauthFlows)
      .where(lt(oauthFlows.expiresAt, now))
      .returning({ stateHash: oauthFlows.stateHash });
    return rows.length;
  }

  async findAccount(provider: string, subject: string): Promise<OAuthAccountRow | null> {
    const rows = await this.access.write
      .select()
      .from(oauthAccounts)
      .where(and(eq(oauthAccounts.provider, provider), eq(oauthAccounts.subject, subject)))
      .limit(1);
    return rows[0] ?? null;
  }

  async findUserAccount(userId: string, provider: string): Promise<OAuthAccountRow | null> {
    const rows = await this.access.write
      .select()
      .from(oauthAccounts)
      .where(and(eq(oauthAccounts.userId, userId), eq(oauthAccounts.provider, provider)))
      .limit(1);
    return rows[0] ?? null;
  }

  /** The user's linked identities, oldest first. */
  async listUserAccounts(userId: string): Promise<OAuthAccountRow[]> {
    return this.access.write
      .select()
      .from(oauthAccounts)
      .where(eq(oauthAccounts.userId, userId))
      .orderBy(asc(oauthAccounts.createdAt), asc(oauthAccounts.id));
  }

  async countUserAccounts(userId: string): Promise<number> {
    const rows = await this.access.write
      .select({ n: count() })
      .from(oauthAccounts)
      .where(eq(oauthAccounts.userId, userId));
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Links an identity. `ConflictError("oauth-account-taken")` when the identity already belongs
   * to a user or this user already has an identity of that provider (both unique indexes).
   */
  async linkAccount(account: NewOAuthAccount): Promise<OAuthAccountRow> {
    try {
      const rows = await this.access.write
        .insert(oauthAccounts)
        .values({ ...account, id: uuidv7() })
        .returning();
      const row = rows[0];
      if (!row) throw new Error("insert into oauth_accounts returned no row");
      return row;
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError("oauth-account-taken", "This sign-in provider account is already linked.");
      }
      throw error;
    }
  }

  /** Scoped by user: another user's identity is never touched. True when a row was removed. */
  async unlinkAccount(userId: string, provider: string): Promise<boolean> {
    const rows = await this.access.write
      .delete(oauthAccounts)
      .where(and(eq(oauthAccounts.userId, userId), eq(oauthAccounts.provider, provider)))
      .returning({ id: oauthAccounts.id });
    return rows.length > 0;
  }

  /**
   * The user's sign-in methods with the user row locked (`FOR UPDATE`) until the transaction
   * ends, so two concurrent unlinks cannot both remove "the other" method. Null for no user.
   * Call it inside `database.transaction`.
   */
  async signInMethodsForUpdate(userId: string): Promise<SignInMethods | null> {
    const locked = await this.access.write
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    const user = locked[0];
    if (!user) return null;
    const accounts = await this.listUserAccounts(userId);
    return { hasPassword: user.passwordHash !== null, providers: accounts.map((a) => a.provider) };
  }

  /** Records a sign-in and refreshes the email the provider reported. */
  async recordLogin(id: string, at: Date, email: string | null): Promise<void> {
    await this.access.write
      .update(oauthAccounts)
      .set({ lastLoginAt: at, email })
      .where(eq(oauthAccounts.id, id));
  }
}
