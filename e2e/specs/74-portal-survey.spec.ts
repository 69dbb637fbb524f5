import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { type Rapport, type Sink, startRapport, startSink, waitForMail } from "../support/email.ts";

// Issue #19, surveys in the portal: a case opened on the web goes to a portal survey once
// solved; the customer answers it on their request in the portal, and staff see the answer on
// the case. Its own Rapport (as 67): survey settings are workspace-wide (delay 0 here), and the
// customer's sign-in link must reach a mailbox. The survey job runs each minute (pg-boss cron):
// waits are for conditions, never fixed sleeps.
const ADMIN = {
  workspaceName: "Quay Audio",
  name: "Pia Portal",
  email: "pia@quay.test",
  password: "portal-surveys-9",
};

let sink: Sink;
let rapport: Rapport;
test.describe.configure({ timeout: 360_000 });

test.beforeAll(async () => {
  test.setTimeout(150_000);
  sink = await startSink();
  rapport = await startRapport({ SMTP_URL: `smtp://127.0.0.1:${sink.port}`, EMAIL_ACKNOWLEDGEMENT: "" });
});
test.afterAll(async () => {
  await rapport?.stop();
  await sink?.close();
});

const recipients = (m: ParsedMail) =>
  [m.to]
    .flat()
    .map((a) => a?.text ?? "")
    .join(" ");

async function ok<T>(api: APIRequestContext, method: "post" | "patch", path: string, data: unknown) {
  const res = await api[method](path, { data });
  expect(res.ok(), `${method.toUpperCase()} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** The customer signs in with the link the portal emails, in a browser of their own. */
async function customerPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: rapport.baseURL });
  const page = await context.newPage();
  await page.goto("/portal/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const { mail } = await waitForMail(
    sink,
    (m) => recipients(m).includes(email) && /sign-in link/i.test(m.subject ?? ""),
  );
  const link = mail.text?.match(/https?:\/\/\S+/)?.[0];
  expect(link, mail.text).toBeTruthy();
  await page.goto(link as string);
  await page.waitForURL(/\/portal/);
  return page;
}

test("a customer answers the survey on their solved request in the portal, and staff see it on the case", async ({
  playwright,
  browser,
}) => {
  const api = await playwright.request.newContext({
    baseURL: rapport.baseURL,
    extraHTTPHeaders: { Origin: rapport.baseURL },
  });
  expect((await api.post("/api/v1/setup", { data: ADMIN })).status()).toBe(201);
  expect((await api.post("/api/auth/sign-in/email", { data: ADMIN })).status()).toBe(200);
  // Surveys go out at once, CSAT on the five-point scale.
  await ok(api, "patch", "/api/v1/surveys", { delayMinutes: 0, csatScale: "five" });

  const id = unique();
  const email = `mara-${id}@example.test`;
  const subject = `Soundbar drops Bluetooth ${id}`;
  const customer = await ok<{ id: string }>(api, "post", "/api/v1/customers", {
    name: "Mara Lind",
    emails: [email],
  });
  // Opened on the web (not email): its survey is a portal survey.
  const created = await ok<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject,
    message: "It drops the connection every few minutes.",
    channel: "web",
  });
  await ok(api, "post", `/api/v1/cases/${created.id}/messages`, {
    body: "Update to 3.2, please.",
    kind: "reply",
  });
  await ok(api, "patch", `/api/v1/cases/${created.id}`, { status: "solved" });

  // The customer opens the solved request; the survey shows once the job has sent it.
  const portal = await customerPage(browser, email);
  const question = portal.getByRole("region", { name: "How would you rate the support you received?" });
  await expect(async () => {
    await portal.goto(`/portal/requests/${created.id}`);
    await expect(question).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 200_000, intervals: [5_000] });
  await expect(portal.getByRole("heading", { name: subject })).toBeVisible();
  await expectAccessible(portal);

  // "Unhappy" (2 of 5) is negative: a reason is asked for.
  await question.getByRole("button", { name: "Unhappy", exact: true }).click();
  await expect(question.getByRole("button", { name: "Unhappy", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await question.getByLabel("What was the main reason?").selectOption("product");
  await question.getByLabel("Anything you would like to add? (optional)").fill("The update did not help.");
  await question.getByRole("button", { name: "Send" }).click();
  await expect(question.getByRole("status")).toContainText("your answer is saved");
  await expectAccessible(portal);

  // A second answer changes the first rather than adding one.
  await question.getByRole("button", { name: "Neutral", exact: true }).click();
  await question.getByRole("button", { name: "Send" }).click();
  await expect(question.getByRole("status")).toContainText("your answer is saved");

  // Staff open the case: the answer is there, 3 of 5 with the comment.
  const staff = await browser.newContext({ baseURL: rapport.baseURL });
  const agent = await staff.newPage();
  await agent.goto("/login");
  await agent.getByLabel("Email").fill(ADMIN.email);
  await agent.getByLabel(/^Password/).fill(ADMIN.password);
  await agent.getByRole("button", { name: "Sign in" }).click();
  await agent.waitForURL("**/app/**");
  await agent.goto(`/app/cases/${created.id}`);
  // The case's own panel, and the customer panel's (an aside) further down, each by its name.
  const answers = agent.getByRole("region", { name: "Survey answers on this case", exact: true });
  const onCustomer = agent
    .getByRole("complementary", { name: "Customer Mara Lind" })
    .getByRole("region", { name: "Their survey answers", exact: true });
  await expect(onCustomer).toContainText("CSAT 3/5");
  await expect(answers).toContainText("CSAT 3/5");
  await expect(answers).toContainText("The update did not help.");
  await expect(answers.getByText(/CSAT \d\/5/)).toHaveCount(1);
  await expectAccessible(agent);
  await staff.close();
  await portal.context().close();
});
