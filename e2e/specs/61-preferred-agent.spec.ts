import { expect, test } from "@playwright/test";
import { call, magicLinkFor, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN } from "../support/data.ts";

// Routing (issue #18): a customer who keeps their agent. The customer chooses their agent in the
// portal; their next request lands with that agent, and the case says why.
test("a customer picks their agent in the portal and their new request lands with that agent", async ({
  page,
  playwright,
}) => {
  const staff = await signedInApi(playwright);
  const id = unique();
  const email = `keeps-agent-${id}@example.test`;
  await call(staff, "post", "/api/v1/customers", { name: `Kim Keeper ${id}`, emails: [email] });

  await page.goto("/portal/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Your sign-in link could not be emailed" }),
  ).toBeVisible();
  await page.goto(await magicLinkFor(email));
  await page.waitForURL("**/portal");

  await page.getByRole("link", { name: "New request" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New request" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "My agent" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("combobox", { name: "My agent" }).click();
  await page.getByRole("option", { name: ADMIN.name }).click();
  await expect(page.getByText("Your choice is saved")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "My agent" })).toHaveValue(ADMIN.name);

  const subject = `Sub hums at night ${id}`;
  await page.getByLabel("In a few words, what is it about?").fill(subject);
  await page.getByLabel("What's happening?").fill("The subwoofer hums when nothing plays.");
  await page.getByRole("button", { name: "Send request" }).click();
  await page.waitForURL(/\/portal\/requests\/[0-9a-f-]{36}$/);
  const caseId = page.url().split("/").pop() ?? "";

  const res = await staff.get(`/api/v1/cases/${caseId}`);
  expect(res.ok()).toBe(true);
  const c = (await res.json()) as { assignee: { name: string } | null };
  expect(c.assignee?.name).toBe(ADMIN.name);
  const timeline = (await (await staff.get(`/api/v1/cases/${caseId}/timeline`)).json()) as {
    items: Array<{ kind: string; data: { reason: string } }>;
  };
  expect(timeline.items.find((e) => e.kind === "case.routed")?.data.reason).toBe("preferred_agent");
});
