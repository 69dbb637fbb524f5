import { expect, test } from "@playwright/test";
import { signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

// A newsletter (Precedence: bulk) opens no case but is never invisible: the admin finds it
// under Settings → Email → Held mail and promotes it to a case, or dismisses it.
test("bulk mail is held for the admin, who promotes one to a case and dismisses another", async ({
  page,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const deliver = async (subject: string) => {
    const raw = [
      "From: Gear Weekly <news@gearweekly.example>",
      "To: support@localhost",
      `Subject: ${subject}`,
      `Message-ID: <${subject.replace(/\W+/g, "-")}@gearweekly.example>`,
      "Precedence: bulk",
      "",
      `All about ${subject}.`,
      "",
    ].join("\r\n");
    const res = await api.post("/api/v1/inbound/email", {
      data: Buffer.from(raw),
      headers: { "content-type": "message/rfc822" },
    });
    expect(res.status()).toBe(202);
  };
  const keep = `Amplifier recall notice ${id}`;
  const drop = `Ten new turntables ${id}`;
  await deliver(keep);
  await deliver(drop);

  await signInAsAdmin(page);
  await page.goto("/app/settings/email");
  const held = page.getByRole("region", { name: "Held mail" });
  await expect(held.getByRole("row", { name: new RegExp(drop) })).toContainText("Precedence: bulk");
  await expectAccessible(page);

  await held.getByRole("button", { name: `Dismiss: ${drop}` }).click();
  await expect(held.getByRole("row", { name: new RegExp(drop) })).toHaveCount(0);

  await held.getByRole("button", { name: `Promote to case: ${keep}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: keep })).toBeVisible();
  await expect(page.getByText(`All about ${keep}.`, { exact: true })).toBeVisible();
});
