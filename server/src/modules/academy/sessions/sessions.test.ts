import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { otherWorkspace } from "../../../../test/factories.ts";
import { loadAcademySessionsPage } from "./public-pages.ts";
import { sendSessionReminder } from "./reminders.ts";
import {
  icsField,
  inHours,
  mailTo,
  newLearner,
  newSession,
  query,
  type SessionWorld,
  startSessionWorld,
} from "./sessions.testkit.ts";

let w: SessionWorld;
before(async () => {
  w = await startSessionWorld();
});
after(() => w.server.close());

const valid = {
  title: "Pairing clinic",
  startsAt: "2030-03-05T15:00:00+01:00",
  hostTimeZone: "Europe/Paris",
  durationMinutes: 45,
  capacity: 20,
};

describe("scheduling a session", () => {
  test("bad input is a 400 naming the field, and nothing is written", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ startsAt: "2030-03-05T15:00:00" }, "startsAt"],
      [{ startsAt: "next tuesday" }, "startsAt"],
      [{ hostTimeZone: "Mars/Olympus" }, "hostTimeZone"],
      [{ hostTimeZone: "CEST+1" }, "hostTimeZone"],
      [{ joinUrl: "http://meet.example.com/x" }, "joinUrl"],
      [{ joinUrl: "javascript:alert(1)" }, "joinUrl"],
      [{ capacity: 0 }, "capacity"],
      [{ durationMinutes: 2 }, "durationMinutes"],
      [{ hostMembershipId: "00000000-0000-4000-8000-000000000000" }, "hostMembershipId"],
      [{ colour: "red" }, ""],
    ];
    const { rows: before } = await query(w, "select count(*)::int as n from academy_sessions");
    for (const [patch, field] of cases) {
      const res = await w.agent.post("/api/v1/academy/sessions", { ...valid, ...patch });
      assert.equal(res.status, 400, `${JSON.stringify(patch)} → ${res.status} ${JSON.stringify(res.body)}`);
      if (field) assert.equal(res.body.error.field, field, JSON.stringify(res.body));
    }
    const { rows: afterRows } = await query(w, "select count(*)::int as n from academy_sessions");
    assert.equal(afterRows[0].n, before[0].n);
  });

  test("the start is stored as the instant given, whatever offset it was written in", async () => {
    const res = await w.agent.post("/api/v1/academy/sessions", valid);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.startsAt, "2030-03-05T14:00:00.000Z");
    assert.equal(res.body.hostTimeZone, "Europe/Paris");
    assert.equal(res.body.scheduleVersion, 1);
    assert.equal(res.body.seatsLeft, 20);
    assert.match(res.body.slug, /^pairing-clinic/);
    assert.equal(res.body.host.name, "Test agent", "the caller hosts by default");
  });

  test("customers cannot run sessions; staff of another workspace see none of them (404)", async () => {
    const s = await newSession(w);
    const learner = await newLearner(w);
    assert.equal((await learner.client.post("/api/v1/academy/sessions", valid)).status, 403);
    assert.equal((await learner.client.get(`/api/v1/academy/sessions/${s.id}/registrations`)).status, 403);
    const other = await otherWorkspace(w.server);
    assert.equal((await other.client.get(`/api/v1/academy/sessions/${s.id}`)).status, 404);
    assert.equal((await other.client.patch(`/api/v1/academy/sessions/${s.id}`, { capacity: 5 })).status, 404);
    assert.equal((await other.client.post(`/api/v1/academy/sessions/${s.id}/cancel`, {})).status, 404);
    const list = await other.client.get("/api/v1/academy/sessions");
    assert.equal(list.status, 200);
    assert.equal(list.body.items.length, 0);
  });

  test("reminders are queued as durable jobs 24 h and 1 h before the start", async () => {
    const s = await newSession(w, { startsAt: "2031-01-10T09:00:00Z" });
    const { rows } = await query(
      w,
      "select data, start_after from pgboss.job where name = 'academy.session.reminder' and data->>'sessionId' = $1 order by start_after",
      [s.id],
    );
    assert.deepEqual(
      rows.map((r) => [r.data.which, r.data.scheduleVersion, new Date(r.start_after).toISOString()]),
      [
        ["24h", 1, "2031-01-09T09:00:00.000Z"],
        ["1h", 1, "2031-01-10T08:00:00.000Z"],
      ],
    );
  });
});

