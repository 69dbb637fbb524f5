import { expect, test } from "@playwright/test";
import { unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { type Rapport, type Sink, startRapport, startSink, waitForMail } from "../support/email.ts";
import { clickLauncher, startHostSite, widgetFrame } from "../support/widget.ts";

// Replies by email need outgoing mail, which the shared server must not have (see startRapport),
// and "no one is available" needs a server where no agent is online: this journey runs its own
// Rapport wired to an SMTP sink.
const ADMIN = {
  workspaceName: "Night Shift Audio",
  name: "Nadia Night",
  email: "nadia@nightshift.test",
  password: "owls-answer-later-42",
};

let sink: Sink;
let rapport: Rapport;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(150_000);
  sink = await startSink();
  rapport = await startRapport({ SMTP_URL: `smtp://127.0.0.1:${sink.port}` });
  const api = await playwright.request.newContext({
    baseURL: rapport.baseURL,
    extraHTTPHeaders: { Origin: rapport.baseURL },
  });
  const res = await api.post("/api/v1/setup", { data: ADMIN });
  expect(res.status(), await res.text()).toBe(201);
  await api.dispose();
});

test.afterAll(async () => {
  await rapport?.stop();
  await sink?.close();
});

const shopPage = (widgetTag: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Night shop</title></head><body><main><h1>Night shop</h1></main>${widgetTag}</body></html>`;

test("with no one available the widget says so, takes an email, and the agent's reply arrives by email", async ({
  page,
  browser,
  playwright,
}) => {
  test.setTimeout(150_000);
  const id = unique();
  const visitorEmail = `owl-${id}@example.test`;
  // An admin API client of this Rapport; it never opens the live socket, so no agent is online.
  const admin = await playwright.request.newContext({
    baseURL: rapport.baseURL,
    extraHTTPHeaders: { Origin: rapport.baseURL },
  });
  expect((await admin.post("/api/auth/sign-in/email", { data: ADMIN })).status()).toBe(200);
  const patched = await admin.patch("/api/v1/chat/widget", { data: { prechatForm: false } });
  expect(patched.ok(), await patched.text()).toBe(true);
  const { publicKey } = (await patched.json()) as { publicKey: string };
  const site = await startHostSite(shopPage, publicKey, rapport.baseURL);

  await page.goto(site.url);
  await clickLauncher(page);
  const frame = await widgetFrame(page);

  // Honest: no one is there, and the chat will continue by email.
  await expect(frame.getByText("No one is available to chat right now.")).toBeVisible();
  await expect(frame.getByText(/Someone will reply/)).toBeVisible();
  await frame.getByRole("textbox", { name: "Your email (so we can reply)" }).fill(visitorEmail);
  await frame.getByRole("textbox", { name: "Message" }).fill(`My Beam has no sound since tonight ${id}`);
  await frame.getByRole("button", { name: "Start chat" }).click();
  await expect(frame.getByRole("log")).toContainText(`no sound since tonight ${id}`);
  await expect(frame.getByText(`We'll reply to ${visitorEmail} if you're not here.`)).toBeVisible();

  // The visitor can have the transcript mailed.
  await frame.getByRole("button", { name: "Email me the transcript" }).click();
  await expect(frame.getByRole("log")).toContainText("The transcript is on its way");
  await waitForMail(
    sink,
    (m) => m.to !== undefined && JSON.stringify(m.to).includes(visitorEmail) && (m.text ?? "").includes(id),
  );

  // The agent answers in the case; the answer goes to the visitor's email, in the same case.
  const cases = (await (await admin.get(`/api/v1/cases?q=${encodeURIComponent(id)}`)).json()) as {
    items: Array<{ id: string }>;
  };
  expect(cases.items).toHaveLength(1);
  const caseId = cases.items[0]!.id;
  await page.close();
  const replied = await admin.post(`/api/v1/cases/${caseId}/messages`, {
    data: { body: `Good morning! Hold the Beam's power button for ten seconds. ${id}` },
  });
  expect(replied.ok(), await replied.text()).toBe(true);
  const mail = await waitForMail(
    sink,
    (m) =>
      (m.text ?? "").includes("Hold the Beam's power button") && JSON.stringify(m.to).includes(visitorEmail),
  );
  expect(mail.envelopeTo).toContain(visitorEmail);

  // The frame in its offline state passes axe.
  const frameContext = await browser.newContext();
  const framePage = await frameContext.newPage();
  await framePage.goto(`${rapport.baseURL}/widget/frame?key=${publicKey}`);
  await expect(framePage.getByText("No one is available to chat right now.")).toBeVisible();
  await expectAccessible(framePage);
  await frameContext.close();

  await site.close();
  await admin.dispose();
});
