import { ConflictError } from "@folio/core";
import { asc, count, eq, sql } from "drizzle-orm";
import { roles, users, type RoleRow } from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

export interface RoleWithUsage extends RoleRow {
  /** Users holding the role (any status). */
  userCount: number;
}

export interface NewRole {
  name: string;
  description: string;
  permissions: string[];
  mfaRequired: boolean;
}

export interface RoleChanges {
  description?: string;
  permissions?: string[];
  mfaRequired?: boolean;
}

function hasPgCode(error: unknown, code: string): boolean {
  for (let e: unknown = error; typeof e === "object" && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}

// Spelled out: drizzle renders columns unqualified in single-table selects.
const userCount = sql<number>`(select count(*) from users u where u.role = "roles"."name")::int`;

/** Built-in and custom roles (`roles`). Built-in permissions live in code, not in these rows. */
export class RolesRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  async list(): Promise<RoleWithUsage[]> {
    const rows = await this.access
      .read()
      .select({ role: roles, userCount })
      .from(roles)
      .orderBy(asc(roles.name));
    return rows.map((r) => ({ ...r.role, userCount: Number(r.userCount) }));
  }

  /** A role by name, from the primary (role changes must be seen at once). */
  async find(name: string): Promise<RoleWithUsage | null> {
    const rows = await this.access.write
      .select({ role: roles, userCount })
      .from(roles)
      .where(eq(roles.name, name))
      .limit(1);
    const row = rows[0];
    return row ? { ...row.role, userCount: Number(row.userCount) } : null;
  }

  /** `ConflictError("role-exists")` when the name is taken. */
  async create(role: NewRole, now: Date): Promise<RoleRow> {
    try {
      const rows = await this.access.write
        .insert(roles)
        .values({ ...role, builtin: false, createdAt: now, updatedAt: now })
        .returning();
      const row = rows[0];
      if (!row) throw new Error("insert into roles returned no row");
      return row;
    } catch (error) {
      if (hasPgCode(error, "23505"))
        throw new ConflictError("role-exists", `a role named ${role.name} exists`);
      throw error;
    }
  }

  async update(name: string, changes: RoleChanges, now: Date): Promise<RoleRow | null> {
    const rows = await this.access.write
      .update(roles)
      .set({ ...changes, updatedAt: now })
      .where(eq(roles.name, name))
      .returning();
    return rows[0] ?? null;
  }

  async countUsers(name: string): Promise<number> {
    const rows = await this.access.write.select({ n: count() }).from(users).where(eq(users.role, name));
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Deletes a custom role nobody holds. Built-in rows are never deleted here; a role that gains a
   * user between the caller's check and this statement is kept by the foreign key (restrict),
   * reported as `ConflictError("role-in-use")`.
   */
  async deleteCustom(name: string): Promise<boolean> {
    try {
      const rows = await this.access.write
        .delete(roles)
        .where(sql`${roles.name} = ${name} and not ${roles.builtin}`)
        .returning({ name: roles.name });
      return rows.length > 0;
    } catch (error) {
      // 23001 restrict_violation (ON DELETE RESTRICT, PostgreSQL 17), 23503 foreign_key_violation.
      if (hasPgCode(error, "23001") || hasPgCode(error, "23503"))
        throw new ConflictError("role-in-use", `role ${name} is assigned to users`);
      throw error;
    }
  }
}
