import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN } from "../support/data.ts";
import { serverLogFile } from "../support/state.ts";

// Issue #21, learning: a customer takes a course with a reading lesson and a quiz in the
// portal, gets the certificate as a PDF, and the public verify page (no JavaScript) confirms
// it. The course is written straight into the server's database: authoring is another part's.

type Seeded = { slug: string; title: string; single: string; short: string };

async function seedCourse(): Promise<Seeded> {
  const dataDir = path.dirname(serverLogFile());
  const { pgPassword } = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8"));
  const db = new pg.Client({
    connectionString: `postgres://rapport:${encodeURIComponent(pgPassword)}@127.0.0.1:${process.env.E2E_PG_PORT}/rapport`,
  });
  await db.connect();
  try {
    const id = unique();
    const one = async (text: string, values: unknown[]) => (await db.query(text, values)).rows[0];
    const ws = (await one("select id from workspaces where name = $1", [ADMIN.workspaceName])).id;
    const slug = `speakers-${id}`;
    const title = `Getting the most from your speakers ${id}`;
    const course = await one(
      `insert into academy_courses (workspace_id, slug, title, summary, state, duration_minutes, published_at)
       values ($1, $2, $3, 'Placement, updates and Error 1013.', 'published', 20, now()) returning id`,
      [ws, slug, title],
    );
    const mod = await one(
      "insert into academy_modules (workspace_id, course_id, title, position) values ($1, $2, 'Set up', 0) returning id",
      [ws, course.id],
    );
    // Long enough that it has to be scrolled through to count as read.
    const body = [
      "# Where to put your speaker",
      ...Array.from(
        { length: 40 },
        (_, i) =>
          `Paragraph ${i + 1}: keep the speaker off the floor and away from walls for a fuller sound.`,
      ),
    ].join("\n\n");
    await db.query(
      `insert into academy_lessons (workspace_id, course_id, module_id, title, kind, position, body_md)
       values ($1, $2, $3, 'Placement', 'text', 0, $4)`,
      [ws, course.id, mod.id, body],
    );
    const quiz = await one(
      `insert into academy_lessons (workspace_id, course_id, module_id, title, kind, position, pass_percent, attempt_limit, shuffle_choices)
       values ($1, $2, $3, 'Check your setup', 'quiz', 1, 100, 3, true) returning id`,
      [ws, course.id, mod.id],
    );
    const single = await one(
      `insert into academy_quiz_questions (workspace_id, lesson_id, position, kind, prompt, choices, correct, explanation)
       values ($1, $2, 0, 'single', 'Which band does the speaker prefer?',
               '[{"id":"a","text":"2.4 GHz"},{"id":"b","text":"5 GHz"}]', '["b"]', '5 GHz is less crowded near routers.')
       returning id`,
      [ws, quiz.id],
    );
    const short = await one(
      `insert into academy_quiz_questions (workspace_id, lesson_id, position, kind, prompt, correct, explanation)
       values ($1, $2, 1, 'short', 'Which button do you hold to reset the speaker?', '["play"]', 'Hold Play for ten seconds.')
       returning id`,
      [ws, quiz.id],
    );
    return { slug, title, single: single.id, short: short.id };
  } finally {
    await db.end();
  }
}

