import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { call, origin, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN, signInAsAdmin } from "../support/data.ts";

// Issue #21, the two staff screens that existed only as API: revoking a certificate from the
// customer panel (the public verify page then says revoked, and why), and the lesson a help
// article or a playbook's outcome step recommends (the public article page shows it). Courses
// and certificates are written straight into the database, as e2e 79 does: issuing is another
// part's.

async function withDb<T>(fn: (one: (text: string, values: unknown[]) => Promise<any>) => Promise<T>) {
  const dataDir = path.dirname(process.env.E2E_SERVER_LOG as string);
  const { pgPassword } = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8"));
  const db = new pg.Client({
    connectionString: `postgres://rapport:${encodeURIComponent(pgPassword)}@127.0.0.1:${process.env.E2E_PG_PORT}/rapport`,
  });
  await db.connect();
  try {
    return await fn(async (text, values) => (await db.query(text, values)).rows[0]);
  } finally {
    await db.end();
  }
}

/** A published course with one lesson, and (when given a customer) a certificate for it. */
async function seedCourse(id: string, customerId?: string) {
  return withDb(async (one) => {
    const ws = (await one("select id from workspaces where name = $1", [ADMIN.workspaceName])).id;
    const slug = `router-basics-${id}`;
    const title = `Router basics ${id}`;
    const course = await one(
      `insert into academy_courses (workspace_id, slug, title, summary, state, level, duration_minutes, published_at)
       values ($1, $2, $3, 'Keeping speakers on the network.', 'published', 'beginner', 20, now()) returning id`,
      [ws, slug, title],
    );
    const mod = await one(
      "insert into academy_modules (workspace_id, course_id, title, position) values ($1, $2, 'Basics', 0) returning id",
      [ws, course.id],
    );
    const lessonTitle = `Pick a Wi-Fi channel ${id}`;
    const lesson = await one(
      `insert into academy_lessons (workspace_id, course_id, module_id, title, kind, position, body_md)
       values ($1, $2, $3, $4, 'text', 0, $5) returning id`,
      [ws, course.id, mod.id, lessonTitle, `Channels 1, 6 and 11 do not overlap (qq${id}).`],
    );
    let code = "";
    if (customerId) {
      code = `CERT-${id.toUpperCase().replace(/[^A-Z0-9]/g, "")}-0001`;
      await one(
        `insert into academy_certificates (workspace_id, customer_id, course_id, code, learner_name, title)
         values ($1, $2, $3, $4, 'Mira Okafor', $5)`,
        [ws, customerId, course.id, code, title],
      );
    }
    return { slug, title, lessonId: lesson.id as string, lessonTitle, code };
  });
}

