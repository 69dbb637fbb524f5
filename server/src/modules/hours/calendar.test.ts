import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  ALWAYS_OPEN,
  addBusinessMinutes,
  businessMinutesBetween,
  type Calendar,
  isOpen,
  isValidZone,
  nextOpening,
} from "./calendar.ts";

const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));
const newYork: Calendar = {
  timezone: "America/New_York",
  periods: weekdays("09:00", "17:00"),
  holidays: ["2026-12-25"],
};
const at = (iso: string) => new Date(iso);

describe("business-hour arithmetic", () => {
  test("a reply due in 2 business hours on Friday at 16:00 is due Monday 10:00, across the spring DST change", () => {
    // Friday 6 March 2026 16:00 EST (UTC-5); the clocks go forward on Sunday 8 March.
    const due = addBusinessMinutes(newYork, at("2026-03-06T21:00:00Z"), 120);
    // Monday 9 March 10:00 EDT is 14:00 UTC: the same wall-clock hour, one hour less of UTC offset.
    assert.equal(due?.toISOString(), "2026-03-09T14:00:00.000Z");
  });

  test("holidays are closed: an hour due from Christmas Eve 16:30 lands on the next Monday", () => {
    const due = addBusinessMinutes(newYork, at("2026-12-24T21:30:00Z"), 60);
    assert.equal(due?.toISOString(), "2026-12-28T14:30:00.000Z");
  });

  test("open minutes across the autumn DST weekend are the two working days' 8 hours each, no more", () => {
    // Friday 30 Oct 09:00 EDT to Monday 2 Nov 09:00 EST (clocks went back on Sunday 1 Nov).
    assert.equal(
      businessMinutesBetween(newYork, at("2026-10-30T13:00:00Z"), at("2026-11-02T14:00:00Z")),
      480,
    );
  });

  test("several periods a day: lunch is not counted", () => {
    const split: Calendar = {
      timezone: "Europe/Berlin",
      periods: [
        { day: 3, start: "09:00", end: "12:00" },
        { day: 3, start: "13:00", end: "17:00" },
      ],
      holidays: [],
    };
    // Wednesday 18 Nov 2026 11:30 CET (UTC+1) plus one open hour: 30 min before lunch, 30 after.
    assert.equal(
      addBusinessMinutes(split, at("2026-11-18T10:30:00Z"), 60)?.toISOString(),
      "2026-11-18T12:30:00.000Z",
    );
    assert.equal(isOpen(split, at("2026-11-18T11:30:00Z")), false, "12:30 local is lunch");
    assert.equal(nextOpening(split, at("2026-11-18T11:30:00Z"))?.toISOString(), "2026-11-18T12:00:00.000Z");
  });

  test("a 24-hour day on the spring-forward Sunday has 23 hours of open time", () => {
    const allDay: Calendar = {
      timezone: "America/New_York",
      periods: [{ day: 0, start: "00:00", end: "24:00" }],
      holidays: [],
    };
    assert.equal(
      businessMinutesBetween(allDay, at("2026-03-08T00:00:00Z"), at("2026-03-09T12:00:00Z")),
      23 * 60,
    );
  });

  test("a calendar with no open time answers null, never a made-up time; ALWAYS_OPEN counts wall-clock time", () => {
    const closed: Calendar = { timezone: "UTC", periods: [], holidays: [] };
    assert.equal(addBusinessMinutes(closed, at("2026-01-01T00:00:00Z"), 5), null);
    assert.equal(nextOpening(closed, at("2026-01-01T00:00:00Z")), null);
    assert.equal(
      addBusinessMinutes(ALWAYS_OPEN, at("2026-01-01T23:30:00Z"), 90)?.toISOString(),
      "2026-01-02T01:00:00.000Z",
    );
  });

  test("zones are checked by name", () => {
    assert.equal(isValidZone("Asia/Kolkata"), true);
    assert.equal(isValidZone("Mars/Olympus_Mons"), false);
  });
});
