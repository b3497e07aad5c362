import { Param, SQL, StringChunk, type SQLChunk } from "drizzle-orm";
import type { Db } from "../db-types.js";

/**
 * A parameterised statement whose SQL text is assembled once (at module load or on first use)
 * and only bound to values per call. Hot read paths use it instead of drizzle's query builder:
 * rebuilding and re-serialising the builder's object graph costs more CPU than the query itself
 * takes to run. Values always travel as bind parameters (`$1`, `$2`, …), never in the text, and
 * the statement is unnamed, so it stays safe behind pgbouncer in transaction mode.
 */
export class StaticStatement<TArgs> {
  private readonly texts: readonly StringChunk[];

  /** Use `StatementBuilder`; `texts` has one more entry than `values` has getters. */
  constructor(
    texts: readonly string[],
    private readonly values: readonly ((args: TArgs) => unknown)[],
  ) {
    if (texts.length !== values.length + 1) {
      throw new Error(`a statement with ${values.length} parameters needs ${values.length + 1} text parts`);
    }
    this.texts = texts.map((text) => new StringChunk(text));
  }

  /** The SQL text, parameters as `$1`, `$2`, … (for tests and EXPLAIN). */
  get text(): string {
    return this.texts
      .map((chunk, i) => chunk.value.join("") + (i < this.values.length ? `$${i + 1}` : ""))
      .join("");
  }

  bind(args: TArgs): SQL {
    const chunks: SQLChunk[] = [this.texts[0]!];
    for (let i = 0; i < this.values.length; i += 1) {
      chunks.push(new Param(this.values[i]!(args)), this.texts[i + 1]);
    }
    return new SQL(chunks);
  }

  /** Runs the statement and returns its rows as the driver decoded them. */
  async rows<TRow>(db: Db, args: TArgs): Promise<TRow[]> {
    return rowsOf<TRow>(await db.execute(this.bind(args)));
  }
}

/** Both drivers (node-postgres `QueryResult`, PGlite `Results`) return `{ rows }` from execute. */
function rowsOf<TRow>(result: unknown): TRow[] {
  const rows = (result as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw new Error("the database driver returned no rows array");
  return rows as TRow[];
}

/** Assembles a `StaticStatement`: constant SQL text, and one getter per bind parameter. */
export class StatementBuilder<TArgs> {
  private readonly texts: string[] = [""];
  private readonly values: ((args: TArgs) => unknown)[] = [];

  /** Constant SQL text (never values: those go through `param`). */
  text(sql: string): this {
    this.texts[this.texts.length - 1] += sql;
    return this;
  }

  /** A bind parameter whose value `get` reads from the call's arguments. */
  param(get: (args: TArgs) => unknown): this {
    this.values.push(get);
    this.texts.push("");
    return this;
  }

  build(): StaticStatement<TArgs> {
    return new StaticStatement([...this.texts], [...this.values]);
  }
}
