import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { call, magicLinkFor, origin, signedInApi, unique, waitForLive } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN, signInAsAdmin } from "../support/data.ts";

// Issue #21, "Tied to support": an agent finds a lesson in the composer and suggests it in a
// reply; the customer completes it (POST /api/v1/academy/progress with their portal session);
// the agent, still on the case, sees "lesson completed" arrive live. The public course page
// reads without JavaScript and passes axe. The course is written straight into the database:
// the authoring API is another part's.

async function seedCourse(id: string) {
  const dataDir = path.dirname(process.env.E2E_SERVER_LOG as string);
  const { pgPassword } = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8"));
  const db = new pg.Client({
    connectionString: `postgres://rapport:${encodeURIComponent(pgPassword)}@127.0.0.1:${process.env.E2E_PG_PORT}/rapport`,
  });
  await db.connect();
  try {
    const one = async (text: string, values: unknown[]) => (await db.query(text, values)).rows[0];
    const ws = (await one("select id from workspaces where name = $1", [ADMIN.workspaceName])).id;
    const slug = `networking-${id}`;
    const course = await one(
      `insert into academy_courses (workspace_id, slug, title, summary, state, level, duration_minutes, published_at)
       values ($1, $2, $3, 'Why speakers lose Wi-Fi, and Error 1013 explained.', 'published', 'beginner', 30, now())
       returning id`,
      [ws, slug, `Networking your speakers ${id}`],
    );
    const mod = await one(
      "insert into academy_modules (workspace_id, course_id, title, position) values ($1, $2, 'The router', 0) returning id",
      [ws, course.id],
    );
    const lesson = await one(
      `insert into academy_lessons (workspace_id, course_id, module_id, title, kind, position, body_md)
       values ($1, $2, $3, $4, 'text', 0, $5) returning id`,
      [ws, course.id, mod.id, `Error 1013 explained ${id}`, `The router refused the handshake (zz${id}).`],
    );
    return {
      slug,
      title: `Networking your speakers ${id}`,
      lessonId: lesson.id as string,
      lessonTitle: `Error 1013 explained ${id}`,
    };
  } finally {
    await db.end();
  }
}

