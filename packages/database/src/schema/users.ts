import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** Roles a user can hold; the auth issue builds RBAC on top of these values. */
export const userRoles = ["admin", "editor", "author", "contributor", "subscriber"] as const;
export type UserRole = (typeof userRoles)[number];

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
    role: text("role").$type<UserRole>().notNull().default("author"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    // Case-insensitive uniqueness without the citext extension: one expression index.
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_slug_key").on(t.slug),
    index("users_role_idx").on(t.role),
    check("users_role_check", sql`${t.role} in ('admin', 'editor', 'author', 'contributor', 'subscriber')`),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
