export * from "./accounts.js";
export * from "./audit.js";
export * from "./outbox.js";
export * from "./posts.js";
export * from "./roles.js";
export * from "./settings.js";
export * from "./taxonomy.js";
export * from "./users.js";