test("an agent suggests a lesson in a reply, and sees live when the customer completes it", async ({
  page,
  playwright,
  browser,
}) => {
  const id = unique();
  const course = await seedCourse(id);

  // The public course page: server-rendered, readable without JavaScript, no lesson content.
  const raw = await playwright.request.newContext({ baseURL: origin() });
  const html = await (await raw.get(`/academy/courses/${course.slug}`)).text();
  expect(html).toContain(course.title);
  expect(html).toContain(course.lessonTitle);
  expect(html).not.toContain(`zz${id}`);
  expect(html).toContain(`/portal/academy/courses/${course.slug}`);
  const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL: origin() });
  const publicPage = await noJs.newPage();
  await publicPage.goto(`/academy/courses/${course.slug}`);
  await expect(publicPage.getByRole("heading", { level: 1, name: course.title })).toBeVisible();
  await expect(publicPage.getByRole("link", { name: "Start the course" })).toHaveAttribute(
    "href",
    `/portal/academy/courses/${course.slug}`,
  );
  await noJs.close();
  // axe needs scripts, so it reads the same page hydrated.
  await page.goto(`/academy/courses/${course.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: course.title })).toBeVisible();
  await expectAccessible(page);

  // The customer opens a request from the portal.
  const email = `lena-${id}@example.test`;
  const customer = await playwright.request.newContext({
    baseURL: origin(),
    extraHTTPHeaders: { Origin: origin() },
  });
  const asked = await customer.post("/api/auth/sign-in/magic-link", {
    data: { email, callbackURL: "/portal" },
  });
  expect(asked.status()).toBe(200);
  await customer.get(await magicLinkFor(email));
  const opened = await call<{ id: string }>(customer, "post", "/api/v1/cases", {
    subject: `Speaker lost Wi-Fi ${id}`,
    message: "It says Error 1013.",
  });

  // The agent finds the lesson by a word of its text and inserts it into the reply.
  await signInAsAdmin(page);
  await page.goto(`/app/cases/${opened.id}`);
  await waitForLive(page);
  await page.getByRole("button", { name: "Lesson", exact: true }).click();
  await page.getByRole("combobox", { name: "Search lessons" }).fill(`zz${id}`);
  const option = page.getByRole("option", { name: new RegExp(course.lessonTitle) });
  await expect(option).toBeVisible();
  await expectAccessible(page);
  await option.click();
  const reply = page.getByLabel("Reply to the customer");
  await expect(reply).toHaveValue(new RegExp(`Suggested lesson: \\[${course.lessonTitle}\\]`));
  // Absolute, since the reply also leaves by email.
  await expect(reply).toHaveValue(
    new RegExp(`\\(${origin()}/portal/academy/courses/${course.slug}\\?lesson=${course.lessonId}\\)`),
  );
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByText(`suggested the lesson “${course.lessonTitle}”`)).toBeVisible();
  const training = page.getByRole("region", { name: "Training" });
  await expect(training.getByText(course.lessonTitle)).toBeVisible();
  await expect(training.getByText("not yet")).toBeVisible();

  // The customer completes it; the agent, without reloading, sees it on the case.
  const done = await customer.post("/api/v1/academy/progress", {
    data: { lessonId: course.lessonId, percent: 100 },
  });
  expect(done.status(), await done.text()).toBe(200);
  await expect(
    page.getByText(`The customer completed the suggested lesson “${course.lessonTitle}”`),
  ).toBeVisible();
  await expect(
    page.getByText(`the customer completed the suggested lesson “${course.lessonTitle}”`),
  ).toBeVisible();
  await expect(training.getByText("completed", { exact: true })).toBeVisible();
  await expectAccessible(page);

  // Recorded once, on the case: the API agrees with the screen.
  const admin = await signedInApi(playwright);
  const timeline = await (await admin.get(`/api/v1/cases/${opened.id}/timeline?limit=200`)).json();
  const kinds = (timeline.items as Array<{ kind: string }>).map((e) => e.kind);
  expect(kinds.filter((k) => k === "academy.lesson_suggested")).toHaveLength(1);
  expect(kinds.filter((k) => k === "academy.lesson_completed")).toHaveLength(1);

  // A playbook's outcome recommends the lesson: the finished run on the case shows it.
  const playbook = await call<{ id: string }>(admin, "post", "/api/v1/playbooks", {
    slug: `speaker-wifi-${id}`,
    definition: {
      name: `Speaker Wi-Fi ${id}`,
      topics: ["wifi"],
      start: "ask",
      steps: [
        {
          id: "ask",
          kind: "question",
          title: "Does the app still show Error 1013?",
          choices: [{ label: "No", next: "fixed" }],
        },
        { id: "fixed", kind: "outcome", title: "Working again", outcome: "resolved" },
      ],
    },
  });
  await call(admin, "post", `/api/v1/playbooks/${playbook.id}/publish`, {});
  const set = await admin.put(`/api/v1/academy/recommendations/playbooks/${playbook.id}/outcomes/fixed`, {
    data: { lessonId: course.lessonId },
  });
  expect(set.status(), await set.text()).toBe(200);
  const run = await call<{ id: string }>(admin, "post", `/api/v1/cases/${opened.id}/playbook-runs`, {
    playbookId: playbook.id,
  });
  await call(admin, "post", `/api/v1/playbook-runs/${run.id}/answer`, { stepId: "ask", choice: 0 });
  await page.reload();
  const runs = page.getByRole("region", { name: "Playbooks" });
  await runs.getByRole("button", { name: "Show steps" }).click();
  const recommended = page.getByTestId("recommended-lesson");
  await expect(recommended).toContainText(`Recommended lesson: ${course.lessonTitle}`);
  await expect(recommended.getByRole("link", { name: course.lessonTitle })).toHaveAttribute(
    "href",
    `/portal/academy/courses/${course.slug}?lesson=${course.lessonId}`,
  );
});
