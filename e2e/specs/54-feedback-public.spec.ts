import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { unique } from "../support/agent.ts";
import { expectAccessible, expectAccessibleInBothSchemes } from "../support/axe.ts";
import { ADMIN } from "../support/data.ts";

const shots = path.resolve(import.meta.dirname, "../../.tmp/shots");

type Seeded = {
  boardName: string;
  boardSlug: string;
  planned: string;
  ideaPath: string;
  done: string;
  declined: string;
};

const DECLINE = "We will not add fax support: fewer than ten customers still use fax machines.";

/**
 * A public board with ideas in several statuses (one planned with an official answer, one done,
 * one declined with its explanation), written straight into the server's database: the reading
 * pages are what is tested here, and the core API that writes ideas is another part's.
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
    const boardName = `Speakers ${id}`;
    const boardSlug = `speakers-${id}`;
    const board = await one(
      "insert into feedback_boards (workspace_id, name, slug, description) values ($1, $2, $3, 'Ideas for our speakers') returning id",
      [ws, boardName, boardSlug],
    );
    const idea = (
      title: string,
      status: string,
      votes: number,
      explanation: string | null,
      description = "",
    ) =>
      one(
        `insert into feedback_ideas (workspace_id, board_id, title, slug, description, status, status_explanation,
                                     status_changed_at, done_at, vote_count)
         values ($1, $2, $3, $4, $5, $6, $7, case when $6 <> 'open' then now() end,
                 case when $6 = 'done' then now() end, $8)
         returning id, number, slug`,
        [
          ws,
          board.id,
          title,
          title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
          description,
          status,
          explanation,
          votes,
        ],
      );
    const planned = `Remember the volume per room ${id}`;
    const p = await idea(
      planned,
      "planned",
      42,
      "Coming in the spring release.",
      "When I move rooms the **volume** resets.",
    );
    await db.query(
      `insert into feedback_status_changes (workspace_id, idea_id, from_status, to_status, explanation)
       values ($1, $2, 'open', 'planned', 'Coming in the spring release.')`,
      [ws, p.id],
    );
    await db.query(
      "insert into feedback_comments (workspace_id, idea_id, body, official) values ($1, $2, 'We are on it.', true)",
      [ws, p.id],
    );
    const done = `Alarm clock mode ${id}`;
    await idea(done, "done", 17, "Shipped in 4.2.");
    const declined = `Send invoices by fax ${id}`;
    await idea(declined, "declined", 3, DECLINE);
    return {
      boardName,
      boardSlug,
      planned,
      ideaPath: `/feedback/ideas/${p.number}-${p.slug}`,
      done,
      declined,
    };
  } finally {
    await db.end();
  }
}

test.describe("the public feedback portal without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("read a board, an idea, the roadmap and the changelog", async ({ page }) => {
    const s = await seed();
    await page.goto("/feedback");
    await expect(page.getByRole("heading", { level: 1, name: "Feedback" })).toBeVisible();
    await page.getByRole("link", { name: s.boardName, exact: true }).first().click();
    await expect(page).toHaveURL(new RegExp(`/feedback/${s.boardSlug}$`));
    await expect(page.getByRole("heading", { level: 1, name: s.boardName })).toBeVisible();

    // The status filter is a plain form: it works without JavaScript.
    await page.getByLabel("Status").selectOption({ label: "Declined" });
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/status=declined/);
    await expect(page.getByRole("link", { name: s.declined })).toBeVisible();
    await expect(page.getByRole("link", { name: s.planned })).toHaveCount(0);
    await page.getByRole("link", { name: s.declined }).click();
    await expect(page.getByText(DECLINE)).toBeVisible();

    await page.goto(`/feedback/${s.boardSlug}`);
    await page.getByRole("link", { name: s.planned }).click();
    await expect(page).toHaveURL(new RegExp(`${s.ideaPath}$`));
    await expect(page.getByRole("heading", { level: 1, name: s.planned })).toBeVisible();
    await expect(page.getByTestId("idea-votes")).toHaveText("42");
    await expect(page.getByRole("note")).toContainText("Coming in the spring release.");
    await expect(page.locator(".fb-comment-official")).toContainText("Official answer");
    await expect(page.locator(".fb-body strong", { hasText: "volume" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in to vote or comment" })).toBeVisible();
    await page.screenshot({ path: path.join(shots, "feedback-idea.png"), fullPage: true });

    await page.getByRole("link", { name: "Roadmap" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Roadmap" })).toBeVisible();
    const planned = page.locator("section", {
      has: page.getByRole("heading", { level: 2, name: "Planned" }),
    });
    await expect(planned.getByRole("link", { name: s.planned })).toBeVisible();
    const done = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Done" }) });
    await expect(done.getByRole("link", { name: s.done })).toBeVisible();

    await page.getByRole("link", { name: "Changelog" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Changelog" })).toBeVisible();
    await expect(page.getByRole("link", { name: s.done })).toBeVisible();
    await expect(page.getByText("Shipped in 4.2.")).toBeVisible();
    await expect(page.getByRole("link", { name: s.planned })).toHaveCount(0);

    const feed = await page.request.get("/feedback/changelog.atom");
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toMatch(/^application\/atom\+xml/);
    expect(await feed.text()).toContain(`<title type="text">${s.done}</title>`);

    const missing = await page.goto("/feedback/ideas/999999999-nope");
    expect(missing?.status()).toBe(404);
  });
});

test("the Atom feed parses as XML in the browser", async ({ page }) => {
  const s = await seed();
  const xml = await (await page.request.get("/feedback/changelog.atom")).text();
  await page.goto("/feedback");
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    return {
      error: doc.getElementsByTagName("parsererror").length > 0,
      root: doc.documentElement.namespaceURI,
      titles: [...doc.getElementsByTagName("entry")].map(
        (e) => e.getElementsByTagName("title")[0]?.textContent,
      ),
    };
  }, xml);
  expect(parsed.error).toBe(false);
  expect(parsed.root).toBe("http://www.w3.org/2005/Atom");
  expect(parsed.titles).toContain(s.done);
});

test("the server-rendered feedback pages pass axe in light and dark", async ({ page }) => {
  const s = await seed();
  // The app's scripts are not delivered, so axe sees exactly the server's HTML and CSS.
  await page.route("**/assets/*.js", (route) => route.abort());
  for (const url of [
    "/feedback",
    `/feedback/${s.boardSlug}`,
    s.ideaPath,
    "/feedback/roadmap",
    "/feedback/changelog",
  ]) {
    await expectAccessibleInBothSchemes(page, async () => {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    });
  }
});

test("with JavaScript the idea page hydrates without errors and stays accessible", async ({ page }) => {
  const s = await seed();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(s.ideaPath);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { level: 1, name: s.planned })).toBeVisible();
  await expectAccessible(page);
  expect(errors).toEqual([]);
});
