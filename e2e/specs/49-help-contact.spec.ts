import { expect, test } from "@playwright/test";
import { call, magicLinkFor, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

const shots = `${import.meta.dirname}/../../.tmp/shots`;

test("a customer says an article did not help, contacts support with it attached, and the agent sees which article", async ({
  page,
  browser,
  baseURL,
  playwright,
}) => {
  // Three people, a sign-in by email and six pages: on a loaded 2-core machine this takes a while.
  test.setTimeout(300_000);
  const api = await signedInApi(playwright);
  const id = unique();
  const email = `sofia-${id}@example.test`;
  const title = `Error 1013 during an update ${id}`;
  const article = await call<{ id: string; slug: string }>(api, "post", "/api/v1/help/articles", {
    title,
    body: "Error 1013 means the speaker can't reach the update server. Restart your router.",
    state: "published",
    visibility: "public",
  });
  await call(api, "post", "/api/v1/customers", { name: `Sofia Marin ${id}`, emails: [email] });

  // The customer reads the article without being signed in, says no (out of date) and contacts
  // support from there; signing in with the emailed link brings them back to the form.
  const context = await browser.newContext({ baseURL });
  const customer = await context.newPage();
  await customer.goto(`/help/articles/${article.slug}`);
  const feedback = customer.getByRole("region", { name: "Did this help?" });
  await feedback.getByRole("button", { name: "No" }).click();
  const voted = customer.waitForRequest((r) => r.url().endsWith(`/api/v1/help/articles/${article.id}/votes`));
  await feedback.getByRole("radio", { name: "It is out of date" }).check();
  await feedback.getByRole("button", { name: "Send" }).click();
  expect((await voted).postDataJSON()).toMatchObject({ helpful: false, reason: "out_of_date" });
  await feedback.getByRole("link", { name: "Contact support" }).click();
  await customer.waitForURL("**/portal/login");
  await customer.getByLabel("Email").fill(email);
  await customer.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(customer.getByRole("heading", { level: 1 })).toBeVisible();
  await customer.goto(await magicLinkFor(email));

  // The form shows the article, and it can be removed (here it is kept).
  await customer.waitForURL(/\/portal\/requests\/new\?article=/);
  const about = customer.getByRole("region", { name: "The article this request is about" });
  await expect(about).toContainText(`About the article: ${title}`);
  await expect(about.getByRole("button", { name: `Don't send the article ${title}` })).toBeVisible();
  await customer.getByLabel("In a few words, what is it about?").fill(`Update still fails ${id}`);
  await customer
    .getByLabel("What's happening?")
    .fill("Restarting the router did not help; it still says 1013.");
  await expectAccessible(customer);
  const sent = customer.waitForRequest((r) => r.url().endsWith("/api/v1/cases") && r.method() === "POST");
  await customer.getByRole("button", { name: "Send request" }).click();
  const body = (await sent).postDataJSON();
  expect(body).toMatchObject({ articleId: article.id });
  expect(body.helpSessionId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  await customer.waitForURL(/\/portal\/requests\/[0-9a-f-]{36}$/);
  const caseId = customer.url().split("/").pop();
  await customer.context().close();

  // The agent sees where the customer came from, linked to the article.
  await signInAsAdmin(page);
  await page.goto(`/app/cases/${caseId}`);
  const source = page.getByTestId("case-source-article");
  // The case page loads a dozen panels at once: on a loaded machine that takes a while.
  await expect(source).toContainText("came from the help article", { timeout: 60_000 });
  await expect(source.getByRole("link", { name: title })).toHaveAttribute(
    "href",
    `/help/articles/${article.slug}`,
  );
  await page.screenshot({ path: `${shots}/case-source-article.png`, fullPage: true });

  // The content owner's analytics count the customer's "no" and why, and link to the editor.
  await page.goto("/app/help");
  await page.getByRole("link", { name: "Analytics" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Help center analytics" })).toBeVisible({
    timeout: 45_000,
  });
  const table = page.getByRole("table", { name: "Views, votes and deflections per article" });
  await table.getByRole("button", { name: "Sort by Not helpful" }).click();
  const row = table.getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText("out of date: 1");
  await expect(row.getByRole("cell").nth(3)).toContainText("1");
  await expect(row.getByRole("link", { name: title })).toHaveAttribute("href", `/app/help/${article.id}`);
  await expect(page.getByRole("region", { name: "Do suggestions make a difference?" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Searches that found nothing" })).toBeVisible();
  await page.screenshot({ path: `${shots}/help-analytics.png`, fullPage: true });
  await expectAccessible(page);
  await api.dispose();
});

// The holdout caption and the content gaps' "Write an article", with the analytics answered by
// the test: how many sessions a real run has is not something a test should depend on.
test("analytics compare the holdout only when it is big enough, and a content gap starts a draft", async ({
  page,
}) => {
  const analytics = (holdoutSessions: number) => ({
    articles: [],
    deflections: { recorded: 0, confirmed: 0, pending: 0 },
    contentGaps: [
      {
        query: "speaker blinks orange",
        count: 7,
        examples: ["speaker blinks orange", "orange blinking speaker"],
        lastAt: new Date().toISOString(),
      },
    ],
    outdated: [],
    holdout: {
      holdoutSessions,
      holdoutCases: Math.round(holdoutSessions / 2),
      suggestedSessions: 600,
      suggestedCases: 180,
      suggestedDeflected: 120,
    },
  });
  let holdoutSessions = 12;
  await page.route("**/api/v1/help/analytics", (route) =>
    route.fulfill({ json: analytics(holdoutSessions) }),
  );
  await signInAsAdmin(page);
  await page.goto("/app/help/analytics");
  await expect(page.getByRole("heading", { level: 1, name: "Help center analytics" })).toBeVisible({
    timeout: 45_000,
  });
  const holdout = page.getByRole("region", { name: "Do suggestions make a difference?" });
  await expect(holdout).toContainText("Only 12 sessions so far saw no suggestions");
  await expect(holdout).not.toContainText("% without suggestions");
  await expect(page.getByRole("region", { name: "Articles" })).toContainText("No articles yet");

  holdoutSessions = 40;
  await page.reload();
  await expect(holdout).toContainText(
    "Requests that became cases: 50 % without suggestions vs 30 % with suggestions.",
  );
  await expectAccessible(page);

  const gaps = page.getByRole("list", { name: "Content gaps" });
  await expect(gaps).toContainText("7 searches");
  await expect(gaps).toContainText("orange blinking speaker");
  await gaps.getByRole("button", { name: "Write an article titled speaker blinks orange" }).click();
  // The editor is a page (a chunk) of its own: give it time to load on a busy machine.
  await expect(page.getByRole("heading", { level: 1, name: "New article" })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByLabel("Title")).toHaveValue("Speaker blinks orange");
});
