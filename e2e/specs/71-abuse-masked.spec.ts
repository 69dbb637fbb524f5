import { expect, test } from "@playwright/test";
import { signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

/**
 * Shielding the agent (issue #20): an abusive email arrives; on the case page the insult is
 * masked, the message is flagged "Abusive" with why, the agent reveals the words (recorded)
 * and confirms the flag in one click.
 */
test("an abusive email arrives masked; the agent reveals it and confirms the flag", async ({
  page,
  playwright,
}) => {
  test.setTimeout(120_000);
  const api = await signedInApi(playwright);
  const id = unique();
  const subject = `Speakers dead again ${id}`;
  const raw = [
    `From: "Vic Venom" <vic-${id}@example.org>`,
    "To: support@localhost",
    `Subject: ${subject}`,
    `Message-ID: <abuse-${id}@example.org>`,
    "",
    "You are a useless idiot. Fix my speakers.",
    "",
  ].join("\r\n");
  const res = await api.post("/api/v1/inbound/email", {
    data: Buffer.from(raw),
    headers: { "content-type": "message/rfc822" },
  });
  expect(res.status()).toBe(202);
  const found = async () => {
    const list = (await (
      await api.get(`/api/v1/cases?status=all&limit=20&q=${encodeURIComponent(subject)}`)
    ).json()) as {
      items: Array<{ id: string; subject: string }>;
    };
    return list.items.find((c) => c.subject === subject)?.id ?? null;
  };
  await expect.poll(found, { timeout: 30_000 }).not.toBeNull();
  const caseId = (await found()) as string;

  // Open the case at once: the flag arrives live (case.message_assessed) if the job has not run yet.
  await signInAsAdmin(page);
  await page.goto(`/app/cases/${caseId}`);
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const message = page.getByRole("article", { name: /Vic Venom/ });
  await expect(message.getByRole("button", { name: "Abusive: show why" })).toBeVisible({ timeout: 30_000 });
  const body = message.locator("[data-masked]");
  await expect(body).toContainText("You are a useless •••••. Fix my speakers.");
  await expect(message.getByText("idiot")).toHaveCount(0);
  await expectAccessible(page);

  await message.getByRole("button", { name: "Abusive: show why" }).click();
  await expect(page.getByText("Why this flag")).toBeVisible();
  await message.getByRole("button", { name: "Abusive: show why" }).click();
  await expect(page.getByText("Why this flag")).toBeHidden();

  await message.getByRole("button", { name: "Reveal" }).click();
  await expect(message.getByText(/You are a useless idiot/)).toBeVisible();
  await expect(message.locator("[data-masked]")).toHaveCount(0);

  await message.getByRole("button", { name: "Message actions" }).click();
  await page.getByRole("menuitem", { name: "Mark abusive" }).click();
  await expect(page.getByText("Marked abusive")).toBeVisible();
  const messages = (await (await api.get(`/api/v1/cases/${caseId}/messages`)).json()) as {
    items: Array<{ id: string }>;
  };
  const assessment = (await (
    await api.get(`/api/v1/messages/${messages.items[0]?.id}/assessment`)
  ).json()) as {
    verdict: string;
  };
  expect(assessment.verdict).toBe("abusive");
  await message.getByRole("button", { name: "Abusive: show why" }).click();
  await expect(page.getByText("confirmed by an agent")).toBeVisible();
  await message.getByRole("button", { name: "Abusive: show why" }).click();
  await expect(page.getByText("confirmed by an agent")).toBeHidden();

  // The confirmation is on the case's activity (staff only).
  await page.getByRole("tab", { name: "Activity" }).click();
  await expect(page.getByText(/abuse_confirmed|marked .*abusive/i).first()).toBeVisible();
});
