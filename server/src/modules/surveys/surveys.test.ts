import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { uniqueEmail } from "../../../test/factories.ts";
import { pinSurveysClock, setSuspensionSource } from "./rules.ts";
import {
  minutesLater,
  newCustomer,
  portalCustomer,
  type SurveyWorld,
  solvedCase,
  startSurveyWorld,
  surveysOf,
  sweepAt,
  tokenFromMail,
} from "./surveys.testkit.ts";

let w: SurveyWorld;
before(async () => {
  w = await startSurveyWorld();
});
after(() => w.close());

const form = (body: Record<string, string>) => new URLSearchParams(body).toString();
const postForm = (token: string, body: Record<string, string>, origin: string | null = w.server.url) =>
  w.anon.post(`/s/${token}`, form(body), {
    "content-type": "application/x-www-form-urlencoded",
    ...(origin && { origin }),
  });
const responseOf = async (caseId: string) =>
  (await w.q("select * from survey_responses where case_id = $1", [caseId])).rows;

describe("settings", () => {
  test("an admin reads the defaults and changes them; the repeats part's window is left alone", async () => {
    const got = await w.admin.get("/api/v1/surveys");
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, {
      enabled: true,
      kinds: ["csat"],
      csatScale: "five",
      delayMinutes: 1440,
      throttleDays: 30,
      windowDays: 28,
    });
    const changed = await w.admin.patch("/api/v1/surveys", { throttleDays: 14 });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.throttleDays, 14);
    await w.q("update retention_settings set repeat_window_days = 10");
    await w.admin.patch("/api/v1/surveys", { throttleDays: 30 });
    const row = (await w.q("select repeat_window_days from retention_settings")).rows[0];
    assert.equal(row.repeat_window_days, 10);
  });

  test("bad settings are refused naming the field; agents may not change them", async () => {
    for (const [body, field] of [
      [{ delayMinutes: -5 }, "delayMinutes"],
      [{ kinds: [] }, "kinds"],
      [{ kinds: ["nps"] }, "kinds.0"],
      [{ windowDays: 0 }, "windowDays"],
      [{ csatScale: "ten" }, "csatScale"],
    ] as const) {
      const res = await w.admin.patch("/api/v1/surveys", body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.field, field);
    }
    const agent = await w.agent.patch("/api/v1/surveys", { enabled: false });
    assert.equal(agent.status, 403);
  });
});

