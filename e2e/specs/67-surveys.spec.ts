import { expect, test } from "@playwright/test";
import { unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { type Rapport, type Sink, startRapport, startSink, waitForMail } from "../support/email.ts";

// Issue #19, surveys: a customer rates a solved case from the link in the survey email, says
// "not good" with a reason, and the lead of the case's team finds the follow-up task. Its own
// Rapport, for outgoing mail (see 30-*). The survey job runs each minute (pg-boss cron), so on a
// loaded machine the mail can take a few minutes: waits are for conditions, never fixed sleeps.
const ADMIN = {
  workspaceName: "Harbour Audio",
  name: "Lena Lead",
  email: "lena@harbour.test",
  password: "surveys-are-kind-42",
};

let sink: Sink;
let rapport: Rapport;
test.describe.configure({ timeout: 330_000 });

test.beforeAll(async () => {
  test.setTimeout(150_000);
  sink = await startSink();
  rapport = await startRapport({ SMTP_URL: `smtp://127.0.0.1:${sink.port}`, EMAIL_ACKNOWLEDGEMENT: "" });
});
test.afterAll(async () => {
  await rapport?.stop();
  await sink?.close();
});

test("a customer answers 'not good' from the email link, and the team lead sees the follow-up", async ({
  playwright,
  browser,
}) => {
  const api = await playwright.request.newContext({
    baseURL: rapport.baseURL,
    extraHTTPHeaders: { Origin: rapport.baseURL },
  });
  expect((await api.post("/api/v1/setup", { data: ADMIN })).status()).toBe(201);
  expect((await api.post("/api/auth/sign-in/email", { data: ADMIN })).status()).toBe(200);
  type Row = { id: string; email: string; name: string };
  const ok = async (res: Awaited<ReturnType<typeof api.post>>) => {
    expect(res.ok(), await res.text()).toBe(true);
    return (await res.json()) as { id: string; items: Row[] };
  };
  // Surveys go out at once, on the simple great / okay / not good scale.
  await ok(await api.patch("/api/v1/surveys", { data: { delayMinutes: 0, csatScale: "three" } }));
  // Lena leads the team "Care", which owns the case.
  const members = await ok(await api.get("/api/v1/members?limit=100"));
  const lena = members.items.find((m) => m.email === ADMIN.email)?.id;
  const teams = await ok(
    await api.post("/api/v1/teams", { data: { name: "Care", memberIds: [lena], leadIds: [lena] } }),
  );
  const teamId = teams.items.find((t) => t.name === "Care")?.id;

  const id = unique();
  const address = `olga-${id}@example.test`;
  const subject = `Headphones crackle ${id}`;
  const customer = await ok(
    await api.post("/api/v1/customers", { data: { name: "Olga Berg", emails: [address] } }),
  );
  const created = await ok(
    await api.post("/api/v1/cases", {
      data: {
        customerId: customer.id,
        subject,
        message: "The left side crackles.",
        channel: "email",
        teamId,
      },
    }),
  );
  await ok(await api.patch(`/api/v1/cases/${created.id}`, { data: { status: "solved" } }));

  // The survey email arrives with one link per answer; the customer clicks "Not good".
  const mail = await waitForMail(sink, (m) => m.subject?.includes(subject) ?? false, 210_000);
  const notGood = /(https?:\/\/\S+\/s\/[\w-]+\?rating=1)\b/.exec(mail.mail.text ?? "")?.[1];
  expect(notGood, mail.mail.text).toBeTruthy();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(notGood as string);
  await expect(page.getByRole("status")).toContainText("your answer is saved");
  await expect(page.getByRole("radio", { name: /Not good/ })).toBeChecked();
  await expectAccessible(page);
  await page.getByLabel("If it was not good, what was the main reason?").selectOption("speed");
  await page.getByLabel("Anything you would like to add? (optional)").fill("It took three weeks.");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status")).toContainText("your answer is saved");
  await expect(page.getByLabel("Anything you would like to add? (optional)")).toHaveValue(
    "It took three weeks.",
  );
  await context.close();

  // Lena, the team's lead, sees the task on the Surveys screen and marks it done.
  const staff = await browser.newContext({ baseURL: rapport.baseURL });
  const lead = await staff.newPage();
  await lead.goto("/login");
  await lead.getByLabel("Email").fill(ADMIN.email);
  await lead.getByLabel(/^Password/).fill(ADMIN.password);
  await lead.getByRole("button", { name: "Sign in" }).click();
  await lead.waitForURL("**/app/**");
  await lead.getByRole("link", { name: /^Surveys/ }).click();
  const tasks = lead.getByRole("list", { name: "Follow-ups" });
  const task = tasks.getByRole("listitem").filter({ hasText: subject });
  await expect(task).toContainText("1 of 3");
  await expect(task).toContainText("Speed");
  await expect(task).toContainText("It took three weeks.");
  await expectAccessible(lead);
  await task.getByLabel("What did you do?").fill("Called Olga, sent a new pair.");
  await task.getByRole("button", { name: "Mark done" }).click();
  await expect(
    lead.getByText("No follow-ups. Negative answers on your team's cases appear here."),
  ).toBeVisible();
  await staff.close();
});
