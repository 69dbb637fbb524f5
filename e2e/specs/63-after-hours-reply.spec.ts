import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { type Rapport, type Sink, sendMail, startRapport, startSink, waitForMail } from "../support/email.ts";

// Issue #18, honest expectations: an email that arrives while the team is away is acknowledged
// with the time a person will really reply, in the customer's own zone (here the offset of their
// Date header), and the portal shows the same. Its own Rapport, for outgoing mail (see 30-*).
const ADMIN = {
  workspaceName: "Nightshift",
  name: "Ines Admin",
  email: "ines@nightshift.test",
  password: "after-hours-42",
};

let sink: Sink;
let rapport: Rapport;
test.describe.configure({ timeout: 150_000 });

test.beforeAll(async () => {
  test.setTimeout(150_000);
  sink = await startSink();
  rapport = await startRapport({
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    EMAIL_ACKNOWLEDGEMENT: "Thank you, we have your request #{{number}}.\n\n{{reply_by}}",
  });
});
test.afterAll(async () => {
  await rapport?.stop();
  await sink?.close();
});

test("an email after hours gets an honest reply-by time in the customer's zone, and the portal says the same", async ({
  playwright,
  browser,
}) => {
  const api = await playwright.request.newContext({
    baseURL: rapport.baseURL,
    extraHTTPHeaders: { Origin: rapport.baseURL },
  });
  expect((await api.post("/api/v1/setup", { data: ADMIN })).status()).toBe(201);
  expect((await api.post("/api/auth/sign-in/email", { data: ADMIN })).status()).toBe(200);
  // The team works in Berlin, 09:00–17:00 on one day only, three days from now: it is away now.
  const openDay = DateTime.now().setZone("Europe/Berlin").startOf("day").plus({ days: 3 });
  const hours = await api.post("/api/v1/business-hours", {
    data: {
      name: "Berlin desk",
      timezone: "Europe/Berlin",
      periods: [{ day: openDay.weekday % 7, start: "09:00", end: "17:00" }],
      holidays: [],
    },
  });
  expect(hours.ok(), await hours.text()).toBe(true);
  // A new team has no history yet: the promise is a cautious half business day after opening.
  const by = openDay.set({ hour: 13 });
  const inZone = (zone: string) =>
    `${by.setZone(zone).setLocale("en-GB").toFormat("cccc d LLLL, HH:mm")} (${zone})`;

  const id = unique();
  const address = `maya-${id}@example.test`;
  const sentAt = DateTime.now().setZone("UTC-5");
  await sendMail(rapport.smtpPort, {
    envelope: { from: address, to: ["support@localhost"] },
    raw:
      `From: Maya Brooks <${address}>\r\nTo: support@localhost\r\nSubject: Modem offline ${id}\r\n` +
      `Date: ${sentAt.toRFC2822()}\r\nMessage-ID: <maya-${id}@example.test>\r\n\r\nThe modem lost sync.\r\n`,
  });
  const ack = await waitForMail(sink, (m) => m.subject?.includes(`Modem offline ${id}`) ?? false);
  expect(ack.mail.text).toContain(`Our team is away right now; a person will reply by ${inZone("UTC-5")}.`);

  // The customer opens the portal from a browser in New York: their case says the same time there.
  const context = await browser.newContext({ timezoneId: "America/New_York", baseURL: rapport.baseURL });
  const page = await context.newPage();
  await page.goto("/portal/login");
  await page.getByLabel("Email").fill(address);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const link = await waitForMail(
    sink,
    (m) => JSON.stringify(m.to ?? "").includes(address) && /https?:\/\/\S*token=/.test(m.text ?? ""),
  );
  await page.goto(/https?:\/\/\S*token=\S+/.exec(link.mail.text ?? "")?.[0] ?? "");
  await page.getByRole("link", { name: new RegExp(`Modem offline ${id}`) }).click();
  await expect(page.getByTestId("expected-reply")).toContainText(inZone("America/New_York"));
  await expectAccessible(page);
  await context.close();
  await api.dispose();
});
