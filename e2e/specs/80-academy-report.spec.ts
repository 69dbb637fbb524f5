import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN, signInAsAdmin } from "../support/data.ts";

/**
 * The academy report (issue #21): a manager sees a course's completion rate and trained against
 * untrained customers with their sample sizes and the "not enough data to tell" label.
 *
 * Courses, enrollments and customers are written as rows into the shared academy tables (the
 * authoring and learning APIs are other parts'; their own specs cover them). Thirty customers
 * finished a course three months ago; thirty others were created that month and never trained,
 * and each wrote once the month after.
 */
async function seed(id: string) {
  const dataDir = path.dirname(process.env.E2E_SERVER_LOG as string);
  const { pgPassword } = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8"));
  const db = new pg.Client({
    connectionString: `postgres://rapport:${encodeURIComponent(pgPassword)}@127.0.0.1:${process.env.E2E_PG_PORT}/rapport`,
  });
  await db.connect();
  try {
    const { rows } = await db.query(
      `select m.workspace_id from memberships m join auth."user" u on u.id = m.user_id where u.email = $1`,
      [ADMIN.email],
    );
    const w = rows[0].workspace_id as string;
    const now = new Date();
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 1));
    const at = (days: number, months = 0) =>
      new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + months, 1 + days));
    const course = await db.query(
      `insert into academy_courses (workspace_id, slug, title, state) values ($1, $2, $3, 'published') returning id`,
      [w, `speakers-${id}`, `Speaker basics ${id}`],
    );
    const courseId = course.rows[0].id;
    const mod = await db.query(
      `insert into academy_modules (workspace_id, course_id, title, position) values ($1, $2, 'Start', 1) returning id`,
      [w, courseId],
    );
    await db.query(
      `insert into academy_lessons (workspace_id, course_id, module_id, title, kind, position)
       values ($1, $2, $3, 'Placement', 'text', 1)`,
      [w, courseId, mod.rows[0].id],
    );
    for (let i = 0; i < 30; i++) {
      const trained = await db.query(
        `insert into customers (workspace_id, name, created_at) values ($1, $2, $3) returning id`,
        [w, `Trained ${id} ${i}`, at(0, -6)],
      );
      await db.query(
        `insert into academy_enrollments (workspace_id, course_id, customer_id, enrolled_at, completed_at)
         values ($1, $2, $3, $4, $5)`,
        [w, courseId, trained.rows[0].id, at(3), at(5)],
      );
      const untrained = await db.query(
        `insert into customers (workspace_id, name, created_at) values ($1, $2, $3) returning id`,
        [w, `Untrained ${id} ${i}`, at(4)],
      );
      // Enrolled, never finished: the course's completion rate is 30 of 60.
      await db.query(
        `insert into academy_enrollments (workspace_id, course_id, customer_id, enrolled_at) values ($1, $2, $3, $4)`,
        [w, courseId, untrained.rows[0].id, at(6)],
      );
      // The number from the workspace's own sequence, as Rapport takes it: max + 1 would hand
      // later specs' cases a number the sequence gives out again (a duplicate key).
      const c = await db.query(
        `insert into cases (workspace_id, number, customer_id, subject, channel, created_at, last_activity_at)
         values ($1, next_case_number($1), $2, $3, 'email', $4, $4)
         returning id`,
        [w, untrained.rows[0].id, `Speaker hums ${id} ${i}`, at(10, 1)],
      );
      await db.query("delete from repeat_queue where case_id = $1", [c.rows[0].id]);
    }
  } finally {
    await db.end();
  }
}

test("a manager opens the academy report: completion rate, trained against untrained with sample sizes", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const id = unique();
  await seed(id);

  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Academy report" }).click();
  await expect(page.getByRole("heading", { name: "Academy report", level: 1 })).toBeVisible({
    timeout: 30_000,
  });

  const courses = page.getByRole("region", { name: "Completion rate by course" });
  const row = courses.getByRole("row", { name: new RegExp(`Speaker basics ${id}`) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row.getByRole("cell", { name: "50%" })).toBeVisible();

  const trained = page.getByRole("region", { name: "Trained against untrained customers" });
  const contact = trained.getByRole("row", { name: /Cases per customer per month/ });
  await expect(contact.getByText(/n = \d+/)).toHaveCount(2);
  await expect(contact.getByText("Lower among trained customers")).toBeVisible();
  const repeats = trained.getByRole("row", { name: /Customers with a repeat contact/ });
  await expect(repeats.getByText("Not enough data to tell")).toBeVisible();
  await expect(
    trained.getByRole("row", { name: /Retained/ }).getByText("Not enough data to tell"),
  ).toBeVisible();
  await expect(trained.getByRole("heading", { name: "Cases per customer, by month after" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Learning paths" }).first().click();
  await expect(page.getByRole("heading", { name: "Learning paths", level: 1 })).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole("button", { name: "New path" }).click();
  await page.getByLabel("Title").fill(`Home cinema ${id}`);
  await page.getByRole("combobox", { name: "Add a course" }).click();
  await page.getByRole("option", { name: `Speaker basics ${id}` }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Save path" }).click();
  const pathRow = page.getByRole("row", { name: new RegExp(`Home cinema ${id}`) });
  await expect(pathRow).toBeVisible({ timeout: 30_000 });
  await pathRow.getByRole("button", { name: "Publish" }).click();
  await expect(pathRow.getByText("Published")).toBeVisible({ timeout: 30_000 });
});
