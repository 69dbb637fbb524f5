import { expect, test } from "@playwright/test";
import { call, signedInApi, unique, waitForLive } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";
import { invitationTokenFor } from "../support/people.ts";

test("an agent escalates; an engineer sees the diff of the last two snapshots, asks for a diagnostic and hands back findings", async ({
  page,
  browser,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const serial = `SW-${id}`.toUpperCase();

  // An engineer joins through an invitation.
  const engineer = {
    email: `lena-${id}@northwind.test`,
    name: `Lena Fischer ${id}`,
    password: "engineer-password-1",
  };
  await call(api, "post", "/api/v1/invitations", { email: engineer.email, role: "engineer" });
  await call(api, "post", "/api/v1/invitations/accept", {
    token: await invitationTokenFor(engineer.email),
    name: engineer.name,
    password: engineer.password,
  });

  // A customer whose speaker sent two snapshots on a case.
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name: `Maria Gonzalez ${id}`,
    emails: [`maria-${id}@example.test`],
  });
  const kase = await call<{ id: string; number: number }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `Error 1013 ${id}`,
    message: "Both speakers say Error 1013 and won't update.",
  });
  for (const [signal, error] of [
    [-52, 0],
    [-74, 1013],
  ] as const) {
    await call(api, "post", "/api/v1/diagnostics", {
      customerId: customer.id,
      deviceSerial: serial,
      caseId: kase.id,
      source: "agent",
      data: { firmware: "4.2.0", wifi: { signal_dbm: signal, psk: "hunter2" }, last_error: error },
    });
  }

  // The agent escalates from the case page.
  await signInAsAdmin(page);
  await page.goto(`/app/cases/${kase.id}`);
  await waitForLive(page);
  await page.getByRole("button", { name: "Escalate to engineering" }).click();
  const dialog = page.getByRole("dialog", { name: `Escalate case #${kase.number} to engineering` });
  await expectAccessible(page);
  await dialog.getByLabel("Summary").fill("Error 1013 right after the signal dropped to -74 dBm.");
  await dialog.getByLabel("Question").fill("Is the update server refusing firmware 4.2.0?");
  await dialog.getByRole("button", { name: "Escalate" }).click();
  await expect(dialog).toBeHidden();
  const engineering = page.getByRole("region", { name: "Engineering" });
  await expect(engineering.getByText("Is the update server refusing firmware 4.2.0?")).toBeVisible();

  // The engineer signs in and lands on the escalation queue.
  const context = await browser.newContext();
  const eng = await context.newPage();
  await eng.goto("/login");
  await eng.getByLabel("Email").fill(engineer.email);
  await eng.getByLabel(/^Password/).fill(engineer.password);
  await eng.getByRole("button", { name: "Sign in" }).click();
  await eng.waitForURL("**/app/escalations");
  const queue = eng.getByRole("table", { name: "Escalations, oldest first" });
  const row = queue.getByRole("row").filter({ hasText: `#${kase.number}` });
  await expect(row).toContainText("Error 1013 right after the signal dropped");
  await expectAccessible(eng);
  await row.getByRole("link").click();

  // The whole record: the question, and the diff between the last two snapshots.
  await expect(
    eng.getByRole("heading", { level: 1, name: `Escalation: case #${kase.number}` }),
  ).toBeVisible();
  await expect(eng.getByText("Is the update server refusing firmware 4.2.0?")).toBeVisible();
  const snapshots = eng.getByRole("region", { name: "Snapshots and what changed" });
  await expect(snapshots.getByText(`Device ${serial}`)).toBeVisible();
  const signalRow = snapshots.locator('tr[data-path="wifi.signal_dbm"]');
  await expect(signalRow).toContainText("-52");
  await expect(signalRow).toContainText("-74");
  await expect(signalRow).toContainText("down 22");
  await expect(snapshots.locator('tr[data-path="last_error"]')).toContainText("1013");
  await expect(snapshots.locator('tr[data-path="wifi.psk"]')).toHaveCount(0);
  await expect(
    eng.getByRole("region", { name: "Timeline" }).getByText(/escalated to engineering/),
  ).toBeVisible();
  // Engineers read; they do not get the reply box on this page.
  await expect(eng.getByRole("button", { name: "Send reply" })).toHaveCount(0);
  await eng.getByRole("button", { name: "Take it" }).click();
  await expect(eng.getByText(`Engineer: ${engineer.name}`)).toBeVisible();
  await expectAccessible(eng);
  await eng.screenshot({ path: "test-results/43-escalation-engineer.png", fullPage: true });

  // Ask the agent for a further diagnostic.
  const tasks = eng.getByRole("region", { name: "Diagnostics asked of the agent" });
  await tasks.getByLabel("Diagnostic to ask for").fill("Send a snapshot right after rebooting the router");
  await tasks.getByRole("button", { name: "Ask the agent" }).click();
  await expect(tasks.getByText("Send a snapshot right after rebooting the router")).toBeVisible();

  // The agent sees the task on the case and marks it done.
  const task = engineering
    .locator("li")
    .filter({ hasText: "Send a snapshot right after rebooting the router" });
  await expect(task).toBeVisible();
  await task.getByRole("button", { name: /Mark done/ }).click();
  await expect(task).toBeHidden();
  await expect(tasks.getByText(/done by Ada Lovelace/)).toBeVisible();

  // Findings go back to the agent: live notice and prominently on the case.
  const findings = eng.getByRole("region", { name: "Findings" });
  await findings
    .getByLabel("Your findings for the agent")
    .fill("The ISP router hijacks DNS; set the speaker's DNS to 1.1.1.1.");
  await findings.getByRole("button", { name: "Hand back findings" }).click();
  await expect(findings.getByTestId("findings")).toHaveText(/hijacks DNS/);
  await expect(page.getByText(`Engineering handed back findings on case #${kase.number}.`)).toBeVisible();
  await expect(
    engineering.getByText("The ISP router hijacks DNS; set the speaker's DNS to 1.1.1.1."),
  ).toBeVisible();
  await expect(engineering.getByText("findings handed back")).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/43-escalation-case.png", fullPage: true });

  // On the case page itself the engineer reads and adds notes, but changes nothing.
  await eng.goto(`/app/cases/${kase.id}`);
  const fields = eng.getByRole("group", { name: "Case details" });
  await expect(fields.getByRole("combobox", { name: "Status" })).toBeDisabled();
  await expect(eng.getByRole("button", { name: /Edit: Subject/ })).toHaveCount(0);
  const composer = eng.getByRole("form", { name: "Write a reply or an internal note" });
  await expect(composer.getByRole("radio", { name: "Reply" })).toHaveCount(0);
  await composer.getByLabel("Internal note (only staff see it)").fill("Checked the router's DNS log.");
  await composer.getByRole("button", { name: "Add note" }).click();
  await expect(eng.getByText("Checked the router's DNS log.").first()).toBeVisible();
  await expectAccessible(eng);
  await context.close();
});

test("an admin registers a webhook endpoint for escalations; unsafe URLs are refused", async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Outgoing webhooks" })).toBeVisible();
  await page.getByLabel("Endpoint URL").fill("file:///etc/passwd");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(
    page.getByText("must be an http:// or https:// URL without user name or password"),
  ).toBeVisible();
  const url = `https://tracker-${unique()}.example.com/hooks/rapport`;
  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByLabel("Description (optional)").fill("Bug tracker");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("Copy the signing secret now")).toBeVisible();
  await expect(page.getByText(/^whsec_/)).toBeVisible();
  const endpoint = page
    .getByRole("list", { name: "Webhook endpoints" })
    .getByRole("listitem")
    .filter({ hasText: url });
  await expect(endpoint).toContainText("escalation.created");
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/43-webhooks.png", fullPage: true });
});