test("an admin revokes a certificate from the customer panel; the verify page says revoked, and why", async ({
  page,
  playwright,
}) => {
  const id = unique();
  const admin = await signedInApi(playwright);
  const customer = await call<{ id: string }>(admin, "post", "/api/v1/customers", {
    name: `Mira Okafor ${id}`,
    emails: [`mira-${id}@example.test`],
  });
  const course = await seedCourse(id, customer.id);

  const raw = await playwright.request.newContext({ baseURL: origin() });
  expect(await (await raw.get(`/academy/verify/${course.code}`)).text()).not.toContain("Revoked on");

  await signInAsAdmin(page);
  await page.goto(`/app/customers/${customer.id}`);
  const training = page.getByRole("region", { name: "Training" });
  const row = training.getByTestId(`certificate-${course.code}`);
  await expect(row.getByText(course.title)).toBeVisible();
  await expect(row.getByText("Revoked", { exact: true })).toHaveCount(0);

  // Keyboard: the action is a labelled button; the dialog opens with focus in the reason box.
  const revoke = row.getByRole("button", { name: `Revoke the certificate “${course.title}”` });
  await revoke.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Revoke “${course.title}”` });
  await expect(dialog).toBeVisible();
  const reason = dialog.getByRole("textbox", { name: "Reason" });
  await expect(reason).toBeFocused();
  await expectAccessible(page);

  // No reason: the server refuses, naming the field, and the message shows under the box.
  await reason.fill("   ");
  await dialog.getByRole("button", { name: "Revoke certificate" }).click();
  await expect(reason).toHaveAccessibleDescription(/Say why the certificate is revoked/);
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  const stillValid = await (await admin.get(`/api/v1/academy/certificates/verify/${course.code}`)).json();
  expect(stillValid.status).toBe("valid");

  await reason.fill("Issued to the wrong customer");
  await dialog.getByRole("button", { name: "Revoke certificate" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByText("Revoked", { exact: true })).toBeVisible();
  await expect(row.getByText("Revoked: Issued to the wrong customer")).toBeVisible();
  await expect(row.getByRole("button", { name: /Revoke the certificate/ })).toHaveCount(0);

  // Still so after a reload: it came from the server, not from the screen's memory.
  await page.reload();
  await expect(
    training.getByTestId(`certificate-${course.code}`).getByText(/^Revoked: Issued/),
  ).toBeVisible();

  // The public verify page, server-rendered, readable by anyone.
  const html = await (await raw.get(`/academy/verify/${course.code}`)).text();
  expect(html).toContain("Revoked on");
  expect(html).toContain("Reason: Issued to the wrong customer");
});

test("an admin recommends a lesson on a help article and on a playbook outcome; readers see it", async ({
  page,
  playwright,
}) => {
  const id = unique();
  const course = await seedCourse(id);
  const admin = await signedInApi(playwright);
  const cat = await call<{ id: string }>(admin, "post", "/api/v1/help/categories", {
    name: `Network ${id}`,
    description: "Your speakers and your router",
    sections: [{ name: "Wi-Fi" }],
  });
  const article = await call<{ id: string; slug: string }>(admin, "post", "/api/v1/help/articles", {
    title: `Speaker drops off Wi-Fi ${id}`,
    body: "Move the router away from the microwave.",
    state: "published",
    visibility: "public",
    categoryId: cat.id,
  });
  const raw = await playwright.request.newContext({ baseURL: origin() });
  expect(await (await raw.get(`/help/articles/${article.slug}`)).text()).not.toContain(course.lessonTitle);

  await signInAsAdmin(page);
  await page.goto(`/app/help/${article.id}`);
  const box = page.getByRole("region", { name: "Recommended lesson" });
  await expect(box.getByText("No lesson recommended.")).toBeVisible();
  // Found by a word of the lesson's text, not its title: the server's search decides.
  await box.getByRole("combobox", { name: "Recommend a lesson" }).fill(`qq${id}`);
  await page.getByRole("option", { name: new RegExp(course.lessonTitle) }).click();
  const current = box.getByTestId("recommended-current");
  await expect(current.getByRole("link", { name: course.lessonTitle })).toHaveAttribute(
    "href",
    `/portal/academy/courses/${course.slug}?lesson=${course.lessonId}`,
  );
  await expectAccessible(page);

  // The public article page shows it, server-rendered.
  const reader = await page.context().browser()?.newContext({ baseURL: origin() });
  const readerPage = await reader?.newPage();
  if (!readerPage) throw new Error("no reader page");
  await readerPage.goto(`/help/articles/${article.slug}`);
  const aside = readerPage.getByRole("complementary", { name: "Recommended lesson" });
  await expect(aside).toContainText(`Recommended lesson: ${course.lessonTitle}`);
  await expect(aside.getByRole("link", { name: course.lessonTitle })).toHaveAttribute(
    "href",
    `/portal/academy/courses/${course.slug}?lesson=${course.lessonId}`,
  );

  // Clearing it takes it off the public page.
  await box.getByRole("button", { name: "Clear the recommended lesson" }).click();
  await expect(box.getByText("No lesson recommended.")).toBeVisible();
  await readerPage.reload();
  await expect(
    readerPage.getByRole("heading", { level: 1, name: `Speaker drops off Wi-Fi ${id}` }),
  ).toBeVisible();
  await expect(readerPage.getByText(course.lessonTitle)).toHaveCount(0);
  await reader?.close();

  // A playbook's saved outcome step gets the same control in the editor; the API agrees.
  const playbook = await call<{ id: string }>(admin, "post", "/api/v1/playbooks", {
    slug: `channel-${id}`,
    definition: {
      name: `Speaker keeps dropping ${id}`,
      topics: ["wifi"],
      start: "ask",
      steps: [
        {
          id: "ask",
          kind: "question",
          title: "Is the router near a microwave?",
          choices: [{ label: "No", next: "fixed" }],
        },
        { id: "fixed", kind: "outcome", title: "Stable again", outcome: "resolved" },
      ],
    },
  });
  await page.goto(`/app/playbooks/${playbook.id}`);
  const outcome = page.getByTestId("step-1").getByRole("region", { name: "Recommended lesson" });
  await expect(outcome.getByText("No lesson recommended.")).toBeVisible();
  await expect(page.getByTestId("step-0").getByRole("region", { name: "Recommended lesson" })).toHaveCount(0);
  await outcome.getByRole("combobox", { name: "Recommend a lesson" }).fill(`qq${id}`);
  await page.getByRole("option", { name: new RegExp(course.lessonTitle) }).click();
  await expect(outcome.getByRole("link", { name: course.lessonTitle })).toBeVisible();
  const stored = await (
    await admin.get(`/api/v1/academy/recommendations/playbooks/${playbook.id}/outcomes/fixed`)
  ).json();
  expect(stored.lesson.lessonId).toBe(course.lessonId);
});
