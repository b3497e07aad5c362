// Wall-clock time in an IANA time zone ↔ UTC, for the schedule picker. Intl only (no date
// library): the offset of a zone at an instant comes from formatting that instant in the zone.

/** Every IANA zone the browser knows, with UTC first; a short fallback where Intl lacks the list. */
export function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: "timeZone") => string[] };
  const zones = intl.supportedValuesOf?.("timeZone") ?? ["Europe/London", "Europe/Paris", "America/New_York"];
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** Milliseconds the zone is ahead of UTC at `instant` (Paris in winter: +3 600 000). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * "2026-12-02" + "09:00" in "Europe/Paris" → the UTC instant, as an ISO string. A time skipped by
 * a DST jump moves forward by the jump; an ambiguous one (clocks back) takes the earlier instant.
 * Null when the date or time does not parse.
 */
export function zonedToUtcIso(date: string, time: string, timeZone: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (d === null || t === null) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wall)) return null;
  try {
    // Two passes settle the offset across a DST boundary.
    let guess = wall - zoneOffsetMs(new Date(wall), timeZone);
    guess = wall - zoneOffsetMs(new Date(guess), timeZone);
    const earlier = wall - zoneOffsetMs(new Date(guess - 3_600_000), timeZone);
    if (earlier < guess && wall - zoneOffsetMs(new Date(earlier), timeZone) === earlier) guess = earlier;
    return new Date(guess).toISOString();
  } catch {
    return null;
  }
}

/** The UTC instant as date and time inputs in `timeZone` (to prefill the picker). */
export function utcToZoned(iso: string, timeZone: string): { date: string; time: string } {
  const instant = new Date(iso);
  const shifted = new Date(instant.getTime() + zoneOffsetMs(instant, timeZone));
  const text = shifted.toISOString();
  return { date: text.slice(0, 10), time: text.slice(11, 16) };
}

/** "Publishes Tue 2 Dec, 09:00 Europe/Paris". */
export function describeSchedule(iso: string, timeZone: string, verb = "Publishes"): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return "";
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${verb} ${get("weekday")} ${get("day")} ${get("month")}, ${get("hour")}:${get("minute")} ${timeZone}`;
}
