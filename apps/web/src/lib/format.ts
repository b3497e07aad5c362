// Dates are formatted on the server only (server components never re-render on the client), in
// UTC so a page reads the same wherever it is rendered or cached.
const dateFormat = new Intl.DateTimeFormat("en", {
  year: "numeric",
  month: "long",
  day: "numeric",
  timeZone: "UTC",
});
const shortDateFormat = new Intl.DateTimeFormat("en", {
  year: "numeric",
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export function formatShortDate(iso: string): string {
  return shortDateFormat.format(new Date(iso));
}

export function formatReadingTime(minutes: number): string {
  return `${Math.max(1, minutes)} min read`;
}

/** "Ada", "Ada and Grace", "Ada, Grace and Linus". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;
}

/** Up to two initials for an avatar placeholder. */
export function initials(name: string): string {
  const letters = name
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => w[0]?.toUpperCase() ?? "");
  if (letters.length === 0) return "?";
  return letters.length === 1
    ? (letters[0] ?? "?")
    : `${letters[0] ?? ""}${letters[letters.length - 1] ?? ""}`;
}

/** First query-string value, ignoring repeats (`?cursor=a&cursor=b` -> "a"). */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
