import { defineConfig } from "drizzle-kit";

// Used to generate the SQL of new migrations from the schema:
//   npx drizzle-kit generate --config packages/database/drizzle.config.ts
// The generated SQL is pasted into a TS migration module in src/migrations/ (with a hand-written
// down), so migrations load from src and dist alike without copying .sql assets.
export default defineConfig({
  dialect: "postgresql",
  schema: "./packages/database/src/schema/index.ts",
  out: "./packages/database/drizzle",
});