async function magicLinkFor(email: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const lines = fs.readFileSync(serverLogFile(), "utf8").split("\n").filter(Boolean).reverse();
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as { msg?: string; email?: string; url?: string };
        if (entry.msg === "magic link" && entry.email === email && entry.url) return entry.url;
      } catch {
        // not a JSON line
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no magic link for ${email}`);
}

async function signInAsCustomer(page: Page, email: string) {
  await page.goto("/portal/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.goto(await magicLinkFor(email));
  await page.waitForURL("**/portal");
}

test("a customer completes a course with a quiz, downloads the certificate, and the verify page confirms it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const course = await seedCourse();
  await signInAsCustomer(page, `learner-${unique()}@example.test`);

  await page.getByRole("link", { name: "Academy", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Academy" })).toBeVisible();
  await expect(page.getByText("You have not started a course yet.")).toBeVisible();
  await expectAccessible(page);

  // The public course page's "Start" leads here.
  await page.goto(`/portal/academy/courses/${course.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: course.title })).toBeVisible();
  await expect(page.getByText("0% complete")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Start this course" }).click();

  // Reading: the lesson counts once scrolled through.
  await expect(page.getByRole("heading", { level: 1, name: "Placement" })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByText("Lesson complete")).toHaveCount(0);
  await page.getByText("Paragraph 40:").scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 4000);
  await expect(page.getByText("Lesson complete")).toBeVisible();

  // The course page now shows progress and resumes at the last lesson.
  await page.goto(`/portal/academy/courses/${course.slug}`);
  await expect(page.getByText("50% complete")).toBeVisible();
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Placement" })).toBeVisible();
  await page.getByRole("link", { name: "Next lesson" }).click();

  // The quiz: no answers in the page before submitting.
  await expect(page.getByRole("heading", { level: 1, name: "Check your setup" })).toBeVisible();
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.getByText("Which band does the speaker prefer?")).toBeVisible();
  expect(await page.content()).not.toContain("less crowded");
  await expectAccessible(page);
  // A first try with a wrong answer: explanations come back with the result.
  await page.getByRole("radio", { name: "2.4 GHz" }).check();
  await page.getByLabel("Your answer").fill("power");
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText("Not passed yet")).toBeVisible();
  await expect(page.getByText("5 GHz is less crowded near routers.")).toBeVisible();
  await expect(page.getByText("2 attempts left.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Try again" }).click();
  await page.getByRole("radio", { name: "5 GHz" }).check();
  await page.getByLabel("Your answer").fill("  Play ");
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText("You scored 100% (pass mark 100%).")).toBeVisible();
  await expect(page.getByText("Hold Play for ten seconds.")).toBeVisible();
  await expect(page.getByText("You completed the course.")).toBeVisible();
  await expectAccessible(page);

  // The certificate: in My certificates, as a PDF.
  await page.goto("/portal/academy");
  await expect(page.getByText("100% complete")).toBeVisible();
  await expect(page.getByText("Completed", { exact: true })).toBeVisible();
  const certificates = page.getByRole("region", { name: "My certificates" });
  await expect(certificates.getByText(course.title)).toBeVisible();
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    certificates.getByRole("link", { name: `Download the certificate for ${course.title} as PDF` }).click(),
  ]);
  const pdf = fs.readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(download.suggestedFilename()).toMatch(/^certificate-[A-Z0-9-]+\.pdf$/);
  const code = /certificate-([A-Z0-9-]+)\.pdf/.exec(download.suggestedFilename())?.[1] as string;
  await expect(certificates.getByText(`Code ${code}`)).toBeVisible();
  const verifyHref = await certificates
    .getByRole("link", { name: `Open the public verification page for ${course.title}` })
    .getAttribute("href");
  expect(verifyHref).toContain(`/academy/verify/${code}`);

  // Anyone, without JavaScript or a session, can confirm it.
  const visitor = await browser.newContext({ javaScriptEnabled: false });
  const verify = await visitor.newPage();
  await verify.goto(new URL(verifyHref as string).pathname);
  await expect(verify.getByRole("heading", { level: 1, name: `Certificate ${code}` })).toBeVisible();
  await expect(verify.getByText("Valid certificate")).toBeVisible();
  await expect(verify.getByText(course.title)).toBeVisible();
  await verify.goto("/academy/verify/AAAA-BBBB-CCCC-DDDD");
  await expect(verify.getByText("No certificate has the code AAAA-BBBB-CCCC-DDDD.")).toBeVisible();
  await visitor.close();
  // axe needs scripts, so the same page is checked in the learner's (scripted) browser.
  await page.goto(new URL(verifyHref as string).pathname);
  await expect(page.getByText("Valid certificate")).toBeVisible();
  await expectAccessible(page);
});
