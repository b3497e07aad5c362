import { eq, sql } from "drizzle-orm";
import { siteSettings } from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

/**
 * Site settings changed at runtime (`site_settings`): one JSON value per key. The repository does
 * not know the shapes; the domain that owns a key parses what `get` returns and supplies defaults.
 */
export class SiteSettingsRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  /** The stored value of `key`, or null when it was never set. Reads the primary: settings must apply at once. */
  async get(key: string): Promise<unknown> {
    const rows = await this.access.write
      .select({ value: siteSettings.value })
      .from(siteSettings)
      .where(eq(siteSettings.key, key))
      .limit(1);
    return rows[0]?.value ?? null;
  }

  /** Stores `value` under `key` (insert or replace). */
  async set(key: string, value: unknown, updatedBy: string | null): Promise<void> {
    await this.access.write
      .insert(siteSettings)
      .values({ key, value, updatedBy })
      .onConflictDoUpdate({ target: siteSettings.key, set: { value, updatedBy, updatedAt: sql`now()` } });
  }

  async remove(key: string): Promise<void> {
    await this.access.write.delete(siteSettings).where(eq(siteSettings.key, key));
  }
}
