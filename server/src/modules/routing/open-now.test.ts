import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Calendar, isOpen } from "../hours/calendar.ts";
import { isOpenNow } from "./open-now.ts";

const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

describe("a team's open-or-closed state, remembered until it changes", () => {
  test("answers as the calendar does at every minute of a week with a holiday and a clock change", () => {
    // Berlin's clocks go back on 25 Oct 2026; the Monday after is a holiday; two periods a day.
    const cal: Calendar = {
      timezone: "Europe/Berlin",
      periods: [...weekdays("09:00", "12:30"), ...weekdays("13:15", "17:00")],
      holidays: ["2026-10-26"],
    };
    const from = Date.parse("2026-10-23T00:00:00Z");
    let differences = 0;
    for (let t = from; t < from + 7 * 86_400_000; t += 60_000) {
      const at = new Date(t);
      if (isOpenNow(cal, at) !== isOpen(cal, at)) differences++;
    }
    assert.equal(differences, 0);
  });

  test("a remembered answer ends at the next opening or closing, not a minute later", () => {
    const cal: Calendar = { timezone: "America/New_York", periods: weekdays("09:00", "17:00"), holidays: [] };
    // Wed 2 Dec 2026, 16:59:30 in New York (21:59:30 UTC): open, closing in 30 seconds.
    assert.equal(isOpenNow(cal, new Date("2026-12-02T21:59:30Z")), true);
    assert.equal(isOpenNow(cal, new Date("2026-12-02T21:59:59.999Z")), true);
    assert.equal(isOpenNow(cal, new Date("2026-12-02T22:00:00Z")), false, "closed at 17:00 sharp");
    // 08:59:45 the next morning: closed, opening in 15 seconds.
    assert.equal(isOpenNow(cal, new Date("2026-12-03T13:59:45Z")), false);
    assert.equal(isOpenNow(cal, new Date("2026-12-03T14:00:00Z")), true, "open at 09:00 sharp");
  });

  test("edited business hours are a different calendar, answered afresh", () => {
    const at = new Date("2026-12-02T15:00:00Z"); // Wednesday 16:00 in Berlin
    const base = { timezone: "Europe/Berlin", holidays: [] as string[] };
    assert.equal(isOpenNow({ ...base, periods: weekdays("09:00", "17:00") }, at), true);
    assert.equal(isOpenNow({ ...base, periods: weekdays("09:00", "15:00") }, at), false);
    assert.equal(
      isOpenNow({ ...base, periods: weekdays("09:00", "17:00"), holidays: ["2026-12-02"] }, at),
      false,
    );
  });
});
