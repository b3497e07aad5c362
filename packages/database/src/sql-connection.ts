import type { SqlConnection } from "./db-types.js";

/** Runs `fn` between BEGIN and COMMIT on one dedicated connection; ROLLBACK when it throws. */
export async function inTransaction(connection: SqlConnection, fn: () => Promise<void>): Promise<void> {
  await connection.exec("BEGIN");
  try {
    await fn();
    await connection.exec("COMMIT");
  } catch (error) {
    await connection.exec("ROLLBACK");
    throw error;
  }
}
