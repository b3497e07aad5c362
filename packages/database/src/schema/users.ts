import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { roles } from "./roles.js";

/** The built-in roles (rows of `roles` with `builtin`); custom roles add more names. */
export const userRoles = ["owner", "admin", "editor", "author", "contributor", "member"] as const;
export type UserRole = (typeof userRoles)[number];

export const userStatuses = ["active", "invited", "suspended"] as const;
export type UserStatus = (typeof userStatuses)[number];

export const users = pgTable(
  "users",
  {
    // UUIDv7, assigned by the application (time-ordered, so btree inserts stay append-only).
    id: uuid("id").primaryKey(),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    slug: text("slug").notNull(),
    bio: text("bio"),
    avatarUrl: text("avatar_url"),
    websiteUrl: text("website_url"),
    /** A built-in role or a custom one (`roles.name`). */
    role: text("role")
      .notNull()
      .default("member")
      .references(() => roles.name, { onUpdate: "cascade", onDelete: "restrict" }),
    /** argon2id PHC string; null for accounts that only sign in with OAuth or were invited. */
    passwordHash: text("password_hash"),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true, mode: "date" }),
    status: text("status").$type<UserStatus>().notNull().default("active"),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true, mode: "date" }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    // Case-insensitive uniqueness without the citext extension: one expression index.
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_slug_key").on(t.slug),
    index("users_role_idx").on(t.role),
    check("users_status_check", sql`${t.status} in ('active', 'invited', 'suspended')`),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
