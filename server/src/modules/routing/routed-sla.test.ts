import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Calendar } from "../hours/calendar.ts";
import { computeDues } from "../sla/dues.ts";
import { newDesk, openCase, type RoutingWorld, routedEvent, startRoutingWorld } from "./routing.testkit.ts";

/**
 * Routing chooses the team inside the case's insert (routing_choose, migration 0085), after the
 * SLA dues had to be computed: they are computed under every team calendar beforehand and the
 * insert takes the chosen team's (sla/on-create.ts, createdSlaForRouting). These prove a routed
 * case's clock runs in the hours of the team it was routed to, as when a team is named.
 */
let w: RoutingWorld;
before(async () => {
  w = await startRoutingWorld();
});
after(() => w.server.close());

// Open half an hour a day, every day: a one-hour target is never met the same hour, so a due
// computed around the clock (the workspace has no default calendar) cannot pass for this one.
const halfHourADay: Calendar = {
  timezone: "UTC",
  periods: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: "05:00", end: "05:30" })),
  holidays: [],
};

type CreatedCase = { id: string; createdAt: string; sla: { firstReplyDueAt: string | null } };

describe("SLA dues of a routed case", () => {
  test("follow the calendar of the team routing chose, and the workspace's when that team has none", async () => {
    const { teamId: early, customer } = await newDesk(w, {
      name: "Half-hour desk",
      agents: 1,
      tag: "half-hour",
    });
    const { teamId: plain } = await newDesk(w, { name: "Round-the-clock desk", agents: 1, tag: "plain" });
    const hours = await w.admin.post("/api/v1/business-hours", {
      name: "Half hour",
      teamId: early,
      ...halfHourADay,
    });
    assert.equal(hours.status, 201, JSON.stringify(hours.body));
    const policy = await w.admin.post("/api/v1/sla-policies", {
      name: "One hour in the team's hours",
      targets: { firstReplyMinutes: 60 },
    });
    assert.equal(policy.status, 201, JSON.stringify(policy.body));

    const routed = (await openCase(w, customer, { tags: ["half-hour"] })) as unknown as CreatedCase;
    assert.equal((await routedEvent(w, routed.id))?.data.teamId, early, "routed to the team with hours");
    const inTeamHours = computeDues(
      halfHourADay,
      { firstReplyMinutes: 60 },
      { createdAt: new Date(routed.createdAt), firstRepliedAt: null, nextReplyFrom: null, pausedMinutes: 0 },
    ).firstReply?.toISOString();
    assert.equal(routed.sla.firstReplyDueAt, inTeamHours, "due in the routed team's business hours");
    const hoursLater =
      (Date.parse(routed.sla.firstReplyDueAt ?? "") - Date.parse(routed.createdAt)) / 3_600_000;
    assert.ok(hoursLater > 20, `not one hour around the clock (${hoursLater} h)`);

    // The same team named explicitly gives the same span (the path that knew the team beforehand).
    const named = (await openCase(w, customer, { teamId: early })) as unknown as CreatedCase;
    assert.equal(
      named.sla.firstReplyDueAt,
      computeDues(
        halfHourADay,
        { firstReplyMinutes: 60 },
        { createdAt: new Date(named.createdAt), firstRepliedAt: null, nextReplyFrom: null, pausedMinutes: 0 },
      ).firstReply?.toISOString(),
    );

    const elsewhere = (await openCase(w, customer, { tags: ["plain"] })) as unknown as CreatedCase;
    assert.equal((await routedEvent(w, elsewhere.id))?.data.teamId, plain);
    assert.equal(
      Date.parse(elsewhere.sla.firstReplyDueAt ?? "") - Date.parse(elsewhere.createdAt),
      3_600_000,
      "a team without hours of its own: around the clock, as the workspace has no calendar",
    );

    const unrouted = (await openCase(w, customer, { tags: ["nothing-matches"] })) as unknown as CreatedCase;
    assert.equal(await routedEvent(w, unrouted.id), undefined);
    assert.equal(Date.parse(unrouted.sla.firstReplyDueAt ?? "") - Date.parse(unrouted.createdAt), 3_600_000);
  });
});