describe("planning and sending", () => {
  test("a solve plans a survey after the delay; the sweep sends it then, by email, on the timeline", async () => {
    const email = uniqueEmail("maria");
    const customer = await newCustomer(w, "Maria Lopez", email);
    const c = await solvedCase(w, customer, { teamId: w.teamId });
    const [s] = await surveysOf(w, c.id);
    assert.ok(s);
    assert.equal(s.status, "scheduled");
    assert.equal(s.channel, "email");
    const delay = (s.send_at.getTime() - s.created_at.getTime()) / 60_000;
    assert.equal(Math.round(delay), 1440);

    await sweepAt(w, new Date());
    assert.equal((await surveysOf(w, c.id))[0]?.status, "scheduled", "not before the delay");
    await sweepAt(w, minutesLater(1441));
    const sent = (await surveysOf(w, c.id))[0];
    assert.equal(sent?.status, "sent");
    assert.ok(await tokenFromMail(w, email));
    const timeline = await w.admin.get(`/api/v1/cases/${c.id}/timeline`);
    assert.ok(
      (timeline.body.items as Array<{ kind: string }>).some((e) => e.kind === "survey.sent"),
      JSON.stringify(timeline.body),
    );
    // Solved then closed is the same solve: no second plan.
    await w.admin.patch(`/api/v1/cases/${c.id}`, { status: "closed" });
    assert.equal((await surveysOf(w, c.id)).length, 1);
  });

  test("no survey fatigue: a customer surveyed within the throttle days is skipped", async () => {
    const email = uniqueEmail("tom");
    const customer = await newCustomer(w, "Tom Berg", email);
    const first = await solvedCase(w, customer);
    await sweepAt(w, minutesLater(1441));
    assert.equal((await surveysOf(w, first.id))[0]?.status, "sent");
    const second = await solvedCase(w, customer);
    await sweepAt(w, minutesLater(1442));
    const s = (await surveysOf(w, second.id))[0];
    assert.equal(s?.status, "skipped");
    assert.equal(s?.skip_reason, "throttled");
  });

  test("spam and merged cases, suspended customers and reopened cases get no survey", async () => {
    const customer = await newCustomer(w, "Sam Spam", uniqueEmail("sam"));
    const spam = await solvedCase(w, customer, { tags: ["spam"] });
    assert.deepEqual(
      (await surveysOf(w, spam.id)).map((s) => [s.status, s.skip_reason]),
      [["skipped", "spam"]],
    );

    const keep = await w.admin.post("/api/v1/cases", { customerId: customer, subject: "Keep", message: "a" });
    const gone = await solvedCase(w, customer);
    const merged = await w.admin.post(`/api/v1/cases/${keep.body.id}/merge`, { caseIds: [gone.id] });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    await sweepAt(w, minutesLater(1441));
    assert.deepEqual(
      (await surveysOf(w, gone.id)).map((s) => [s.status, s.skip_reason]),
      [["skipped", "merged"]],
    );

    const reopened = await solvedCase(w, await newCustomer(w, "Rea Open", uniqueEmail("rea")));
    await w.admin.patch(`/api/v1/cases/${reopened.id}`, { status: "open" });
    assert.deepEqual(
      (await surveysOf(w, reopened.id)).map((s) => [s.status, s.skip_reason]),
      [["skipped", "reopened"]],
    );

    const suspended = await newCustomer(w, "Sue Spended", uniqueEmail("sue"));
    setSuspensionSource(async (_scope, id) => id === suspended);
    try {
      const c = await solvedCase(w, suspended);
      await sweepAt(w, minutesLater(1441));
      assert.deepEqual(
        (await surveysOf(w, c.id)).map((s) => [s.status, s.skip_reason]),
        [["skipped", "suspended"]],
      );
    } finally {
      setSuspensionSource(null);
    }
  });

  test("an email survey without an address is skipped; a portal case's survey is sent to the portal", async () => {
    const nobody = await newCustomer(w, "No Mail");
    const email = await solvedCase(w, nobody, { channel: "email" });
    await sweepAt(w, minutesLater(1441));
    assert.equal((await surveysOf(w, email.id))[0]?.skip_reason, "no_email");
    const other = await newCustomer(w, "Portal Only");
    const portal = await solvedCase(w, other, { channel: "web" });
    await sweepAt(w, minutesLater(1441));
    const s = (await surveysOf(w, portal.id))[0];
    assert.equal(s?.channel, "portal");
    assert.equal(s?.status, "sent");
  });
});

