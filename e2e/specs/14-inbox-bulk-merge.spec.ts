import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { call, origin, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN, signInAsAdmin } from "../support/data.ts";

type Counts = { mine: number; all: number; unassigned: number };
const counts = async (api: APIRequestContext) =>
  (await (await api.get("/api/v1/cases/counts")).json()) as Counts;
const badge = (page: Page, view: string) => page.locator(`[data-count="${view}"]`);

test("an agent sees counts per view, bulk-assigns cases and merges two of them from the inbox", async ({
  page,
  playwright,
}) => {
  // Runs after the setup journey; alone, it sets the workspace up itself.
  const setup = await playwright.request.newContext({
    baseURL: origin(),
    extraHTTPHeaders: { Origin: origin() },
  });
  await setup.post("/api/v1/setup", {
    data: {
      workspaceName: ADMIN.workspaceName,
      name: ADMIN.name,
      email: ADMIN.email,
      password: ADMIN.password,
    },
  });
  const api = await signedInApi(playwright);
  const id = unique();
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name: `Lena Okafor ${id}`,
    emails: [`lena-${id}@example.test`],
  });
  const open = (subject: string) =>
    call<{ id: string; number: number }>(api, "post", "/api/v1/cases", {
      customerId: customer.id,
      subject: `${subject} ${id}`,
      message: "The soundbar drops out every evening.",
    });
  const first = await open("Soundbar drops out");
  const second = await open("Soundbar drops out again");
  await open("Remote pairing");
  const before = await counts(api);

  await signInAsAdmin(page);
  // Counts per view, "All unsolved" named for what it lists.
  await expect(page.getByRole("button", { name: /All unsolved/ })).toBeVisible();
  await expect(badge(page, "open")).toHaveText(String(before.all));
  await expect(badge(page, "mine")).toHaveText(String(before.mine));

  // Only this journey's cases: the search filter in the URL.
  await page.goto(`/app/inbox?view=open&q=${id}`);
  const table = page.getByRole("table", { name: "Cases" });
  await expect(table.getByRole("row")).toHaveCount(4);

  await table.getByRole("checkbox", { name: "Select all cases on this page" }).check();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar).toContainText("3 cases selected");
  await expectAccessible(page);
  await bar.getByLabel("Assign to…").click();
  await page.getByRole("option", { name: ADMIN.name }).click();
  await expect(page.getByText("3 cases updated")).toBeVisible();
  await expect(badge(page, "mine")).toHaveText(String(before.mine + 3));
  await expect(table.getByText(ADMIN.name)).toHaveCount(3);

  // Merge the two about the same problem; the first stays.
  await table.getByRole("checkbox", { name: `Select case #${first.number}` }).check();
  await table.getByRole("checkbox", { name: `Select case #${second.number}` }).check();
  await bar.getByRole("button", { name: "Merge…" }).click();
  const dialog = page.getByRole("dialog", { name: "Merge cases" });
  await dialog.getByRole("radio", { name: new RegExp(`#${first.number} `) }).check();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Merge" }).click();
  await expect(page.getByText(`Merged into #${first.number}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(badge(page, "open")).toHaveText(String(before.all - 1));

  // The merged case leads to the survivor, which holds both conversations.
  await page.goto(`/app/cases/${second.id}`);
  await expect(page.getByText(`This case was merged into #${first.number}.`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: `Open #${first.number}` }).click();
  await expect(page.getByRole("log")).toContainText("The soundbar drops out every evening.");
  await expect(page.getByRole("log").getByText("The soundbar drops out every evening.")).toHaveCount(2);
});
