import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN, signInAsAdmin } from "../support/data.ts";
import { serverLogFile } from "../support/state.ts";

/** Until outgoing mail is set up the server logs invitation links; find the one for this email. */
async function invitationLinkFor(email: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const lines = fs.readFileSync(serverLogFile(), "utf8").split("\n").filter(Boolean).reverse();
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as { msg?: string; email?: string; url?: string };
        if (entry.msg === "invitation link" && entry.email === email && entry.url) return entry.url;
      } catch {
        // not a JSON line
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no invitation link for ${email}`);
}

test("an admin invites an agent, who joins through the link; the admin then deactivates them and hands over their cases", async ({
  page,
  browser,
  baseURL,
}) => {
  // Two browsers and nine axe scans: past the 2-minute default on a loaded 2-core machine.
  test.setTimeout(240_000);
  const stamp = Date.now();
  const email = `grace-${stamp}@northwind.test`;
  const name = `Grace Hopper ${stamp}`;

  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  const sent = page.getByRole("status").filter({ hasText: `Invitation created for ${email}` });
  await expect(sent).toContainText("Copy the link and send it yourself");
  const invitations = page.getByRole("table", { name: "Invitations" });
  await expect(invitations.getByRole("row", { name: new RegExp(email) })).toContainText(
    "Waiting to be accepted",
  );
  await expectAccessible(page);

  // The invited person opens the link in their own browser.
  const link = await invitationLinkFor(email);
  expect(link).toContain("/invite/");
  const guest = await browser.newContext({ baseURL, reducedMotion: "reduce" });
  const invitee = await guest.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { level: 1, name: `Join ${ADMIN.workspaceName}` })).toBeVisible();
  await expect(invitee.getByLabel("Email")).toHaveValue(email);
  await expectAccessible(invitee);
  await invitee.getByLabel("Your name").fill(name);
  await invitee.getByLabel(/^Password/).fill("a-long-new-password");
  await invitee.getByLabel(/^Confirm password/).fill("a-long-new-password");
  await invitee.getByRole("button", { name: "Join the team" }).click();
  await invitee.waitForURL("**/app/**");
  await expect(invitee.getByRole("button", { name: new RegExp(`Account menu for ${name}`) })).toBeVisible();
  await expectAccessible(invitee);

  // Agents see the team but cannot change it.
  await invitee.goto("/app/settings/team");
  await expect(invitee.getByText("Only admins can invite people")).toBeVisible();
  await expect(invitee.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  await expect(invitee.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(invitee.getByRole("combobox", { name: /^Role for/ })).toHaveCount(0);
  await expectAccessible(invitee);

  // A used link says so plainly.
  const again = await guest.newPage();
  await again.goto(link);
  await expect(
    again.getByRole("heading", { level: 1, name: "This invitation link no longer works" }),
  ).toBeVisible();
  await expectAccessible(again);
  await guest.close();

  // Give the new agent an open case, so deactivating them offers the hand-over.
  await page.reload();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Active");
  await expect(invitations.getByRole("row", { name: new RegExp(email) })).toContainText("Accepted");
  const api = (path: string, data: unknown) =>
    page.request.post(path, { data, headers: { origin: new URL(page.url()).origin } });
  const members = (await (await page.request.get("/api/v1/members?limit=100")).json()) as {
    items: { id: string; email: string }[];
  };
  const memberId = members.items.find((m) => m.email === email)?.id ?? "";
  const customer = await api("/api/v1/customers", {
    name: `Customer ${stamp}`,
    emails: [`c-${stamp}@example.test`],
  });
  const customerId = ((await customer.json()) as { id: string }).id;
  const opened = await api("/api/v1/cases", {
    customerId,
    subject: "Router keeps rebooting",
    message: "Every hour or so.",
    assigneeId: memberId,
  });
  expect(opened.status()).toBe(201);

  await row.getByRole("button", { name: `Deactivate ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Deactivate ${name}?` });
  await expect(confirm).toBeVisible();
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");

  const handOver = page.getByRole("dialog", { name: /open cases/ });
  await expect(handOver).toContainText("has 1 open case");
  await expectAccessible(page);
  await handOver.getByLabel("Give them to").click();
  await page.getByRole("option", { name: new RegExp(ADMIN.name) }).click();
  await handOver.getByRole("button", { name: "Reassign cases" }).click();
  await expect(page.getByText("Moved 1 case.")).toBeVisible();
  await expect(handOver).toBeHidden();
});
