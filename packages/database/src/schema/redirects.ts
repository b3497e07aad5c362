import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users.js";

export const redirectKindValues = ["manual", "post", "page", "tag", "category"] as const;
export type RedirectKind = (typeof redirectKindValues)[number];

/**
 * Old site paths and where they went: managed by hand in the dashboard (`manual`) or added when a
 * post, page, tag or category changes its slug. Paths are site-relative (`/old-slug`).
 */
export const redirects = pgTable(
  "redirects",
  {
    id: uuid("id").primaryKey(),
    fromPath: text("from_path").notNull(),
    toPath: text("to_path").notNull(),
    statusCode: integer("status_code").notNull().default(301),
    kind: text("kind").$type<RedirectKind>().notNull().default("manual"),
    hits: integer("hits").notNull().default(0),
    lastHitAt: timestamp("last_hit_at", { withTimezone: true, mode: "date" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("redirects_from_path_key").on(t.fromPath),
    index("redirects_to_path_idx").on(t.toPath),
    check("redirects_status_code_check", sql`${t.statusCode} in (301, 302, 307, 308)`),
    check("redirects_kind_check", sql`${t.kind} in ('manual', 'post', 'page', 'tag', 'category')`),
    check("redirects_paths_check", sql`${t.fromPath} like '/%' and ${t.fromPath} <> ${t.toPath}`),
  ],
);

export type RedirectRow = typeof redirects.$inferSelect;
export type NewRedirectRow = typeof redirects.$inferInsert;