describe("answering from the email link", () => {
  let token = "";
  let caseId = "";
  const email = uniqueEmail("nina");

  before(async () => {
    await w.admin.patch("/api/v1/surveys", { csatScale: "three" });
    const customer = await newCustomer(w, "Nina Kovac", email);
    const c = await solvedCase(w, customer, {
      teamId: w.teamId,
      assigneeId: w.agentId,
      subject: "Crackle in left ear",
    });
    caseId = c.id;
    await sweepAt(w, minutesLater(1441));
    token = await tokenFromMail(w, email);
    await w.admin.patch("/api/v1/surveys", { csatScale: "five" });
  });

  test("one click records the rating; a second click changes it rather than adding one", async () => {
    const first = await w.anon.get(`/s/${token}?rating=3`);
    assert.equal(first.status, 200);
    assert.match(String(first.body), /your answer is saved/);
    assert.match(String(first.body), /Crackle in left ear/);
    assert.deepEqual(
      (await responseOf(caseId)).map((r) => [r.rating, r.sentiment]),
      [[3, "positive"]],
    );
    await w.anon.get(`/s/${token}?rating=2`);
    assert.deepEqual(
      (await responseOf(caseId)).map((r) => [r.rating, r.sentiment]),
      [[2, "neutral"]],
    );
    const bad = await w.anon.get(`/s/${token}?rating=9`);
    assert.equal(bad.status, 400);
    assert.match(String(bad.body), /rating/);
  });

  test("not good with a reason creates a follow-up for the team lead, with a notification", async () => {
    const res = await postForm(token, { rating: "1", reason: "speed", comment: "Took <b>three</b> weeks" });
    assert.equal(res.status, 200, String(res.body));
    assert.doesNotMatch(String(res.body), /<b>three/, "the comment is escaped");
    const [r] = await responseOf(caseId);
    assert.deepEqual(
      [r.rating, r.sentiment, r.reason, r.comment],
      [1, "negative", "speed", "Took <b>three</b> weeks"],
    );

    const mine = await w.lead.get("/api/v1/surveys/follow-ups?status=open");
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    const f = mine.body.items.find((i: { caseId: string }) => i.caseId === caseId);
    assert.ok(f, JSON.stringify(mine.body));
    assert.equal(f.reason, "speed");
    assert.equal(
      (await w.agent.get("/api/v1/surveys/follow-ups")).body.items.length,
      0,
      "not the agent's task",
    );
    const notes = await w.lead.get("/api/v1/notifications");
    assert.ok(JSON.stringify(notes.body).includes("Negative survey"), JSON.stringify(notes.body));

    // Changing the answer again does not make a second task.
    // (with a NUL in the comment, which PostgreSQL cannot store: dropped, not a 500)
    const changed = await postForm(token, { rating: "1", reason: "agent", comment: "Still\u0000 slow" });
    assert.equal(changed.status, 200);
    assert.equal((await responseOf(caseId))[0].comment, "Still slow");
    const again = await w.lead.get("/api/v1/surveys/follow-ups");
    assert.equal(again.body.items.filter((i: { caseId: string }) => i.caseId === caseId).length, 1);

    const done = await w.lead.patch(`/api/v1/surveys/follow-ups/${f.id}`, {
      status: "done",
      note: "Called her",
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.note, "Called her");
    const byAgent = await w.agent.patch(`/api/v1/surveys/follow-ups/${f.id}`, { status: "open" });
    assert.equal(byAgent.status, 403);

    const timeline = await w.admin.get(`/api/v1/cases/${caseId}/timeline`);
    assert.ok((timeline.body.items as Array<{ kind: string }>).some((e) => e.kind === "survey.responded"));
  });

  test("results: on the case, and per agent and team", async () => {
    const onCase = await w.admin.get(`/api/v1/surveys/responses?caseId=${caseId}`);
    assert.equal(onCase.status, 200, JSON.stringify(onCase.body));
    assert.equal(onCase.body.items[0].rating, 1);
    assert.equal(onCase.body.csatPositivePercent, 0);
    const byAgent = await w.admin.get("/api/v1/surveys/summary?groupBy=agent");
    assert.equal(byAgent.status, 200, JSON.stringify(byAgent.body));
    const agentRow = byAgent.body.items.find((i: { id: string }) => i.id === w.agentId);
    assert.equal(agentRow?.negativeCount, 1);
    const byTeam = await w.admin.get("/api/v1/surveys/summary?groupBy=team");
    assert.equal(byTeam.body.items.find((i: { id: string }) => i.id === w.teamId)?.name, "Care");
    const bad = await w.admin.get("/api/v1/surveys/summary?groupBy=planet");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "groupBy");
  });

  test("a post from another site, or without an origin, is refused", async () => {
    const cross = await postForm(token, { rating: "3" }, "https://evil.example");
    assert.equal(cross.status, 403);
    const none = await postForm(token, { rating: "3" }, null);
    assert.equal(none.status, 403);
    assert.equal((await responseOf(caseId))[0].rating, 1);
  });

  test("bad and made-up tokens get a 404 page; a token reads only its own survey", async () => {
    for (const t of ["nope", "A".repeat(32), `${token}x`]) {
      const res = await w.anon.get(`/s/${t}?rating=5`);
      assert.equal(res.status, 404);
      assert.match(String(res.body), /not valid/);
    }
    const other = uniqueEmail("otto");
    const otherCase = await solvedCase(w, await newCustomer(w, "Otto", other), { subject: "Broken hinge" });
    await sweepAt(w, minutesLater(1441));
    const otherToken = await tokenFromMail(w, other);
    const page = await w.anon.get(`/s/${otherToken}`);
    assert.match(String(page.body), /Broken hinge/);
    assert.doesNotMatch(String(page.body), /Crackle in left ear/);
    await w.anon.get(`/s/${otherToken}?rating=5`);
    assert.equal((await responseOf(caseId))[0].rating, 1, "answering one survey leaves the other alone");
    assert.equal((await responseOf(otherCase.id))[0].rating, 5);
  });

  test("after the window the answer is refused politely with 410", async () => {
    // Sent (by the sweep) a day from now, so 28 days after that is 29 days away.
    pinSurveysClock(new Date(Date.now() + 30 * 86_400_000));
    try {
      const res = await w.anon.get(`/s/${token}?rating=5`);
      assert.equal(res.status, 410);
      assert.match(String(res.body), /has closed/);
      assert.equal((await postForm(token, { rating: "3" })).status, 410);
      assert.equal((await responseOf(caseId))[0].rating, 1);
    } finally {
      pinSurveysClock(null);
    }
  });
});

