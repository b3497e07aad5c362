export {
  DEMO_BASE_DATE,
  isDatabaseEmpty,
  seedDemoContent,
  type SeedDemoOptions,
  type SeedDemoResult,
} from "./demo.seed.js";
export { seedBulk, type BulkProgress, type SeedBulkOptions, type SeedBulkResult } from "./bulk.seed.js";
