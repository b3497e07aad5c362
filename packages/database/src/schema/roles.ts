import { sql } from "drizzle-orm";
import { boolean, check, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Built-in roles (owner … member) and custom ones. Built-in permissions come from code
 * (`@folio/auth` BUILTIN_ROLE_PERMISSIONS) so a release can extend them; a custom role's
 * permissions are stored here. `mfa_required` is the per-role MFA policy.
 */
export const roles = pgTable(
  "roles",
  {
    name: text("name").primaryKey(),
    description: text("description").notNull().default(""),
    permissions: text("permissions")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    builtin: boolean("builtin").notNull().default(false),
    mfaRequired: boolean("mfa_required").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [check("roles_name_check", sql`${t.name} ~ '^[a-z][a-z0-9-]{1,39}$'`)],
);

export type RoleRow = typeof roles.$inferSelect;
export type NewRoleRow = typeof roles.$inferInsert;
