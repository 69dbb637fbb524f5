import { type Browser, expect, type Page, test } from "@playwright/test";
import { call, magicLinkFor, signedInApi, unique } from "../support/agent.ts";

const shots = `${import.meta.dirname}/../../.tmp/shots`;

/** A customer signed in through the portal's emailed link, in a browser context of their own. */
async function customerPage(browser: Browser, baseURL: string | undefined, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/portal/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto(await magicLinkFor(email));
  await page.waitForURL(/\/portal/);
  return page;
}

test("a customer asks, another answers, the asker accepts: reputation and a badge follow; an agent ties the topic to a problem, whose status the open page follows live, and drafts an article from it", async ({
  browser,
  baseURL,
  playwright,
}) => {
  // Two customers signing in by email, five pages and a background badge job: give it time.
  test.setTimeout(300_000);
  const api = await signedInApi(playwright);
  const id = unique();
  const category = await call<{ id: string }>(api, "post", "/api/v1/community/categories", {
    name: `Speakers ${id}`,
  });
  const askerEmail = `carla-${id}@example.test`;
  const helperEmail = `omar-${id}@example.test`;
  await call(api, "post", "/api/v1/customers", { name: `Carla Ruiz ${id}`, emails: [askerEmail] });
  await call(api, "post", "/api/v1/customers", { name: `Omar Haddad ${id}`, emails: [helperEmail] });

  // The asker writes a question in the community's form.
  const asker = await customerPage(browser, baseURL, askerEmail);
  await asker.goto(`/community/new?category=${category.id}`);
  await asker
    .getByRole("textbox", { name: /^Title/ })
    .fill(`My Five says Error 1013 after a router swap ${id}`);
  await asker
    .getByLabel("Details")
    .fill("New router since Monday; the speaker will not update. Restarted twice.");
  await asker.getByRole("button", { name: "Post your question" }).click();
  await asker.waitForURL(/\/community\/t\/\d+-/);
  const topicPath = new URL(asker.url()).pathname;
  const number = Number(topicPath.split("/").pop()?.split("-")[0]);

  // Another customer answers it.
  const helper = await customerPage(browser, baseURL, helperEmail);
  await helper.goto(topicPath);
  await helper
    .getByRole("textbox", { name: "Your answer" })
    .fill("Turn on UPnP in the router and set its DNS to automatic, then update again.");
  // Wait for the server to store it: the text shows on the helper's page before the POST
  // returns, and the asker's reload could otherwise come first (seen on a loaded machine).
  const stored = helper.waitForResponse(
    (r) => r.request().method() === "POST" && /\/community\/topics\/[^/]+\/posts$/.test(r.url()),
  );
  await helper.getByRole("button", { name: "Post your answer" }).click();
  expect((await stored).status()).toBe(201);
  await expect(helper.getByText("Turn on UPnP in the router")).toBeVisible();

  // The asker accepts it; it is marked, first, right below the question.
  await asker.reload();
  await asker.getByRole("button", { name: "Accept this answer" }).click();
  await expect(asker.getByText("Accepted answer").first()).toBeVisible();
  await asker.screenshot({ path: `${shots}/community-accepted.png`, fullPage: true });

  // The answerer earned reputation at once and, from the badge job, a first-accepted-answer badge.
  const topic = await (await api.get(`/api/v1/community/topics/${number}`)).json();
  expect(topic.topic.solved).toBe(true);
  const answer = topic.posts[0];
  expect(answer.accepted).toBe(true);
  const profileUrl = `/api/v1/community/users/${answer.author.id}`;
  await expect
    .poll(async () => (await (await api.get(profileUrl)).json()).reputation, { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect
    .poll(async () => (await (await api.get(profileUrl)).json()).badges.length, { timeout: 90_000 })
    .toBeGreaterThan(0);

  // An agent ties the topic to the problem behind it: the topic says an engineer is on it, with
  // the problem's public status.
  const problem = await call<{ id: string }>(api, "post", "/api/v1/problems", {
    title: `Error 1013 on update ${id}`,
    description: "Update server unreachable behind some routers",
  });
  await call(api, "patch", `/api/v1/problems/${problem.id}`, { publicTitle: `Speakers cannot update ${id}` });
  await call(api, "post", `/api/v1/community/topics/${topic.topic.id}/links`, { problemId: problem.id });
  await asker.reload();
  await expect(asker.getByText(`Speakers cannot update ${id}`)).toBeVisible();
  // When the problem moves on, the open page follows without a reload (pushed by server-sent
  // events; the page's poll is only a slow fallback, so this must not wait for it).
  await call(api, "patch", `/api/v1/problems/${problem.id}`, { status: "fix_in_progress" });
  await expect(asker.getByText(/fix in progress/i).first()).toBeVisible({ timeout: 15_000 });

  // The solved question becomes a help-article draft with attribution and a link back.
  const draft = await call<{ articleId: string }>(
    api,
    "post",
    `/api/v1/community/topics/${topic.topic.id}/article-draft`,
    {},
  );
  const article = await (await api.get(`/api/v1/help/articles/${draft.articleId}`)).json();
  expect(article.state).toBe("draft");
  expect(article.body).toContain("Turn on UPnP");
  expect(article.body).toContain(topicPath.split("-")[0]);
  await asker.context().close();
  await helper.context().close();
});