describe("the portal and the webhook", () => {
  test("a customer answers their own survey in the portal; another customer cannot see it", async () => {
    const hook = await w.admin.post("/api/v1/webhooks", {
      url: "http://127.0.0.1:9/hook",
      events: ["survey.responded"],
    });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    const ines = await portalCustomer(w, uniqueEmail("ines"));
    const opened = await ines.post("/api/v1/cases", { subject: "Remote lost pairing", message: "Again." });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    await w.admin.patch(`/api/v1/cases/${opened.body.id}`, { status: "solved" });
    await sweepAt(w, minutesLater(1441));
    const mine = await ines.get(`/api/v1/portal/cases/${opened.body.id}/surveys`);
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.equal(mine.body.items.length, 1);
    assert.equal(mine.body.items[0].open, true);
    const id = mine.body.items[0].surveyId;
    const other = await portalCustomer(w, uniqueEmail("other"));
    assert.equal((await other.put(`/api/v1/portal/surveys/${id}/response`, { rating: 1 })).status, 404);
    const bad = await ines.put(`/api/v1/portal/surveys/${id}/response`, { rating: 9 });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "rating");
    assert.equal((await ines.put(`/api/v1/portal/surveys/${id}/response`, { rating: 5 })).status, 204);
    const after = await ines.get(`/api/v1/portal/cases/${opened.body.id}/surveys`);
    assert.equal(after.body.items[0].rating, 5);
    const deliveries = await w.q(
      "select body from webhook_deliveries where event_type = 'survey.responded' and body like $1",
      [`%${id}%`],
    );
    assert.equal(deliveries.rows.length, 1);
  });

  test("with surveys turned off a solve plans nothing to send", async () => {
    await w.admin.patch("/api/v1/surveys", { enabled: false });
    try {
      const c = await solvedCase(w, await newCustomer(w, "Off Switch", uniqueEmail("off")));
      assert.deepEqual(
        (await surveysOf(w, c.id)).map((x) => [x.status, x.skip_reason]),
        [["skipped", "disabled"]],
      );
    } finally {
      await w.admin.patch("/api/v1/surveys", { enabled: true });
    }
  });
});
