import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { call, magicLinkFor, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

const shots = `${import.meta.dirname}/../../.tmp/shots`;

/** A category and a published public article, seeded as the admin. */
async function seedArticle(api: APIRequestContext, id: string, title: string, body: string) {
  const category = await call<{ id: string }>(api, "post", "/api/v1/help/categories", {
    name: `Speakers ${id}`,
    sections: [{ name: "Wi-Fi" }],
  });
  return call<{ id: string; slug: string }>(api, "post", "/api/v1/help/articles", {
    title,
    body,
    state: "published",
    visibility: "public",
    categoryId: category.id,
  });
}

/** A customer with a portal session in a context of its own. */
async function customerPage(browser: Browser, baseURL: string | undefined, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/portal/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto(await magicLinkFor(email));
  await page.waitForURL("**/portal");
  return page;
}

test("an agent writes an article with a preview, publishes it, edits it, compares versions and restores the first", async ({
  page,
}) => {
  const id = unique();
  const title = `Reset the Arc speaker ${id}`;
  await signInAsAdmin(page);

  await page.getByRole("navigation").getByRole("link", { name: "Help center" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Help center" })).toBeVisible();

  // A category with a section from the small manager.
  await page.getByRole("button", { name: "Categories…" }).click();
  const manager = page.getByRole("dialog", { name: "Categories" });
  await manager.getByLabel("Category name").fill(`Speakers ${id}`);
  await manager.getByLabel("Sections").fill("Setup");
  await manager.getByLabel("Sections").press("Enter");
  await manager.getByRole("button", { name: "Create category" }).click();
  await expect(manager.getByText(`Speakers ${id} — Setup`)).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Escape");

  await page.getByRole("link", { name: "New article" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New article" })).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByRole("combobox", { name: "Category" }).click();
  await page.getByRole("option", { name: `Speakers ${id}` }).click();
  await page.getByRole("combobox", { name: "Section" }).click();
  await page.getByRole("option", { name: "Setup" }).click();
  const body = page.getByLabel("Article (markdown)");
  await body.fill("Hold the power button for ten seconds.\n\n");
  await page.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "Bold" }).click();
  await expect(body).toHaveValue("Hold the power button for ten seconds.\n\n**bold**");
  await page.getByRole("tab", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.locator("strong")).toHaveText("bold");
  await expect(preview).toContainText("Hold the power button for ten seconds.");
  await page.getByRole("tab", { name: "Write" }).click();
  await body.fill("Hold the power button for ten seconds.");
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/app\/help\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("article-version")).toHaveText("Version 1");
  await expectAccessible(page);

  // Publish.
  await page.getByRole("combobox", { name: "State" }).click();
  await page.getByRole("option", { name: "Published" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("article-version")).toHaveText("Version 2");
  await expect(page.getByTestId("article-state")).toHaveText("Published");

  // Edit the body.
  await page.getByLabel("Article (markdown)").fill("Hold the power button for twenty seconds, then wait.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("article-version")).toHaveText("Version 3");

  // Compare the first with the latest, then restore the first.
  const history = page.getByRole("region", { name: "History" });
  await history.getByRole("combobox", { name: "Compare from" }).click();
  await page.getByRole("option", { name: "Version 1" }).click();
  await history.getByRole("combobox", { name: "to", exact: true }).click();
  await page.getByRole("option", { name: "Version 3" }).click();
  await history.getByRole("button", { name: "Compare" }).click();
  const diff = history.getByRole("region", { name: "Changes from version 1 to 3" });
  await expect(diff.locator("del")).toContainText("ten seconds");
  await expect(diff.locator("ins")).toContainText("twenty seconds");
  await page.screenshot({ path: `${shots}/help-editor.png`, fullPage: true });
  await expectAccessible(page);
  await history.getByRole("button", { name: "Restore version 1" }).click();
  await expect(page.getByTestId("article-version")).toHaveText("Version 4");
  await expect(page.getByLabel("Article (markdown)")).toHaveValue("Hold the power button for ten seconds.");
  // A restore never unpublishes.
  await expect(page.getByRole("combobox", { name: "State" })).toHaveValue("Published");

  // The list shows it with its state, category and locale.
  await page.getByRole("link", { name: "Help center" }).first().click();
  await page.getByLabel("Search titles").fill(id);
  const table = page.getByRole("table", { name: "Help articles" });
  const row = table.getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText("Published");
  await expect(row).toContainText(`Speakers ${id}`);
  await page.screenshot({ path: `${shots}/help-list.png`, fullPage: true });
  await expectAccessible(page);
});

test("an agent inserts an article link from the knowledge panel into a reply and the customer sees it", async ({
  page,
  browser,
  baseURL,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const email = `lena-${id}@example.test`;
  const title = `Speaker keeps dropping Wi-Fi ${id}`;
  await seedArticle(api, id, title, "Turn off **Wi-Fi power saving** in Settings.");
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name: `Lena Fischer ${id}`,
    emails: [email],
  });
  const kase = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: "My speaker keeps losing the connection",
    message: "It drops off the Wi-Fi every evening.",
  });

  await signInAsAdmin(page);
  await page.goto(`/app/cases/${kase.id}`);
  const panel = page.getByRole("region", { name: "Knowledge" });
  await panel.getByLabel("Search articles").fill(id);
  await panel.getByRole("button", { name: `Insert a link to ${title} into the reply` }).click();
  const reply = page.getByRole("textbox", { name: "Reply to the customer" });
  await expect(reply).toHaveValue(new RegExp(`^\\[${title}\\]\\(http://[^)]+/help/articles/`));
  await page.screenshot({ path: `${shots}/knowledge-panel.png`, fullPage: true });
  await expectAccessible(page);
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByRole("article", { name: "Reply: Ada Lovelace" })).toContainText(title);

  // "Create article from this reply" opens a draft for review, not a saved article.
  await page
    .getByRole("article", { name: "Reply: Ada Lovelace" })
    .getByRole("button", { name: "Create article from this reply" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "New article" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("Drafted from your reply on case #");
  await expect(page.getByLabel("Article (markdown)")).toHaveValue(new RegExp(title));

  const customerView = await customerPage(browser, baseURL, email);
  await customerView.goto(`/portal/requests/${kase.id}`);
  await expect(
    customerView.getByRole("list", { name: "Conversation" }).getByRole("link", { name: title }),
  ).toBeVisible();
  await customerView.context().close();
  await api.dispose();
});

test("a customer's question is answered by a suggested article and no case is created", async ({
  browser,
  baseURL,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const email = `omar-${id}@example.test`;
  const title = `Arc speaker has no sound ${id}`;
  const article = await seedArticle(api, id, title, "Check that **mute** is off, then restart the speaker.");
  await call(api, "post", "/api/v1/customers", { name: `Omar Haddad ${id}`, emails: [email] });
  const before = (await (await api.get(`/api/v1/cases?q=${id}`)).json()) as { items: unknown[] };
  // By default 5 % of form sessions are a holdout that sees no suggestions: not in this test.
  expect((await api.put("/api/v1/help/settings", { data: { holdoutPercent: 0 } })).status()).toBe(200);

  const page = await customerPage(browser, baseURL, email);
  await page.goto("/portal/requests/new");
  await page.getByLabel("In a few words, what is it about?").fill(`Arc has no sound ${id}`);
  const suggestions = page.getByRole("region", { name: "These might answer your question" });
  await suggestions.getByRole("button", { name: `Read: ${title}` }).click();
  const shown = page.getByRole("region", { name: title });
  await expect(shown.locator("strong")).toHaveText("mute");
  const deflected = page.waitForRequest(
    (r) => r.url().endsWith("/api/v1/help/deflections") && r.method() === "POST",
  );
  await shown.getByRole("button", { name: "This solved it" }).click();
  expect((await deflected).postDataJSON()).toMatchObject({ articleId: article.id });
  await expect(page.getByRole("heading", { name: "Glad that helped!" })).toBeVisible();
  const after = (await (await api.get(`/api/v1/cases?q=${id}`)).json()) as { items: unknown[] };
  expect(after.items.length).toBe(before.items.length);
  await page.context().close();
  await api.dispose();
});

// The form's behaviour in detail (no call under 3 characters, the session id, the inline
// article, "still need help", the done state) with the two routes answered by the test, so the
// ranking of the moment cannot change what is checked.
test("the new-request form shows suggestions, reads one inline and ends without a case (routes stubbed)", async ({
  browser,
  baseURL,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const email = `noor-${id}@example.test`;
  const title = `Arc speaker is silent ${id}`;
  const article = await seedArticle(api, id, title, "Check that **mute** is off, then restart the speaker.");
  await call(api, "post", "/api/v1/customers", { name: `Noor Aziz ${id}`, emails: [email] });

  const page = await customerPage(browser, baseURL, email);
  const asked: string[] = [];
  await page.route("**/api/v1/help/suggestions?*", async (route) => {
    const url = new URL(route.request().url());
    asked.push(url.searchParams.get("q") ?? "");
    expect(url.searchParams.get("session")).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    await route.fulfill({
      json: {
        items: [
          { id: article.id, title, slug: article.slug, snippet: "Check that mute is off…", kind: "article" },
          { id: "p1", title: "Speaker setup guide", slug: "speaker-setup", snippet: "", kind: "playbook" },
        ],
        holdout: false,
      },
    });
  });
  let deflection: unknown = null;
  await page.route("**/api/v1/help/deflections", async (route) => {
    deflection = route.request().postDataJSON();
    await route.fulfill({ status: 201, json: {} });
  });

  await page.goto("/portal/requests/new");
  const subject = page.getByLabel("In a few words, what is it about?");
  await subject.fill("Ar");
  await page.waitForTimeout(600);
  expect(asked).toEqual([]);
  await subject.fill(`Arc is silent ${id}`);
  const suggestions = page.getByRole("region", { name: "These might answer your question" });
  await expect(suggestions.getByRole("link", { name: "Guide: Speaker setup guide" })).toHaveAttribute(
    "href",
    "/portal/help/speaker-setup",
  );
  await page.screenshot({ path: `${shots}/portal-suggestions.png`, fullPage: true });
  await expectAccessible(page);

  // "I still need help" goes back with the text kept.
  await suggestions.getByRole("button", { name: `Read: ${title}` }).click();
  const shown = page.getByRole("region", { name: title });
  await expect(shown.locator("strong")).toHaveText("mute");
  await page.screenshot({ path: `${shots}/portal-article.png`, fullPage: true });
  await expectAccessible(page);
  await shown.getByRole("button", { name: "I still need help" }).click();
  await expect(subject).toHaveValue(`Arc is silent ${id}`);

  await suggestions.getByRole("button", { name: `Read: ${title}` }).click();
  await page.getByRole("region", { name: title }).getByRole("button", { name: "This solved it" }).click();
  await expect(page.getByRole("heading", { name: "Glad that helped!" })).toBeVisible();
  expect(deflection).toMatchObject({ query: `Arc is silent ${id}`, articleId: article.id });
  await page.goto("/portal");
  await expect(page.getByText(`Arc is silent ${id}`)).toHaveCount(0);
  await page.context().close();
  await api.dispose();
});

test("a problem's public workaround is published as a help article from the problem page", async ({
  page,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const problem = await call<{ id: string }>(api, "post", "/api/v1/problems", {
    title: `Internal: firmware 12.1 Wi-Fi regression ${id}`,
  });
  await call(api, "patch", `/api/v1/problems/${problem.id}`, {
    publicTitle: `Some speakers lose Wi-Fi ${id}`,
    publicWorkaround: "Turn off **Wi-Fi power saving**.",
  });

  await signInAsAdmin(page);
  await page.goto(`/app/problems/${problem.id}`);
  await page.getByRole("button", { name: "Publish as help article" }).click();
  await page.getByRole("link", { name: "Open the help article" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Some speakers lose Wi-Fi ${id}` })).toBeVisible();
  await expect(page.getByTestId("article-state")).toHaveText("Published");
  await expectAccessible(page);
  await api.dispose();
});
