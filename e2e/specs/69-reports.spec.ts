import { expect, test } from "@playwright/test";
import { agentPage } from "../support/actions.ts";
import { call, origin, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN, signInAsAdmin } from "../support/data.ts";

// Issue #19: a manager opens the reports, sees a chart, follows a figure to the cases behind
// it and opens one. A team of its own keeps this spec's figures apart from the other specs'.
test("a manager follows a report's figure to the cases behind it and opens one", async ({
  page,
  playwright,
}) => {
  test.setTimeout(180_000);
  const setup = await playwright.request.newContext({
    baseURL: origin(),
    extraHTTPHeaders: { Origin: origin() },
  });
  await setup.post("/api/v1/setup", { data: ADMIN });
  const api = await signedInApi(playwright);
  const id = unique();
  const teams = await call<{ items: Array<{ id: string; name: string }> }>(api, "post", "/api/v1/teams", {
    name: `Reports desk ${id}`,
    memberIds: [],
  });
  const team = teams.items.find((x) => x.name === `Reports desk ${id}`);
  expect(team).toBeTruthy();
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name: `Ola Nordmann ${id}`,
    emails: [`ola-${id}@example.test`],
  });
  const opened = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `Speaker hums ${id}`,
    message: "A low hum since the update.",
    channel: "chat",
    teamId: team?.id,
  });
  await call(api, "post", `/api/v1/cases/${opened.id}/messages`, {
    body: "Try the ground loop fix.",
    kind: "reply",
  });
  await call(api, "patch", `/api/v1/cases/${opened.id}`, { status: "solved" });

  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Support reports" })).toBeVisible();
  // Narrow to this spec's team, by channel.
  await page.goto(`/app/reports?metric=first-reply-time&groupBy=channel&team=${team?.id}`);
  await expect(page.getByRole("figure", { name: "First reply time by Channel" })).toBeVisible();
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Download CSV" })).toHaveAttribute("href", /format=csv/);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Show the cases behind chat" }).click();
  await expect(page.getByRole("heading", { name: "Cases behind: First reply time" })).toBeVisible();
  await expect(page.getByText("1 case", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: `Speaker hums ${id}` }).click();
  await expect(page).toHaveURL(new RegExp(`/app/cases/${opened.id}`));
  await expect(page.getByText(`Speaker hums ${id}`).first()).toBeVisible();
});

// Reports are the team leads' too (reports.policy.ts): an agent sees no Reports link until an
// admin makes them a team's lead; then the link shows and the page opens for them.
test("an agent made team lead finds Reports in the navigation and opens it", async ({
  browser,
  playwright,
}) => {
  test.setTimeout(180_000);
  const api = await signedInApi(playwright);
  const id = unique();
  const kim = await agentPage(browser, api, id);
  const nav = kim.getByRole("navigation");
  await expect(nav.getByRole("link", { name: "Inbox" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Reports", exact: true })).toHaveCount(0);

  const members = (await (await api.get("/api/v1/members?limit=100")).json()) as {
    items: Array<{ id: string; email: string }>;
  };
  const kimId = members.items.find((m) => m.email === `kim-${id}@northwind.test`)?.id;
  expect(kimId).toBeTruthy();
  await call(api, "post", "/api/v1/teams", { name: `Lead desk ${id}`, memberIds: [kimId], leadIds: [kimId] });

  await kim.reload();
  await nav.getByRole("link", { name: "Reports", exact: true }).click();
  await expect(kim.getByRole("heading", { name: "Support reports" })).toBeVisible();
  await expect(kim.getByRole("figure").first()).toBeVisible();
  await expectAccessible(kim);
  // Closing their browser closes their realtime socket: an agent left online is offered later specs' chats.
  await kim.context().close();
});
