export {
  DEMO_BASE_DATE,
  isDatabaseEmpty,
  seedDemoContent,
  type SeedDemoOptions,
  type SeedDemoResult,
} from "./demo.seed.js";
