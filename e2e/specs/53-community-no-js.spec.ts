import { expect, test } from "@playwright/test";
import { call, magicLinkFor, signedInApi, unique } from "../support/agent.ts";

const shots = `${import.meta.dirname}/../../.tmp/shots`;

/**
 * A signed-in customer takes part without JavaScript (issue #16): the topic page's answer and
 * comment forms and the ask form are plain HTML forms that post and come back (303).
 * Signing in happens with JavaScript (the portal's sign-in page is the app); the session is
 * then used in a browser context with JavaScript off.
 */
test("without JavaScript a customer answers a question, comments and asks one through plain forms", async ({
  browser,
  baseURL,
  playwright,
}) => {
  test.setTimeout(180_000);
  const api = await signedInApi(playwright);
  const id = unique();
  const category = await call<{ id: string }>(api, "post", "/api/v1/community/categories", {
    name: `Amplifiers ${id}`,
  });
  const topic = await call<{ url: string }>(api, "post", "/api/v1/community/topics", {
    categoryId: category.id,
    kind: "question",
    title: `The amplifier hums when the TV is on ${id}`,
    body: "A low hum from the left speaker whenever the TV is switched on.",
  });
  const email = `nadia-${id}@example.test`;
  await call(api, "post", "/api/v1/customers", { name: `Nadia Noor ${id}`, emails: [email] });

  const signIn = await browser.newContext({ baseURL });
  const login = await signIn.newPage();
  await login.goto("/portal/login");
  await login.getByLabel("Email").fill(email);
  await login.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(login.getByRole("heading", { level: 1 })).toBeVisible();
  await login.goto(await magicLinkFor(email));
  await login.waitForURL(/\/portal/);
  const storageState = await signIn.storageState();
  await signIn.close();

  const context = await browser.newContext({ baseURL, storageState, javaScriptEnabled: false });
  const page = await context.newPage();
  const topicPath = new URL(topic.url, baseURL).pathname;
  await page.goto(topicPath);
  await expect(page.getByRole("heading", { level: 1, name: /The amplifier hums/ })).toBeVisible();

  // Answer through the form: the page comes back with the answer on it.
  await page
    .getByRole("textbox", { name: "Your answer" })
    .fill("Plug the amplifier and the TV into the same power strip; the hum is a ground loop.");
  await page.getByRole("button", { name: "Post your answer" }).click();
  await expect(page).toHaveURL(new RegExp(`${topicPath}#post-`));
  const answer = page.locator("article.cm-post", { hasText: "the hum is a ground loop" });
  await expect(answer).toBeVisible();
  await expect(answer.getByRole("link", { name: /^Nadia/ })).toBeVisible();

  // Comment under the question.
  const question = page.locator("article.cm-post").first();
  await question.getByText("Comment", { exact: true }).click();
  await question.getByRole("textbox", { name: "Your comment" }).fill("Same here with a soundbar.");
  await question.getByRole("button", { name: "Post comment" }).click();
  await expect(page.locator("article.cm-post").first()).toContainText("Same here with a soundbar.");
  await page.screenshot({ path: `${shots}/community-no-js-answer.png`, fullPage: true });

  // Ask a question. A title the browser lets through (7 characters) but that is 3 once trimmed
  // comes back from the server naming the field; then it is posted.
  await page.goto(`/community/new?category=${category.id}`);
  await page.getByRole("textbox", { name: /^Title/ }).fill("Hum    ");
  await page.getByLabel("Details").fill("My subwoofer hums too.");
  await page.getByRole("button", { name: "Post your question" }).click();
  await expect(page.getByText("Title: must be at least 5 characters")).toBeVisible();
  await page.getByRole("textbox", { name: /^Title/ }).fill(`The subwoofer hums at night ${id}`);
  await page.getByLabel("Details").fill("My subwoofer hums too, mostly at night.");
  await page.getByRole("button", { name: "Post your question" }).click();
  await expect(page).toHaveURL(/\/community\/t\/\d+-/);
  await expect(page.getByRole("heading", { level: 1, name: /The subwoofer hums at night/ })).toBeVisible();
  await context.close();
});
