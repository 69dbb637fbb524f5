import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";
import { inviteAgent, signIn } from "../support/people.ts";

/**
 * The feedback portal's staff side (issue #17): the Feedback screen, an agent linking a case to
 * an idea (and raising one) from the case page, staff planning then completing an idea, and
 * declining, which asks for the explanation and shows it.
 */

type Idea = { id: string; number: string; url: string; title: string };

/** A public board and one idea on it, through the API (the customer side is another spec's). */
async function boardWithIdea(api: APIRequestContext, id: string, title: string) {
  const board = await call<{ id: string }>(api, "post", "/api/v1/feedback/boards", {
    name: `Product ${id}`,
    slug: `product-${id}`,
    visibility: "public",
  });
  const idea = await call<Idea>(api, "post", "/api/v1/feedback/ideas", {
    boardId: board.id,
    title,
    description: "Let me **group** speakers by room so one tap plays everywhere.",
  });
  return { board, idea };
}

/** The admin's API client and a fresh idea (its title ends with a unique id) on a board of its own. */
async function ideaToWorkOn(playwright: Parameters<typeof signedInApi>[0], title: string) {
  const api = await signedInApi(playwright);
  const id = unique();
  const { idea } = await boardWithIdea(api, id, `${title}${id}`);
  return { api, id, idea };
}

/** Opens an idea's drawer on the Feedback screen (the drawer follows ?idea=). */
async function openIdea(page: Page, idea: Idea) {
  await page.goto(`/app/feedback?idea=${idea.id}`);
  const drawer = page.getByRole("dialog", { name: `#${idea.number} ${idea.title}` });
  await expect(drawer).toBeVisible({ timeout: 30_000 });
  return drawer;
}

async function changeStatus(page: Page, drawer: ReturnType<Page["getByRole"]>, status: string) {
  await drawer.getByRole("combobox", { name: "New status" }).click();
  await page.getByRole("option", { name: status, exact: true }).click();
  await drawer.getByRole("button", { name: "Change status" }).click();
}

test("the Feedback screen opens from the staff nav with its tabs, and is accessible", async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole("navigation").getByRole("link", { name: "Feedback" }).click();
  await page.waitForURL("**/app/feedback");
  // The page's own chunk first (a loaded machine takes a while).
  await expect(page.getByRole("heading", { level: 1, name: "Feedback" })).toBeVisible({ timeout: 30_000 });
  const tabs = page.getByRole("tablist", { name: "Feedback" });
  for (const name of ["Ideas", "Priorities", "Themes", "Boards & settings"])
    await expect(tabs.getByRole("tab", { name })).toBeVisible();
  await expectAccessible(page);
  // Each tab renders (its content, or a plain error while another part's API is missing).
  for (const name of ["Priorities", "Themes", "Boards & settings"]) {
    await tabs.getByRole("tab", { name }).click();
    await expect(tabs.getByRole("tab", { name })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tabpanel")).toBeVisible();
    await expectAccessible(page);
  }
  await expect(page).toHaveURL(/tab=boards/);
});

test("an agent links a case to an idea from the case page, and raises a new one from it", async ({
  page,
  playwright,
}) => {
  const { api, id, idea } = await ideaToWorkOn(playwright, "Group speakers by room ");
  const agent = await inviteAgent(api, id);
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name: `Noor ${id}`,
    emails: [`noor-${id}@example.test`],
  });
  const kase = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `Play in every room at once ${id}`,
    message: "I wish I could play the same song in the kitchen and the living room with one tap.",
  });

  await signIn(page, agent);
  await page.goto(`/app/cases/${kase.id}`);
  await expect(page.getByRole("heading", { name: `Play in every room at once ${id}` })).toBeVisible({
    timeout: 30_000,
  });
  const panel = page.getByRole("region", { name: "Ideas" });
  await expect(panel.getByText("No idea is linked to this case.")).toBeVisible();
  await panel.getByLabel("Link to an idea").fill(`Group speakers ${id}`);
  await panel.getByRole("button", { name: `Link to idea ${idea.title}` }).click();
  await expect(panel.getByRole("link", { name: `#${idea.number} ${idea.title}` })).toBeVisible();
  await expectAccessible(page, { include: "section[aria-labelledby='case-ideas-heading']" });

  // The case's customer now counts as a requester, without a public vote.
  const linked = await (await api.get(`/api/v1/feedback/ideas/${idea.id}`)).json();
  expect(linked.requesters).toBe(1);
  expect(linked.votes).toBe(0);
  const cases = await (await api.get(`/api/v1/feedback/ideas/${idea.id}/cases`)).json();
  expect(cases.items.map((c: { caseId: string }) => c.caseId)).toEqual([kase.id]);

  // A new idea from the same case: prefilled from its subject and what the customer said.
  await panel.getByRole("button", { name: "New idea from this case" }).click();
  const dialog = page.getByRole("dialog", { name: "New idea from this case" });
  await expect(dialog.getByLabel("Title")).toHaveValue(`Play in every room at once ${id}`);
  await expect(dialog.getByLabel("Description")).toHaveValue(/kitchen and the living room/);
  await dialog.getByRole("combobox", { name: "Board" }).click();
  await page.getByRole("option", { name: `Product ${id}` }).click();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Create idea" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    panel.getByRole("link", { name: new RegExp(`Play in every room at once ${id}`) }),
  ).toBeVisible();
  await expect(panel.getByRole("listitem")).toHaveCount(2);
});

