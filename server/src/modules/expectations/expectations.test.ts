import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient as Client } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { sendRaw, startSink } from "../../../test/mail.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import type { WeeklyPeriod } from "../hours/calendar.ts";
import { pinClock } from "./clock.ts";

/**
 * Honest expectations through HTTP and SMTP, with the clock pinned (clock.ts): a Saturday,
 * business hours set through the SLA part's API,
 * a team in Berlin working Monday–Friday 09:00–17:00 (CET, UTC+1 in November).
 */
let server: TestServer;
let admin: Client;
let scope: TenantScope;
let sink: Awaited<ReturnType<typeof startSink>>;
let berlinId: string;
const SATURDAY_NOON = new Date("2026-11-28T12:00:00Z");
const weekdays = (start: string, end: string): WeeklyPeriod[] =>
  [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

before(async () => {
  sink = await startSink();
  server = await startTestServer({
    env: {
      SMTP_URL: sink.url,
      EMAIL_ACKNOWLEDGEMENT: "We have your request #{{number}} ({{subject}}).",
      AUTO_MAIL_PER_HOUR: "5",
    },
  });
  const setup = await setUpWorkspace(server);
  admin = setup.admin;
  scope = new TenantScope(server.runtime.ctx.db, setup.workspaceId);
  const berlin = await admin.post("/api/v1/business-hours", {
    name: "Berlin",
    timezone: "Europe/Berlin",
    periods: weekdays("09:00", "17:00"),
    holidays: ["2026-12-25"],
  });
  assert.equal(berlin.status, 201, JSON.stringify(berlin.body));
  berlinId = berlin.body.id;
  pinClock(SATURDAY_NOON);
});
after(async () => {
  pinClock(null);
  await server.close();
  await sink.close();
});

/** A signed-in customer: with SMTP configured, the magic link arrives in the sink. */
async function customerClient(email: string) {
  const client = new Client(server.url);
  const res = await client.post("/api/auth/sign-in/magic-link", { email, callbackURL: "/portal" });
  assert.equal(res.status, 200);
  const mail = await eventually(() => sink.received.find((r) => r.envelopeTo.includes(email)));
  const link = new URL(/https?:\/\/\S+/.exec(mail.mail.text ?? "")?.[0] ?? "");
  assert.equal((await client.get(link.pathname + link.search)).status, 302);
  return { client };
}

async function portalCase(email: string, subject: string) {
  const customer = await customerClient(email);
  const opened = await customer.client.post("/api/v1/cases", { subject, message: "Hello" });
  assert.equal(opened.status, 201);
  // The case "arrived" at the pinned instant (the database stamps its own now()).
  await scope
    .updateTable("cases")
    .set({ created_at: SATURDAY_NOON })
    .where("id", "=", opened.body.id)
    .execute();
  return { ...customer, caseId: opened.body.id as string, customerId: opened.body.customer.id as string };
}

async function teamNamed(name: string): Promise<string> {
  const res = await admin.post("/api/v1/teams", { name });
  return res.body.items.find((t: { name: string }) => t.name === name).id;
}

test("an email after hours is acknowledged with a reply-by time in the zone of its Date header", async () => {
  await sendRaw(
    server.runtime.ctx.config.smtpPort,
    "From: Lee <lee@example.com>\r\nTo: support@localhost\r\nSubject: Dead speaker\r\n" +
      "Date: Sat, 28 Nov 2026 07:00:00 -0500\r\nMessage-ID: <lee-1@example.com>\r\n\r\nNo sound\r\n",
  );
  const ack = await eventually(() => sink.received.find((r) => r.envelopeTo.includes("lee@example.com")));
  // Closed all weekend; a cautious half business day from Monday 09:00 Berlin = 13:00 CET = 07:00 in UTC-5.
  assert.match(ack.mail.text ?? "", /We have your request #\d+ \(Dead speaker\)\./);
  assert.match(
    ack.mail.text ?? "",
    /away right now; a person will reply by Monday 30 November, 07:00 \(UTC-5\)\./,
  );
});

test("the portal shows the same promise in the customer's fact zone, else their browser's", async () => {
  const ana = await portalCase("ana@example.com", "Remote pairing");
  await admin.post(`/api/v1/customers/${ana.customerId}/facts`, {
    key: "timezone",
    value: "America/New_York",
  });
  const seen = await ana.client.get(`/api/v1/portal/cases/${ana.caseId}/expected-reply?tz=Asia/Tokyo`);
  assert.equal(seen.status, 200);
  assert.deepEqual(seen.body, {
    by: "2026-11-30T12:00:00.000Z",
    timezone: "America/New_York",
    reason: "after_hours",
    text: "Our team is away right now; a person will reply by Monday 30 November, 07:00 (America/New_York).",
  });

  const bo = await portalCase("bo@example.com", "Firmware");
  const browser = await bo.client.get(`/api/v1/portal/cases/${bo.caseId}/expected-reply?tz=Asia/Tokyo`);
  assert.equal(browser.body.timezone, "Asia/Tokyo");
  assert.match(browser.body.text, /Monday 30 November, 21:00 \(Asia\/Tokyo\)/);
  // A made-up zone is ignored, never echoed: the team's zone is used instead.
  const bogus = await bo.client.get(`/api/v1/portal/cases/${bo.caseId}/expected-reply?tz=Mars/Olympus`);
  assert.equal(bogus.body.timezone, "Europe/Berlin");

  // Another customer's case does not exist for them.
  assert.equal((await bo.client.get(`/api/v1/portal/cases/${ana.caseId}/expected-reply`)).status, 404);

  // Once a person has replied, there is nothing left to promise.
  await admin.post(`/api/v1/cases/${bo.caseId}/messages`, { body: "Here to help" });
  await scope
    .updateTable("cases")
    .set({ first_replied_at: new Date() })
    .where("id", "=", bo.caseId)
    .execute();
  const answered = await bo.client.get(`/api/v1/portal/cases/${bo.caseId}/expected-reply`);
  assert.deepEqual([answered.body.reason, answered.body.by], ["replied", null]);
});

test("the promise follows the sun: a team on duty sooner in another zone answers sooner", async () => {
  const sydney = await teamNamed("Sydney desk");
  const berlinHours = {
    name: "Berlin",
    timezone: "Europe/Berlin",
    periods: weekdays("09:00", "17:00"),
    holidays: ["2026-12-25"],
  };
  const next = await admin.post("/api/v1/business-hours", {
    name: "Sydney",
    teamId: sydney,
    timezone: "Australia/Sydney",
    periods: weekdays("09:00", "17:00"),
  });
  assert.equal(next.status, 201, JSON.stringify(next.body));
  await admin.put(`/api/v1/business-hours/${berlinId}`, { ...berlinHours, followOnId: next.body.id });
  const kai = await portalCase("kai@example.com", "Router lights");
  const seen = await kai.client.get(`/api/v1/portal/cases/${kai.caseId}/expected-reply?tz=UTC`);
  // Sydney opens Monday 09:00 AEDT (Sunday 22:00 UTC); four business hours later is 02:00 UTC.
  assert.equal(seen.body.by, "2026-11-30T02:00:00.000Z");
  await admin.put(`/api/v1/business-hours/${berlinId}`, berlinHours);
});

test("while the team is slower than usual the promise is as slow as the team really is, never hopeful", async () => {
  const team = await teamNamed("Hardware");
  const customer = await admin.post("/api/v1/customers", { name: "Ola", emails: ["ola@example.com"] });
  // Five recent cases, each answered six business hours after it arrived (Tuesday 09:00 → 15:00 CET).
  for (let i = 0; i < 5; i++) {
    const c = await admin.post("/api/v1/cases", {
      customerId: customer.body.id,
      subject: `Old ${i}`,
      message: "x",
      teamId: team,
    });
    await scope
      .updateTable("cases")
      .set({
        created_at: new Date(`2026-11-24T08:0${i}:00Z`),
        first_replied_at: new Date(`2026-11-24T14:0${i}:00Z`),
        status: "solved",
      })
      .where("id", "=", c.body.id)
      .execute();
  }
  pinClock(new Date("2026-11-25T09:00:00Z")); // Wednesday 10:00 in Berlin: open
  try {
    const c = await admin.post("/api/v1/cases", {
      customerId: customer.body.id,
      subject: "New one",
      message: "x",
      teamId: team,
    });
    await scope
      .updateTable("cases")
      .set({ created_at: new Date("2026-11-25T09:00:00Z") })
      .where("id", "=", c.body.id)
      .execute();
    const seen = await admin.get(`/api/v1/portal/cases/${c.body.id}/expected-reply?tz=Europe/Berlin`);
    assert.equal(seen.body.reason, "busy", JSON.stringify(seen.body));
    assert.equal(seen.body.by, "2026-11-25T15:00:00.000Z"); // 10:00 + 6 business hours = 16:00 CET
    assert.match(seen.body.text, /busier than usual; a person will reply by Wednesday 25 November, 16:00/);
  } finally {
    pinClock(SATURDAY_NOON);
  }
});
