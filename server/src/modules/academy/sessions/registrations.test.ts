import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { otherWorkspace } from "../../../../test/factories.ts";
import {
  courseWithSessionLesson,
  learnerPool,
  mailAbout,
  type newLearner,
  newSession,
  query,
  type SessionWorld,
  startSessionWorld,
} from "./sessions.testkit.ts";

let w: SessionWorld;
let pool: Array<Awaited<ReturnType<typeof newLearner>>>;
before(async () => {
  w = await startSessionWorld();
  pool = await learnerPool(w, 10);
});
after(() => w.server.close());

type L = Awaited<ReturnType<typeof newLearner>>;
const register = (learner: L, id: string) =>
  learner.client.post(`/api/v1/academy/sessions/${id}/registrations`, {});
const registrations = async (id: string) =>
  (await w.agent.get(`/api/v1/academy/sessions/${id}/registrations`)).body.items;

describe("seats and the waitlist", () => {
  test("parallel registrations never oversell: exactly `capacity` are confirmed, the rest wait", async () => {
    const s = await newSession(w, { capacity: 3 });
    const learners = pool.slice(0, 8);
    const results = await Promise.all(learners.map((l) => register(l, s.id)));
    for (const r of results) assert.equal(r.status, 201, JSON.stringify(r.body));
    const statuses = results.map((r) => r.body.status);
    assert.equal(statuses.filter((x) => x === "confirmed").length, 3);
    assert.equal(statuses.filter((x) => x === "waitlisted").length, 5);
    const positions = results.map((r) => r.body.waitlistPosition).filter((p) => p !== null);
    assert.deepEqual(positions.sort(), [1, 2, 3, 4, 5]);
    const session = await w.agent.get(`/api/v1/academy/sessions/${s.id}`);
    assert.equal(session.body.seatsTaken, 3);
    assert.equal(session.body.seatsLeft, 0);
    assert.equal(session.body.waitlisted, 5);
  });

  test("registering twice is idempotent: one registration, one timeline entry, one mail", async () => {
    const s = await newSession(w);
    const learner = pool[0] as L;
    assert.equal((await register(learner, s.id)).status, 201);
    const again = await register(learner, s.id);
    assert.equal(again.status, 200);
    assert.equal(again.body.status, "confirmed");
    assert.equal((await registrations(s.id)).length, 1);
    const { rows } = await query(
      w,
      "select data from timeline_events where customer_id = $1 and kind = 'academy.session_registered' and data->>'sessionId' = $2",
      [learner.customerId, s.id],
    );
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0].data, { sessionId: s.id, sessionTitle: s.title, status: "confirmed" });
    assert.equal((await mailAbout(w, learner.email, s.slug)).length, 1);
  });

  test("cancelling frees the seat for the first waitlisted, who is told; the others move up", async () => {
    const s = await newSession(w, { capacity: 1 });
    const [a, b, c] = pool as [L, L, L];
    assert.equal((await register(a, s.id)).body.status, "confirmed");
    assert.equal((await register(b, s.id)).body.waitlistPosition, 1);
    assert.equal((await register(c, s.id)).body.waitlistPosition, 2);
    assert.match((await mailAbout(w, b.email, s.slug))[0]?.subject ?? "", /^You're on the waitlist: /);
    assert.equal(
      (await mailAbout(w, b.email, s.slug))[0]?.headers.calendar,
      undefined,
      "no invite while waiting",
    );

    const gone = await a.client.delete(`/api/v1/academy/sessions/${s.id}/registrations`);
    assert.equal(gone.status, 200, JSON.stringify(gone.body));
    assert.equal(gone.body.status, "cancelled");
    const after = await registrations(s.id);
    type Row = { customer: { id: string }; status: string; waitlistPosition: number | null };
    const byCustomer = new Map<string, Row>(after.map((r: Row) => [r.customer.id, r]));
    assert.equal(byCustomer.get(b.customerId)?.status, "confirmed", "the first in line got the seat");
    assert.equal(byCustomer.get(c.customerId)?.status, "waitlisted");
    assert.equal(byCustomer.get(c.customerId)?.waitlistPosition, 1);
    const told = (await mailAbout(w, b.email, s.slug)).at(-1);
    assert.match(told?.subject ?? "", /^A seat opened up/);
    assert.equal(told?.headers.calendar?.method, "REQUEST");
    assert.match(
      (await mailAbout(w, a.email, s.slug)).at(-1)?.subject ?? "",
      /^Cancelled: /,
      "a's calendar drops it",
    );
    // Cancelling again: there is nothing of theirs to cancel.
    assert.equal((await a.client.delete(`/api/v1/academy/sessions/${s.id}/registrations`)).status, 404);
    // Coming back puts them at the end of the queue.
    const back = await register(a, s.id);
    assert.equal(back.status, 201);
    assert.equal(back.body.waitlistPosition, 2);
  });

  test("more capacity moves the waitlist up in order", async () => {
    const s = await newSession(w, { capacity: 1 });
    const [, , , a, b, c] = pool as [L, L, L, L, L, L];
    for (const l of [a, b, c]) await register(l, s.id);
    const res = await w.agent.patch(`/api/v1/academy/sessions/${s.id}`, { capacity: 2 });
    assert.equal(res.status, 200);
    const byCustomer = new Map(
      (await registrations(s.id)).map((r: { customer: { id: string }; status: string }) => [
        r.customer.id,
        r.status,
      ]),
    );
    assert.equal(byCustomer.get(b.customerId), "confirmed");
    assert.equal(byCustomer.get(c.customerId), "waitlisted");
    const shrink = await w.agent.patch(`/api/v1/academy/sessions/${s.id}`, { capacity: 1 });
    assert.equal(shrink.status, 422);
    assert.equal(shrink.body.error.field, "capacity");
  });

  test("the customer's portal list shows their status; sessions of another workspace answer 404", async () => {
    const s = await newSession(w);
    const learner = pool[1] as L;
    await register(learner, s.id);
    const mine = await learner.client.get("/api/v1/portal/academy/sessions");
    assert.equal(mine.status, 200);
    const item = mine.body.items.find((i: { session: { id: string } }) => i.session.id === s.id);
    assert.equal(item.registration.status, "confirmed");
    assert.equal(item.session.joinUrl, "https://meet.example.com/speakers");
    const stranger = pool[2] as L;
    const seen = await stranger.client.get(`/api/v1/portal/academy/sessions/${s.slug}`);
    assert.equal(seen.body.registration, null);
    assert.equal(seen.body.session.joinUrl, null, "the join link is for registered customers");

    const other = await otherWorkspace(w.server);
    const theirs = await other.client.post("/api/v1/academy/sessions", {
      title: "Other co session",
      startsAt: "2030-01-01T10:00:00Z",
      hostTimeZone: "UTC",
      durationMinutes: 30,
      capacity: 5,
    });
    assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
    assert.equal((await register(learner, theirs.body.id)).status, 404);
    assert.equal((await w.agent.get(`/api/v1/academy/sessions/${theirs.body.id}/registrations`)).status, 404);
  });
});

