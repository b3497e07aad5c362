import type { AuditEntry } from "@folio/types";

/** Columns of the audit export, in order (the header row names them). */
export const AUDIT_CSV_COLUMNS = [
  "id",
  "occurred_at",
  "event",
  "outcome",
  "actor_id",
  "target_type",
  "target_id",
  "ip",
  "user_agent",
  "request_id",
  "details",
] as const satisfies readonly (keyof AuditEntry)[];

// Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection"); tab
// and carriage return are included because some applications strip them and read what follows.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * One CSV field (RFC 4180): text that could start a formula is prefixed with `'` so it shows as
 * text, then the field is quoted (inner quotes doubled) when it holds a comma, quote, line break
 * or edge whitespace. Null becomes an empty field.
 */
export function csvField(value: string | null): string {
  if (value === null) return "";
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A record line with its CRLF terminator. */
export function csvLine(fields: readonly (string | null)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

export function auditCsvHeader(): string {
  return csvLine(AUDIT_CSV_COLUMNS);
}

export function auditCsvRow(entry: AuditEntry): string {
  return csvLine(
    AUDIT_CSV_COLUMNS.map((column) => {
      const value = entry[column];
      if (column === "details") return JSON.stringify(value);
      return value as string | null;
    }),
  );
}