describe("what registered customers are sent", () => {
  test("the confirmation carries an .ics: UTC start, SEQUENCE = schedule version, a stable UID; the mail says host time and UTC", async () => {
    const s = await newSession(w, { startsAt: "2030-07-01T16:30:00+02:00", hostTimeZone: "Europe/Paris" });
    const learner = await newLearner(w);
    const res = await learner.client.post(`/api/v1/academy/sessions/${s.id}/registrations`, {});
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.status, "confirmed");
    const [mail] = await mailTo(w, learner.email);
    assert.ok(mail, "a confirmation was queued");
    assert.match(mail.subject, /You're registered: Speaker setup Q&A/);
    assert.match(mail.body, /Mon 1 Jul 2030, 16:30 \(Europe\/Paris, UTC\+2\)/);
    assert.match(mail.body, /Mon 1 Jul 2030, 14:30 UTC/);
    assert.match(mail.body, /Join: https:\/\/meet\.example\.com\/speakers/);
    const ics = mail.headers.calendar?.content ?? "";
    assert.equal(mail.headers.calendar?.method, "REQUEST");
    assert.equal(icsField(ics, "METHOD"), "REQUEST");
    assert.equal(icsField(ics, "DTSTART"), "20300701T143000Z");
    assert.equal(icsField(ics, "DTEND"), "20300701T153000Z");
    assert.equal(icsField(ics, "SEQUENCE"), "1");
    assert.equal(icsField(ics, "UID"), `academy-session-${s.id}@rapport`);
    assert.equal(icsField(ics, "LOCATION"), "https://meet.example.com/speakers");
  });

  test("moving the time bumps the version, re-queues reminders and sends an update replacing the event", async () => {
    const s = await newSession(w, { startsAt: "2030-08-01T10:00:00Z" });
    const learner = await newLearner(w);
    await learner.client.post(`/api/v1/academy/sessions/${s.id}/registrations`, {});
    const moved = await w.agent.patch(`/api/v1/academy/sessions/${s.id}`, {
      startsAt: "2030-08-02T12:00:00-04:00",
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.scheduleVersion, 2);
    const mails = await mailTo(w, learner.email);
    const update = mails.at(-1);
    assert.match(update?.subject ?? "", /^New time: /);
    const ics = update?.headers.calendar?.content ?? "";
    assert.equal(icsField(ics, "DTSTART"), "20300802T160000Z");
    assert.equal(icsField(ics, "SEQUENCE"), "2");
    assert.equal(
      icsField(ics, "UID"),
      `academy-session-${s.id}@rapport`,
      "the same UID: calendars replace the event",
    );
    const { rows } = await query(
      w,
      "select data->>'which' as which from pgboss.job where name = 'academy.session.reminder' and data->>'sessionId' = $1 and (data->>'scheduleVersion')::int = 2",
      [s.id],
    );
    assert.deepEqual(rows.map((r) => r.which).sort(), ["1h", "24h"]);
    // A title change alone is not a move: no notice, same version.
    const renamed = await w.agent.patch(`/api/v1/academy/sessions/${s.id}`, { title: "Speaker setup, live" });
    assert.equal(renamed.body.scheduleVersion, 2);
    assert.equal((await mailTo(w, learner.email)).length, mails.length);
  });

  test("a reminder queued for an old time does nothing; the current one reminds once", async () => {
    const s = await newSession(w, { startsAt: inHours(30).toISOString() });
    const learner = await newLearner(w);
    await learner.client.post(`/api/v1/academy/sessions/${s.id}/registrations`, {});
    await w.agent.patch(`/api/v1/academy/sessions/${s.id}`, { startsAt: inHours(40).toISOString() });
    const ctx = w.server.runtime.ctx;
    const job = { workspaceId: w.workspaceId, sessionId: s.id, which: "24h" as const };
    const sentBefore = (await mailTo(w, learner.email)).length;
    assert.deepEqual(await sendSessionReminder(ctx, { ...job, scheduleVersion: 1 }), { skipped: "stale" });
    assert.equal((await mailTo(w, learner.email)).length, sentBefore, "the stale reminder sent nothing");
    assert.deepEqual(await sendSessionReminder(ctx, { ...job, scheduleVersion: 2 }), { sent: 1 });
    const reminder = (await mailTo(w, learner.email)).at(-1);
    assert.match(reminder?.subject ?? "", /^Tomorrow: /);
    assert.match(reminder?.body ?? "", /Join: https:\/\/meet\.example\.com\/speakers/);
    assert.deepEqual(await sendSessionReminder(ctx, { ...job, scheduleVersion: 2 }), {
      skipped: "already_sent",
    });
    await w.agent.post(`/api/v1/academy/sessions/${s.id}/cancel`, {});
    assert.deepEqual(await sendSessionReminder(ctx, { ...job, which: "1h", scheduleVersion: 3 }), {
      skipped: "not_scheduled",
    });
  });

  test("cancelling tells every registrant with METHOD:CANCEL; registering for it then is 422", async () => {
    const s = await newSession(w, { capacity: 1 });
    const holder = await newLearner(w);
    const waiting = await newLearner(w);
    await holder.client.post(`/api/v1/academy/sessions/${s.id}/registrations`, {});
    await waiting.client.post(`/api/v1/academy/sessions/${s.id}/registrations`, {});
    const res = await w.agent.post(`/api/v1/academy/sessions/${s.id}/cancel`, {});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.state, "cancelled");
    const cancel = (await mailTo(w, holder.email)).at(-1);
    assert.match(cancel?.subject ?? "", /^Cancelled: /);
    assert.equal(icsField(cancel?.headers.calendar?.content ?? "", "METHOD"), "CANCEL");
    assert.equal(icsField(cancel?.headers.calendar?.content ?? "", "STATUS"), "CANCELLED");
    assert.equal(icsField(cancel?.headers.calendar?.content ?? "", "SEQUENCE"), "2");
    const toWaiting = (await mailTo(w, waiting.email)).at(-1);
    assert.match(toWaiting?.subject ?? "", /^Cancelled: /);
    assert.equal(toWaiting?.headers.calendar, undefined, "the waitlisted had no calendar entry to remove");
    const audited = await query(w, "select action from audit_log where subject_id = $1", [s.id]);
    assert.deepEqual(
      audited.rows.map((r) => r.action),
      ["academy.session_cancelled"],
    );
    const late = await (await newLearner(w)).client.post(
      `/api/v1/academy/sessions/${s.id}/registrations`,
      {},
    );
    assert.equal(late.status, 422);
    const again = await holder.client.post(`/api/v1/academy/sessions/${s.id}/registrations`, {});
    assert.equal(again.status, 422, "not even an earlier registrant is told they hold a seat");
    assert.equal((await w.agent.patch(`/api/v1/academy/sessions/${s.id}`, { capacity: 5 })).status, 422);
  });

  test("the recording is https only and marks the session held", async () => {
    const s = await newSession(w);
    const bad = await w.agent.post(`/api/v1/academy/sessions/${s.id}/recording`, {
      url: "ftp://x.example.com/r",
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "url");
    const ok = await w.agent.post(`/api/v1/academy/sessions/${s.id}/recording`, {
      url: "https://video.example.com/rec/1",
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.recordingUrl, "https://video.example.com/rec/1");
    assert.equal(ok.body.state, "held");
  });
});

describe("the public pages' data", () => {
  // The loader is what platform/web.ts renders (e2e 78 checks the HTML in a browser).
  const load = async (url: string, host = "127.0.0.1") => {
    const app = w.server.runtime.app as FastifyInstance;
    const page = await loadAcademySessionsPage(app, { url, headers: { host } } as unknown as FastifyRequest);
    return page as { status: number; head: string; data: Record<string, unknown> } | null;
  };

  test("the list shows upcoming scheduled sessions with seats left; cancelled and past ones are not listed", async () => {
    const open = await newSession(w, { title: "Open clinic", capacity: 2 });
    const learner = await newLearner(w);
    await learner.client.post(`/api/v1/academy/sessions/${open.id}/registrations`, {});
    const gone = await newSession(w, { title: "Gone clinic" });
    await w.agent.post(`/api/v1/academy/sessions/${gone.id}/cancel`, {});
    const past = await newSession(w, { title: "Past clinic", startsAt: "2020-01-01T10:00:00Z" });
    const list = await load("/academy/sessions");
    assert.equal(list?.status, 200);
    const sessions = list?.data.sessions as Array<{
      slug: string;
      seatsLeft: number;
      utcTime: string;
      hostTime: string;
    }>;
    const mine = sessions.find((x) => x.slug === open.slug);
    assert.equal(mine?.seatsLeft, 1);
    assert.match(mine?.utcTime ?? "", / UTC$/);
    assert.match(mine?.hostTime ?? "", /\(Europe\/Paris, UTC\+[12]\)$/);
    assert.ok(!sessions.some((x) => x.slug === gone.slug || x.slug === past.slug));
    assert.match(list?.head ?? "", /<link rel="canonical" href="[^"]+\/academy\/sessions">/);

    const one = await load(`/academy/sessions/${open.slug}`);
    assert.equal(one?.status, 200);
    assert.match(one?.head ?? "", /<title>Open clinic – Acme Audio Academy<\/title>/);
    const cancelled = await load(`/academy/sessions/${gone.slug}`);
    assert.match(cancelled?.head ?? "", /noindex/, "a cancelled session is not advertised to search engines");
    assert.equal((await load("/academy/sessions/no-such-session"))?.status, 404);
    assert.equal(await load("/academy/courses"), null, "other academy pages are not this loader's");
  });
});
