import type { Database } from "../db-types.js";

/**
 * A canonical description of the public schema: tables, columns (type, default, nullability),
 * constraints, indexes and enum types. Two databases with equal dumps have the same schema.
 */
export interface SchemaDump {
  tables: string[];
  columns: string[];
  constraints: string[];
  indexes: string[];
  types: string[];
  functions: string[];
}

export async function dumpSchema(database: Database): Promise<SchemaDump> {
  return database.withConnection(async (c) => {
    const lines = async (sql: string): Promise<string[]> =>
      (await c.query<{ line: string }>(sql)).map((r) => r.line);
    return {
      tables: await lines(`
        select table_name as line from information_schema.tables
        where table_schema = 'public' order by 1`),
      columns: await lines(`
        select concat_ws(' ', table_name, column_name, data_type, udt_name, is_nullable,
                         coalesce(column_default, '-'), ordinal_position) as line
        from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`),
      constraints: await lines(`
        select concat_ws(' ', rel.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)) as line
        from pg_constraint con
        join pg_class rel on rel.oid = con.conrelid
        join pg_namespace n on n.oid = rel.relnamespace
        where n.nspname = 'public' order by rel.relname, con.conname`),
      indexes: await lines(`
        select concat_ws(' ', tablename, indexname, indexdef) as line
        from pg_indexes where schemaname = 'public' order by tablename, indexname`),
      types: await lines(`
        select concat_ws(' ', t.typname, string_agg(e.enumlabel, ',' order by e.enumsortorder)) as line
        from pg_type t join pg_enum e on e.enumtypid = t.oid
        join pg_namespace n on n.oid = t.typnamespace
        where n.nspname = 'public' group by t.typname order by 1`),
      functions: await lines(`
        select p.proname as line from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' order by 1`),
    };
  });
}
