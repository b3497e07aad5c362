/**
 * A migration is a TS module (not a .sql asset) so it loads from src (tsx, vitest) and from the
 * compiled dist alike. `up` and `down` are plain SQL, run in one transaction each.
 */
export interface Migration {
  /** Sortable, unique, never renamed once released: `NNNN_description`. */
  name: string;
  up: string;
  down: string;
}
