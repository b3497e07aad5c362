export * from "./errors.js";
export * from "./problem-details.js";
export * from "./cursor.js";
export * from "./ids.js";
