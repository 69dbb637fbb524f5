import path from "node:path";
import { expect, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible, expectAccessibleInBothSchemes } from "../support/axe.ts";

const shots = path.resolve(import.meta.dirname, "../../.tmp/shots");

type Seeded = { category: string; categorySlug: string; title: string; slug: string };

/** A category with a section and a published public article in it, made through the API as an admin. */
async function seed(playwright: Parameters<typeof signedInApi>[0]): Promise<Seeded> {
  const api = await signedInApi(playwright);
  const id = unique();
  const category = `Speakers ${id}`;
  const cat = await call<{ id: string; slug: string; sections: Array<{ id: string }> }>(
    api,
    "post",
    "/api/v1/help/categories",
    { name: category, description: "Setting up and fixing your speakers", sections: [{ name: "Wi-Fi" }] },
  );
  const title = `Reset your speaker ${id}`;
  const article = await call<{ slug: string }>(api, "post", "/api/v1/help/articles", {
    title,
    body: [
      "If your speaker stops answering, a reset brings it back.",
      "",
      "1. Unplug it for **ten seconds**.",
      "2. Hold the *Join* button while you plug it back in.",
      "3. Wait until the light blinks white.",
      "",
      "> Your settings are kept.",
      "",
      "Still stuck? Read [the setup guide](/help).",
    ].join("\n"),
    state: "published",
    visibility: "public",
    sectionId: cat.sections[0]?.id,
    playbookSlug: `reset-${id}`,
  });
  await call(api, "post", "/api/v1/help/articles", {
    title: `Draft about speakers ${id}`,
    body: "Not ready.",
    state: "draft",
    visibility: "public",
    categoryId: cat.id,
  });
  await api.dispose();
  return { category, categorySlug: cat.slug, title, slug: article.slug };
}

test.describe("the public help center without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("browse to an article, read it and answer No with a reason", async ({ page, playwright }) => {
    const s = await seed(playwright);

    await page.goto("/help");
    await expect(page.getByRole("heading", { level: 1, name: "How can we help?" })).toBeVisible();
    await expect(
      page.getByRole("search").getByRole("searchbox", { name: "Search the help center" }),
    ).toBeVisible();
    await expect(page.getByText(/Draft about speakers/)).toHaveCount(0);
    await page.screenshot({ path: path.join(shots, "help-home.png"), fullPage: true });

    await page.getByRole("link", { name: s.category, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/help/${s.categorySlug}$`));
    await expect(page.getByRole("heading", { level: 1, name: s.category })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Help center");

    await page.getByRole("link", { name: s.title }).click();
    await expect(page).toHaveURL(new RegExp(`/help/articles/${s.slug}$`));
    await expect(page.getByRole("heading", { level: 1, name: s.title })).toBeVisible();
    const article = page.getByRole("article");
    await expect(article.locator("strong")).toHaveText("ten seconds");
    await expect(article.getByRole("listitem")).toHaveCount(3);
    await expect(page.getByRole("link", { name: "Run the guided check" })).toHaveAttribute(
      "href",
      /^\/portal\/help\/reset-/,
    );
    await expect(
      page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: s.category }),
    ).toBeVisible();
    await page.screenshot({ path: path.join(shots, "help-article.png"), fullPage: true });

    // "No" posts the form; the server answers with the same page asking why.
    await page.getByRole("button", { name: "No", exact: true }).click();
    await expect(page).toHaveURL(/feedback=why/);
    await page.getByRole("radio", { name: "It is out of date" }).check();
    await expect(page.getByRole("link", { name: "Contact support" })).toHaveAttribute(
      "href",
      `/portal/new?article=${s.slug}&locale=en`,
    );
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page).toHaveURL(/feedback=sorry/);
    await expect(page.getByRole("status")).toContainText("Thanks for telling us");
    await expect(page.getByRole("link", { name: "Contact support" })).toHaveAttribute(
      "href",
      `/portal/new?article=${s.slug}&locale=en`,
    );

    // Search works as a plain GET form.
    await page.getByRole("link", { name: "Help center" }).first().click();
    await page.getByRole("searchbox", { name: "Search the help center" }).fill("blinks white");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/help\/search\?q=blinks\+white/);
    await expect(page.getByRole("link", { name: s.title })).toBeVisible();
    await expect(page.locator("mark").first()).toHaveText(/blinks|white/i);

    const missing = await page.goto("/help/articles/no-such-article-here");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "We could not find that page" })).toBeVisible();
  });
});

test("the server-rendered pages, as a browser without JavaScript gets them, pass axe in light and dark", async ({
  page,
  playwright,
}) => {
  const s = await seed(playwright);
  // axe needs scripts in the page, so instead of turning JavaScript off the app's own code is
  // not delivered: what is left is exactly the server's HTML and CSS (Mantine's color scheme
  // script is inline, so the dark scheme can still be checked).
  await page.route("**/assets/*.js", (route) => route.abort());
  for (const url of ["/help", `/help/${s.categorySlug}`, `/help/articles/${s.slug}`]) {
    await expectAccessibleInBothSchemes(page, async () => {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    });
  }
  await page.goto(`/help/articles/${s.slug}?feedback=why`);
  await expect(page.getByRole("radio", { name: "It is out of date" })).toBeVisible();
  await expectAccessible(page);
});

test("with JavaScript the help center hydrates, answers Yes in place, and reads well in light and dark", async ({
  page,
  playwright,
}) => {
  const s = await seed(playwright);
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));

  await expectAccessibleInBothSchemes(page, async () => {
    await page.goto(`/help/articles/${s.slug}`);
    await expect(page.getByRole("heading", { level: 1, name: s.title })).toBeVisible();
  });
  await page.screenshot({ path: path.join(shots, "help-article-dark.png"), fullPage: true });
  await expectAccessibleInBothSchemes(page, async () => {
    await page.goto("/help");
    await expect(page.getByRole("heading", { level: 1, name: "How can we help?" })).toBeVisible();
  });

  await page.goto(`/help/articles/${s.slug}`);
  // Wait for hydration: the help chunk loads, then the button answers in place (no navigation).
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Yes", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Thanks for your feedback!");
  await expect(page).toHaveURL(new RegExp(`/help/articles/${s.slug}$`));
  // The votes API may not exist yet (404 is expected then); nothing else may go wrong.
  expect(errors.filter((e) => !/404|Not Found/i.test(e))).toEqual([]);
});
