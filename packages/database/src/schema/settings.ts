import { boolean, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Runtime overrides of feature flags (defaults live in configuration). */
export const featureFlags = pgTable("feature_flags", {
  name: text("name").primaryKey(),
  enabled: boolean("enabled").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type FeatureFlagRow = typeof featureFlags.$inferSelect;
