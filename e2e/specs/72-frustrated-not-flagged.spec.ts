import { expect, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

/**
 * Frustration is not abuse (issue #20): a customer furious at the product but polite to the
 * agent is shown as "Frustrated", with nothing masked and no abusive flag.
 */
test("a frustrated-but-polite message shows Frustrated, unmasked, never flagged abusive", async ({
  page,
  playwright,
}) => {
  test.setTimeout(120_000);
  const api = await signedInApi(playwright);
  const id = unique();
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name: `Fran Fed-up ${id}`,
  });
  const text =
    "I'm furious, this is the third time this update broke my speakers. You've always been kind, though.";
  const opened = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `Update broke my speakers ${id}`,
    message: text,
  });
  const messages = (await (await api.get(`/api/v1/cases/${opened.id}/messages`)).json()) as {
    items: Array<{ id: string }>;
  };
  const messageId = messages.items[0]?.id;
  await expect
    .poll(async () => (await api.get(`/api/v1/messages/${messageId}/assessment`)).status(), {
      timeout: 30_000,
    })
    .toBe(200);
  const assessment = (await (await api.get(`/api/v1/messages/${messageId}/assessment`)).json()) as {
    outcome: string;
    abusive: boolean;
  };
  expect(assessment.outcome).toBe("frustrated");
  expect(assessment.abusive).toBe(false);

  await signInAsAdmin(page);
  await page.goto(`/app/cases/${opened.id}`);
  const message = page.getByRole("article", { name: new RegExp(`Fran Fed-up ${id}`) });
  await expect(message.getByRole("button", { name: "Frustrated: show why" })).toBeVisible();
  await expect(message.getByText(text)).toBeVisible();
  await expect(message.getByRole("button", { name: /Abusive/ })).toHaveCount(0);
  await expect(message.getByRole("button", { name: "Reveal" })).toHaveCount(0);
  await expect(message.getByText("•••••")).toHaveCount(0);
  await expectAccessible(page);
  await message.getByRole("button", { name: "Frustrated: show why" }).click();
  await expect(page.getByText("Why this flag")).toBeVisible();
  await expectAccessible(page);

  // Each agent may turn masking off for themselves, on their profile (and back on here, since
  // later journeys share this admin).
  await page.goto("/app/profile");
  const mask = page.getByRole("switch", { name: "Mask insults in abusive messages" });
  await expect(mask).toBeChecked();
  await expectAccessible(page);
  await mask.click();
  await expect(mask).not.toBeChecked();
  await expect
    .poll(
      async () =>
        ((await (await api.get("/api/v1/me/conduct-preferences")).json()) as { maskAbuse: boolean })
          .maskAbuse,
    )
    .toBe(false);
  await page.reload();
  await expect(mask).not.toBeChecked();
  await mask.click();
  await expect(mask).toBeChecked();
  await expect
    .poll(
      async () =>
        ((await (await api.get("/api/v1/me/conduct-preferences")).json()) as { maskAbuse: boolean })
          .maskAbuse,
    )
    .toBe(true);
});
