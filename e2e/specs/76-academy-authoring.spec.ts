import { expect, test } from "@playwright/test";
import { agentPage } from "../support/actions.ts";
import { signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";

type Course = { id: string; state: string; modules: Array<{ lessons: Array<{ title: string }> }> };

/**
 * Academy authoring (issue #21): an agent builds a course in the app — a module with a text
 * lesson and a quiz with a question — moves the quiz first with the keyboard alone (dnd-kit's
 * keyboard sensor), publishes, and previews it the way a learner sees it, without answers.
 */
test("an agent creates, reorders by keyboard, publishes and previews a course", async ({
  browser,
  playwright,
}) => {
  test.setTimeout(180_000);
  const id = unique();
  const api = await signedInApi(playwright);
  const page = await agentPage(browser, api, id);
  const title = `Speaker basics ${id}`;

  await page.goto("/app");
  await page.getByRole("link", { name: "Academy", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Academy", level: 1 })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("link", { name: "Live sessions" })).toHaveAttribute(
    "href",
    "/app/academy/sessions",
  );
  await page.getByRole("button", { name: "New course" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible({ timeout: 30_000 });
  const courseNow = async () =>
    (await (await api.get(`/api/v1/academy/courses/${courseId}`)).json()) as Course;
  const courseId = /\/app\/academy\/courses\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? "";

  await page.getByLabel("Module title").fill("Setting up");
  await page.getByRole("button", { name: "Add module" }).click();
  const module = page.getByRole("region", { name: "Setting up" });
  await expect(module.getByRole("heading", { name: "1. Setting up" })).toBeVisible();

  await module.getByLabel("Lesson title").fill("Placing your speaker");
  await module.getByRole("button", { name: "Add lesson" }).click();
  await expect(module.getByText("Placing your speaker")).toBeVisible();
  await module.getByLabel("Lesson title").fill("Check yourself");
  await module.getByRole("combobox", { name: "Kind" }).click();
  await page.getByRole("option", { name: "Quiz" }).click();
  await module.getByRole("button", { name: "Add lesson" }).click();
  await expect(module.getByText("Check yourself")).toBeVisible();

  // The text lesson's body.
  await module.getByRole("button", { name: "Edit Placing your speaker" }).click();
  const lessonDialog = page.getByRole("dialog", { name: "Edit lesson" });
  await lessonDialog.getByLabel("Text (markdown)").fill("Keep it **away** from the wall.");
  await lessonDialog.getByRole("button", { name: "Save lesson" }).click();
  await expect(lessonDialog).toBeHidden();

  // The quiz's question.
  await module.getByRole("button", { name: "Edit Check yourself" }).click();
  const quizDialog = page.getByRole("dialog", { name: "Edit lesson" });
  await quizDialog.getByRole("button", { name: "Add question" }).click();
  await quizDialog
    .getByRole("textbox", { name: "Question", exact: true })
    .fill("Where does the speaker sound best?");
  await quizDialog.getByRole("textbox", { name: "Choice 1" }).fill("Away from the wall");
  await quizDialog.getByRole("textbox", { name: "Choice 2" }).fill("In a cupboard");
  await quizDialog.getByRole("radio", { name: "Right answer 1" }).check();
  await quizDialog.getByRole("button", { name: "Save question" }).click();
  await expect(quizDialog.getByText("1. Where does the speaker sound best?")).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(quizDialog).toBeHidden();

  // Keyboard drag: focus the quiz's handle, Space picks it up, ArrowUp moves it, Space drops.
  const handle = module.getByRole("button", { name: "Move lesson Check yourself" });
  await handle.focus();
  await expect(handle).toBeFocused();
  await page.keyboard.press("Space");
  await expect(handle).toHaveAttribute("aria-pressed", "true");
  // dnd-kit measures the list on the frame after pick-up; an arrow before that has nowhere to go.
  await page.waitForTimeout(300);
  await page.keyboard.press("ArrowUp");
  await page.waitForTimeout(300);
  await page.keyboard.press("Space");
  await expect(handle).not.toHaveAttribute("aria-pressed", "true");
  const lessonTitles = async () => ((await courseNow()).modules[0]?.lessons ?? []).map((l) => l.title);
  await expect.poll(lessonTitles, { timeout: 15_000 }).toEqual(["Check yourself", "Placing your speaker"]);
  await expect(module.getByRole("listitem").first()).toContainText("Check yourself");
  await expectAccessible(page);

  // A second module; the text lesson moves there from its editor (the whole order is sent).
  await page.getByLabel("Module title").fill("Going further");
  await page.getByRole("button", { name: "Add module" }).click();
  const second = page.getByRole("region", { name: "Going further" });
  await expect(second.getByText("No lessons in this module yet.")).toBeVisible();
  await module.getByRole("button", { name: "Edit Placing your speaker" }).click();
  const moveDialog = page.getByRole("dialog", { name: "Edit lesson" });
  await moveDialog.getByRole("combobox", { name: "Module" }).click();
  await page.getByRole("option", { name: "Going further" }).click();
  await expect(second.getByText("Placing your speaker")).toBeVisible({ timeout: 15_000 });
  await page.keyboard.press("Escape");
  await expect
    .poll(async () => (await courseNow()).modules.map((m) => m.lessons.map((l) => l.title)))
    .toEqual([["Check yourself"], ["Placing your speaker"]]);

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published", { exact: true })).toBeVisible({ timeout: 15_000 });
  expect((await courseNow()).state).toBe("published");

  await page.getByRole("link", { name: "Preview as learner" }).click();
  await expect(page.getByRole("heading", { name: `Preview: ${title}`, level: 1 })).toBeVisible({
    timeout: 30_000,
  });
  const quiz = page.getByRole("article", { name: /Check yourself/ });
  await expect(quiz.getByText("Question 1: Where does the speaker sound best?")).toBeVisible();
  await expect(quiz.getByRole("radio", { name: "Away from the wall" })).toBeDisabled();
  const text = page.getByRole("article", { name: /Placing your speaker/ });
  await expect(text.locator("strong", { hasText: "away" })).toBeVisible();
  // The quiz comes first in the preview too: the order the agent chose.
  await expect(page.getByRole("article").first()).toContainText("Check yourself");
  await expectAccessible(page);
  // Closing their browser closes their realtime socket: an agent left online is offered later specs' chats.
  await page.context().close();
});
