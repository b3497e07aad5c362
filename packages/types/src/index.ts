export * from "./common.js";
export * from "./authors.js";
export * from "./taxonomy.js";
export * from "./posts.js";
export * from "./health.js";
