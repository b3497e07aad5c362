import { eq, sql } from "drizzle-orm";
import { featureFlags } from "../schema/index.js";
import { dbAccess, type DbSource } from "./base.repository.js";

/**
 * Runtime feature-flag overrides in the database. Satisfies the `FeatureFlagStore` port of
 * @folio/config structurally (load / save / remove), without importing it.
 */
export interface FeatureFlagStoreAdapter {
  load(): Promise<Record<string, boolean>>;
  save(name: string, enabled: boolean): Promise<void>;
  remove(name: string): Promise<void>;
}

export function createFeatureFlagStore(source: DbSource): FeatureFlagStoreAdapter {
  // Flags change rarely and must take effect everywhere at once: always read the primary.
  const { write: db } = dbAccess(source);
  return {
    async load() {
      const rows = await db
        .select({ name: featureFlags.name, enabled: featureFlags.enabled })
        .from(featureFlags);
      return Object.fromEntries(rows.map((r) => [r.name, r.enabled]));
    },
    async save(name, enabled) {
      await db
        .insert(featureFlags)
        .values({ name, enabled })
        .onConflictDoUpdate({ target: featureFlags.name, set: { enabled, updatedAt: sql`now()` } });
    },
    async remove(name) {
      await db.delete(featureFlags).where(eq(featureFlags.name, name));
    },
  };
}
