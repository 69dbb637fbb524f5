import { type APIRequestContext, expect, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { signInAsAdmin } from "../support/data.ts";

/**
 * Anonymous voting (issue #17): off by default, a visitor is asked to sign in; when the admin
 * turns it on, a visitor without an account votes on a public idea, the count goes up, and a
 * reload still shows their vote (the server knows them by their first-party cookie).
 */

async function setAnonymousVoting(api: APIRequestContext, on: boolean) {
  const current = await (await api.get("/api/v1/feedback/settings")).json();
  const res = await api.put("/api/v1/feedback/settings", { data: { ...current, anonymousVoting: on } });
  expect(res.ok(), await res.text()).toBe(true);
}

test("a visitor votes when the admin allows anonymous votes, and is asked to sign in when not", async ({
  page,
  browser,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  await setAnonymousVoting(api, false);
  const id = unique();
  const board = await call<{ id: string }>(api, "post", "/api/v1/feedback/boards", {
    name: `Headphones ${id}`,
    visibility: "public",
  });
  const idea = await call<{ url: string }>(api, "post", "/api/v1/feedback/ideas", {
    boardId: board.id,
    title: `Remember the noise cancelling level ${id}`,
    description: "Every time I reconnect, noise cancelling is back to the default.",
  });
  const ideaPath = new URL(idea.url, "http://x").pathname;

  // The admin turns it on in Feedback → Boards & settings.
  await signInAsAdmin(page);
  await page.goto("/app/feedback?tab=boards");
  const toggle = page.getByLabel("Allow anonymous voting (rate-limited)");
  await expect(toggle).toBeVisible({ timeout: 30_000 });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved").first()).toBeVisible();

  const visitorContext = await browser.newContext();
  try {
    const visitor = await visitorContext.newPage();
    await visitor.goto(ideaPath);
    const votes = visitor.getByTestId("idea-votes");
    await expect(votes).toHaveText("0");
    const vote = visitor.getByRole("button", { name: "Vote", exact: true });
    await expect(vote).toBeVisible({ timeout: 30_000 });
    await expect(visitor.getByRole("link", { name: "Sign in to vote or comment" })).toHaveCount(0);
    await vote.click();
    await expect(votes).toHaveText("1");
    const mine = visitor.getByRole("button", { name: "Remove my vote" });
    await expect(mine).toHaveAttribute("aria-pressed", "true");

    await visitor.reload();
    await expect(votes).toHaveText("1");
    await expect(visitor.getByRole("button", { name: "Remove my vote" })).toHaveAttribute(
      "aria-pressed",
      "true",
      { timeout: 30_000 },
    );

    // Turned off again: the same visitor is asked to sign in, and their vote still counts.
    await setAnonymousVoting(api, false);
    await visitor.reload();
    await expect(visitor.getByRole("link", { name: "Sign in to vote or comment" })).toBeVisible({
      timeout: 30_000,
    });
    await expect(visitor.getByRole("button", { name: /vote/i })).toHaveCount(0);
    await expect(votes).toHaveText("1");
  } finally {
    await visitorContext.close();
    await setAnonymousVoting(api, false);
  }
});
