import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { unique } from "../support/agent.ts";
import { expectAccessible, expectAccessibleInBothSchemes } from "../support/axe.ts";
import { ADMIN } from "../support/data.ts";

const shots = path.resolve(import.meta.dirname, "../../.tmp/shots");

type Seeded = { categoryName: string; categorySlug: string; title: string; topicPath: string; mvpId: string };

/**
 * A public category with a solved question (an MVP's accepted answer, an official staff answer, a
 * plain one), written straight into the server's database: the reading pages are what is tested
 * here, and the core API that posts is another part's. The embedded PostgreSQL's password is in
 * the server's data dir (secrets.json, beside the log global setup points to).
 */
async function seed(): Promise<Seeded> {
  const dataDir = path.dirname(process.env.E2E_SERVER_LOG as string);
  const { pgPassword } = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8"));
  const db = new pg.Client({
    connectionString: `postgres://rapport:${encodeURIComponent(pgPassword)}@127.0.0.1:${process.env.E2E_PG_PORT}/rapport`,
  });
  await db.connect();
  try {
    const id = unique();
    const one = async (text: string, values: unknown[]) => (await db.query(text, values)).rows[0];
    const ws = (await one("select id from workspaces where name = $1", [ADMIN.workspaceName])).id;
    const member = async (name: string, staff = false) =>
      (
        await one(
          "insert into community_members (workspace_id, display_name, is_staff, reputation, bio) values ($1, $2, $3, 120, $4) returning id",
          [ws, name, staff, `Hi, I am ${name}.`],
        )
      ).id as string;
    const asker = await member(`Carla ${id}`);
    const mvpId = await member(`Marta ${id}`);
    const staff = await member(`Sam ${id}`, true);
    const other = await member(`Otto ${id}`);
    await db.query(
      "insert into community_mvp_terms (workspace_id, member_id, starts_at, ends_at) values ($1, $2, now() - interval '1 day', now() + interval '90 days')",
      [ws, mvpId],
    );
    const categoryName = `Speakers ${id}`;
    const categorySlug = `speakers-${id}`;
    const cat = await one(
      "insert into community_categories (workspace_id, name, slug, description) values ($1, $2, $3, 'Setting up and fixing speakers') returning id",
      [ws, categoryName, categorySlug],
    );
    const title = `Error 1013 when updating ${id}`;
    const slug = `error-1013-when-updating-${id}`;
    const topic = await one(
      `insert into community_topics (workspace_id, category_id, kind, title, slug, author_member_id, solved, answer_count)
       values ($1, $2, 'question', $3, $4, $5, true, 3) returning id, number`,
      [ws, cat.id, title, slug, asker],
    );
    const post = (kind: string, author: string, body: string, minutes: number, extra = "false, false") =>
      db.query(
        `insert into community_posts (workspace_id, topic_id, kind, author_member_id, body, accepted, official, created_at)
         values ($1, $2, $3, $4, $5, ${extra}, now() - interval '1 day' + $6 * interval '1 minute')`,
        [ws, topic.id, kind, author, body, minutes],
      );
    await post("opening", asker, "My speaker shows **error 1013** after the update.", 0);
    await post("answer", other, "Have you tried turning it off and on again?", 1);
    await post("answer", staff, "We are looking into error 1013.", 2, "false, true");
    await post(
      "answer",
      mvpId,
      "Hold the *Join* button for ten seconds, then update again.",
      3,
      "true, false",
    );
    return { categoryName, categorySlug, title, topicPath: `/community/t/${topic.number}-${slug}`, mvpId };
  } finally {
    await db.end();
  }
}

test.describe("the public community without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("browse from the community to a solved question and its MVP's profile", async ({ page }) => {
    const s = await seed();
    await page.goto("/community");
    await expect(page.getByRole("heading", { level: 1, name: "Community" })).toBeVisible();
    await page.getByRole("link", { name: s.categoryName, exact: true }).first().click();
    await expect(page).toHaveURL(new RegExp(`/community/${s.categorySlug}$`));
    await expect(page.getByRole("heading", { level: 1, name: s.categoryName })).toBeVisible();

    await page.getByRole("link", { name: s.title }).click();
    await expect(page).toHaveURL(new RegExp(`${s.topicPath}$`));
    await expect(page.getByRole("heading", { level: 1, name: s.title })).toBeVisible();
    // The question, then the accepted answer right below it, then the others.
    const posts = page.locator("article.cm-post");
    await expect(posts).toHaveCount(4);
    await expect(posts.nth(0)).toContainText("error 1013 after the update");
    await expect(posts.nth(1)).toContainText("Accepted answer");
    await expect(posts.nth(1)).toContainText("Hold the Join button");
    await expect(posts.nth(1).locator("abbr", { hasText: "MVP" })).toBeVisible();
    await expect(posts.nth(3)).toContainText("Official");
    await expect(
      page.getByRole("link", { name: "Sign in to answer, vote or follow this topic." }),
    ).toBeVisible();
    await page.screenshot({ path: path.join(shots, "community-topic.png"), fullPage: true });

    await posts
      .nth(1)
      .getByRole("link", { name: /^Marta/ })
      .click();
    await expect(page).toHaveURL(new RegExp(`/community/u/${s.mvpId}$`));
    await expect(page.getByRole("heading", { level: 1, name: /^Marta/ })).toBeVisible();
    await expect(page.getByRole("link", { name: s.title })).toBeVisible();

    await page.getByRole("link", { name: "MVPs" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "MVPs" })).toBeVisible();
    await page.getByRole("link", { name: "Leaderboard" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Leaderboard" })).toBeVisible();

    const wrongSlug = await page.goto(s.topicPath.replace(/-[^/]*$/, "-old-title"));
    expect(wrongSlug?.url()).toMatch(new RegExp(`${s.topicPath}$`));
    const missing = await page.goto("/community/t/999999999-nope");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "We could not find that page" })).toBeVisible();
  });
});

test("the server-rendered community pages pass axe in light and dark", async ({ page }) => {
  const s = await seed();
  // As in the help center's spec: the app's scripts are not delivered, so axe sees exactly the
  // server's HTML and CSS (what a browser without JavaScript shows).
  await page.route("**/assets/*.js", (route) => route.abort());
  for (const url of ["/community", `/community/${s.categorySlug}`, s.topicPath, `/community/u/${s.mvpId}`]) {
    await expectAccessibleInBothSchemes(page, async () => {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    });
  }
});

test("with JavaScript the topic page hydrates without errors and stays accessible", async ({ page }) => {
  const s = await seed();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(s.topicPath);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { level: 1, name: s.title })).toBeVisible();
  await expectAccessible(page);
  expect(errors).toEqual([]);
});
