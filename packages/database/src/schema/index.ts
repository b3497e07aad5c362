export * from "./posts.js";
export * from "./settings.js";
export * from "./taxonomy.js";
export * from "./users.js";
