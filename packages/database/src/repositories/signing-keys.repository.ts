import { asc, lte } from "drizzle-orm";
import { signingKeys, type SigningKeyRow } from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

export type NewSigningKey = SigningKeyRow;

/**
 * JWT signing keys shared by every API process (private halves sealed by the caller). The
 * domain adapts it to @folio/auth's `SigningKeyStore` port.
 */
export class SigningKeysRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  /** Always the primary: a key another process just created must be found at once. */
  async list(): Promise<SigningKeyRow[]> {
    return this.access.write.select().from(signingKeys).orderBy(asc(signingKeys.createdAt));
  }

  /** A duplicate `kid` is an error (kids are random, so it means a bug). */
  async insert(key: NewSigningKey): Promise<void> {
    await this.access.write.insert(signingKeys).values(key);
  }

  async deleteExpired(now: Date): Promise<number> {
    const rows = await this.access.write
      .delete(signingKeys)
      .where(lte(signingKeys.expiresAt, now))
      .returning({ kid: signingKeys.kid });
    return rows.length;
  }
}
