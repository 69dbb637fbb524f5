import { expect, test } from "@playwright/test";
import { call, origin, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN, signInAsAdmin } from "../support/data.ts";

// Issue #18: each open case shows its SLA time left in colour, and "most urgent first" puts the
// case nearest its due (or past it) at the top. Uses the SLA part's API (docs/agents-api.md).
test("the inbox shows SLA clocks in colour and sorts the most urgent case first", async ({
  page,
  playwright,
}) => {
  test.setTimeout(300_000);
  const setup = await playwright.request.newContext({
    baseURL: origin(),
    extraHTTPHeaders: { Origin: origin() },
  });
  await setup.post("/api/v1/setup", { data: ADMIN });
  const api = await signedInApi(playwright);
  const id = unique();
  // Counted around the clock so the test does not depend on the hour it runs at.
  await call(api, "post", "/api/v1/sla-policies", {
    name: `Urgent ${id}`,
    position: 1,
    conditions: { priority: "urgent" },
    targets: { firstReplyMinutes: 1 },
    calendar: "always",
  });
  await call(api, "post", "/api/v1/sla-policies", {
    name: `Everyone ${id}`,
    position: 2,
    conditions: {},
    targets: { firstReplyMinutes: 600 },
    calendar: "always",
  });
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name: `Noor Haddad ${id}`,
    emails: [`noor-${id}@example.test`],
  });
  const open = (subject: string, priority: string) =>
    call<{ id: string; number: number }>(api, "post", "/api/v1/cases", {
      customerId: customer.id,
      subject: `${subject} ${id}`,
      message: "Please help.",
      priority,
    });
  const urgent = await open("No internet at the clinic", "urgent");
  const calm = await open("Invoice address", "normal");
  const waiting = await open("Replacement remote", "normal");
  // Waiting on the customer pauses the clock.
  await call(api, "patch", `/api/v1/cases/${waiting.id}`, { status: "pending" });

  await signInAsAdmin(page);
  await page.goto(`/app/inbox?status=open&q=${id}`);
  const row = (caseId: string) => page.locator(`tr[data-case-id="${caseId}"]`);
  await expect(row(calm.id).locator("[data-sla]")).toHaveAttribute("data-sla", "ok");
  await expect(row(calm.id)).toContainText(/9 h 5\d min left|10 h 0 min left/);
  await expect(row(waiting.id).locator("[data-sla]")).toHaveAttribute("data-sla", "paused");

  // The urgent case's minute runs out: it turns red and says it is overdue.
  await expect(async () => {
    await page.reload();
    await expect(row(urgent.id).locator("[data-sla]")).toHaveAttribute("data-sla", "breached", {
      timeout: 15_000,
    });
  }).toPass({ timeout: 150_000, intervals: [5000] });
  await expect(row(urgent.id)).toContainText(/overdue/);

  // Newest first by default; most urgent first on request.
  const order = async () =>
    page.locator("tr[data-case-id]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-case-id")));
  await page.getByRole("button", { name: "Most urgent first" }).click();
  await expect(page.getByRole("button", { name: "Most urgent first" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect.poll(async () => (await order())[0]).toBe(urgent.id);
  expect((await order()).indexOf(urgent.id)).toBeLessThan((await order()).indexOf(calm.id));
  await expectAccessible(page);

  // The policies are listed under Settings → Hours & SLAs, and the agent's home opens.
  await page.getByRole("link", { name: "Hours & SLAs" }).click();
  await page.getByRole("tab", { name: "SLA policies" }).click();
  await expect(page.getByRole("cell", { name: `Urgent ${id}` })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "My home" }).click();
  await expect(page.getByRole("heading", { name: "My queue" })).toBeVisible();
  await expectAccessible(page);
});
