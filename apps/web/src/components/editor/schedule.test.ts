import { describe, expect, it } from "vitest";
import { describeSchedule, utcToZoned, zonedToUtcIso } from "./schedule";

describe("zonedToUtcIso", () => {
  it("converts a wall-clock time in a zone to UTC", () => {
    expect(zonedToUtcIso("2026-12-02", "09:00", "Europe/Paris")).toBe("2026-12-02T08:00:00.000Z");
    expect(zonedToUtcIso("2026-07-02", "09:00", "Europe/Paris")).toBe("2026-07-02T07:00:00.000Z");
    expect(zonedToUtcIso("2026-12-02", "09:00", "America/New_York")).toBe("2026-12-02T14:00:00.000Z");
    expect(zonedToUtcIso("2026-12-02", "09:00", "Asia/Kolkata")).toBe("2026-12-02T03:30:00.000Z");
    expect(zonedToUtcIso("2026-12-02", "09:00", "UTC")).toBe("2026-12-02T09:00:00.000Z");
  });

  it("moves a time skipped by DST forward and takes the earlier of an ambiguous one", () => {
    // Paris springs forward 02:00 → 03:00 on 29 March 2026; 02:30 does not exist.
    expect(zonedToUtcIso("2026-03-29", "02:30", "Europe/Paris")).toBe("2026-03-29T01:30:00.000Z");
    // …and falls back 03:00 → 02:00 on 25 October 2026; 02:30 happens twice.
    expect(zonedToUtcIso("2026-10-25", "02:30", "Europe/Paris")).toBe("2026-10-25T00:30:00.000Z");
  });

  it("answers null for input that does not parse", () => {
    expect(zonedToUtcIso("", "09:00", "UTC")).toBeNull();
    expect(zonedToUtcIso("2026-12-02", "9am", "UTC")).toBeNull();
    expect(zonedToUtcIso("2026-12-02", "09:00", "Not/AZone")).toBeNull();
  });
});

describe("utcToZoned and describeSchedule", () => {
  it("round-trips through a zone", () => {
    expect(utcToZoned("2026-12-02T08:00:00.000Z", "Europe/Paris")).toEqual({
      date: "2026-12-02",
      time: "09:00",
    });
  });

  it("says when a post publishes, in the chosen zone", () => {
    expect(describeSchedule("2026-12-02T08:00:00.000Z", "Europe/Paris")).toBe(
      "Publishes Wed 2 Dec, 09:00 Europe/Paris",
    );
  });
});
