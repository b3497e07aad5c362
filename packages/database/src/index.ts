export { createDatabase, type CreateDatabaseOptions } from "./connection.js";
export type { Database, Db, Schema, SqlConnection } from "./db-types.js";
export { isConnectionError } from "./replicas.js";
export {
  MIGRATIONS_TABLE,
  migrateDown,
  migrateUp,
  migrationStatus,
  type MigrateDownOptions,
  type MigrateUpOptions,
  type MigrationRecord,
} from "./migrator.js";
export { migrations, type Migration } from "./migrations/index.js";
export * from "./schema/index.js";
export * from "./repositories/index.js";
export * from "./seeds/index.js";
export {
  EMBED_SANDBOX,
  READING_WORDS_PER_MINUTE,
  documentExcerpt,
  documentText,
  embedSource,
  postReadingTimeMinutes,
  readingMinutesOfText,
  renderPostBody,
  safeHref,
  safeImageSource,
} from "./content/render-body.js";