describe("attendance", () => {
  test("the host's check completes the session lesson, records it on the timeline once", async () => {
    const s = await newSession(w);
    const { courseId, lessonId } = await courseWithSessionLesson(w, s.id);
    const [here, absent] = pool as [L, L];
    await register(here, s.id);
    await register(absent, s.id);
    const res = await w.agent.post(`/api/v1/academy/sessions/${s.id}/attendance`, {
      customerIds: [here.customerId, "00000000-0000-4000-8000-000000000001"],
      attended: true,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { marked: 1, notRegistered: ["00000000-0000-4000-8000-000000000001"] });
    const progress = await query(
      w,
      "select completed_via from academy_lesson_progress where lesson_id = $1 and customer_id = $2 and completed_at is not null",
      [lessonId, here.customerId],
    );
    assert.equal(progress.rows[0]?.completed_via, "attended");
    const enrollment = await query(
      w,
      "select completed_at from academy_enrollments where course_id = $1 and customer_id = $2",
      [courseId, here.customerId],
    );
    assert.ok(enrollment.rows[0]?.completed_at, "the course (one required session lesson) is complete");
    const none = await query(
      w,
      "select 1 from academy_lesson_progress where lesson_id = $1 and customer_id = $2",
      [lessonId, absent.customerId],
    );
    assert.equal(none.rows.length, 0, "who did not attend made no progress");
    // Checking again writes no second timeline entry.
    await w.agent.post(`/api/v1/academy/sessions/${s.id}/attendance`, {
      customerIds: [here.customerId],
      attended: true,
    });
    const events = await query(
      w,
      "select data from timeline_events where customer_id = $1 and kind = 'academy.session_attended' and data->>'sessionId' = $2",
      [here.customerId, s.id],
    );
    assert.equal(events.rows.length, 1);
    const regs = await registrations(s.id);
    assert.equal(
      regs.find((r: { customer: { id: string } }) => r.customer.id === here.customerId).attended,
      true,
    );
  });

  test("a CSV import marks registered customers by email and reports the unknown ones", async () => {
    const s = await newSession(w);
    const [a, b] = pool as [L, L];
    await register(a, s.id);
    await register(b, s.id);
    const csv = `email\n${a.email.toUpperCase()}\nnobody@example.test\n\n`;
    const res = await w.agent.request("POST", `/api/v1/academy/sessions/${s.id}/attendance/import`, csv, {
      "content-type": "text/csv",
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { marked: 1, unknownEmails: ["nobody@example.test"] });
    const regs = await registrations(s.id);
    const byCustomer = new Map(
      regs.map((r: { customer: { id: string }; attended: boolean | null }) => [r.customer.id, r.attended]),
    );
    assert.equal(byCustomer.get(a.customerId), true);
    assert.equal(byCustomer.get(b.customerId), null);
    const notCsv = await w.agent.post(`/api/v1/academy/sessions/${s.id}/attendance/import`, { emails: [] });
    assert.equal(notCsv.status, 400);
    assert.equal(notCsv.body.error.field, "csv");
  });
});