test("staff plan an idea, then complete it, and its history says so", async ({ page, playwright }) => {
  const { api, idea } = await ideaToWorkOn(playwright, "Alarm clock mode ");
  await signInAsAdmin(page);
  const drawer = await openIdea(page, idea);
  await expectAccessible(page);

  await changeStatus(page, drawer, "Planned");
  await expect(drawer.getByRole("region", { name: "History" })).toContainText("Open → Planned");

  await drawer.getByRole("combobox", { name: "New status" }).click();
  await page.getByRole("option", { name: "Done", exact: true }).click();
  await drawer.getByLabel("Public explanation (optional)").fill("Shipped in app 5.2: Settings → Alarms.");
  await drawer.getByRole("button", { name: "Change status" }).click();
  await expect(drawer.getByRole("region", { name: "History" })).toContainText("Planned → Done");
  await expect(drawer.getByTestId("status-explanation")).toHaveText("Shipped in app 5.2: Settings → Alarms.");

  const done = await (await api.get(`/api/v1/feedback/ideas/${idea.id}`)).json();
  expect(done.status).toBe("done");
  expect(done.history.map((h: { to: string }) => h.to).sort()).toEqual(["done", "planned"]);
});

test("declining asks for the explanation, refuses a short one and shows it on the idea", async ({
  page,
  playwright,
}) => {
  const { api, idea } = await ideaToWorkOn(playwright, "Support for cassette tapes ");

  // The rule holds in the API whatever the screen does.
  const bare = await api.patch(`/api/v1/feedback/ideas/${idea.id}`, { data: { status: "declined" } });
  expect(bare.status()).toBe(422);
  expect((await bare.json()).error.field).toBe("explanation");

  await signInAsAdmin(page);
  const drawer = await openIdea(page, idea);
  await changeStatus(page, drawer, "Declined");
  const dialog = page.getByRole("dialog", { name: "Decline this idea" });
  await expect(dialog).toBeVisible();
  await expect(
    dialog.getByText("At least 30 characters; shown on the idea and sent to every subscriber."),
  ).toBeVisible();
  await expectAccessible(page);

  await dialog.getByLabel("Explanation").fill("Not now.");
  await dialog.getByRole("button", { name: "Decline with this explanation" }).click();
  await expect(dialog.getByText("The explanation must be at least 30 characters (8 so far).")).toBeVisible();
  expect((await (await api.get(`/api/v1/feedback/ideas/${idea.id}`)).json()).status).toBe("open");

  const why =
    "Tape decks would need an analogue input our speakers do not have; the Port adapter plays them through any line-in instead.";
  await dialog.getByLabel("Explanation").fill(why);
  await dialog.getByRole("button", { name: "Decline with this explanation" }).click();
  await expect(dialog).toBeHidden();
  await expect(drawer.getByTestId("status-explanation")).toHaveText(why);
  await expect(drawer.getByRole("region", { name: "History" })).toContainText("Open → Declined");

  // The public idea page shows the answer too.
  const declined = await (await api.get(`/api/v1/feedback/ideas/${idea.id}`)).json();
  expect(declined.statusExplanation).toBe(why);
  const publicPage = await page.context().newPage();
  await publicPage.goto(idea.url);
  await expect(publicPage.getByText(why).first()).toBeVisible();
});
