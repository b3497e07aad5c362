import { initial } from "./0001-initial.js";
import { accounts } from "./0002-accounts.js";
import { publishing } from "./0003-publishing.js";
import type { Migration } from "./migration.js";

/** Every migration, oldest first. Append new ones; never reorder or edit released ones. */
export const migrations: readonly Migration[] = [initial, accounts, publishing];
export type { Migration } from "./migration.js";
