import { expect, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

// The shared server has no SMTP_URL: replies to customers with an email address wait in the
// outbox, and every staff page must say so rather than let agents believe the mail went out.
test("without a mail relay, replies wait in the outbox and the workspace says so", async ({
  page,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const name = `Noor Haddad ${id}`;
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name,
    emails: [`noor-${id}@example.test`],
    phones: [],
    accounts: [],
  });
  const subject = `Speaker hums at low volume ${id}`;
  const created = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject,
    message: "There is a hum when the volume is low.",
    channel: "email",
  });

  await signInAsAdmin(page);
  await page.goto(`/app/cases/${created.id}`);
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await page.getByRole("textbox", { name: "Reply to the customer" }).fill("Which input is it connected to?");
  await page.getByRole("button", { name: "Send reply" }).click();

  // The reply is marked as queued, and the banner counts it among the waiting replies.
  const reply = page.getByRole("article", { name: "Reply: Ada Lovelace" });
  await expect(reply).toContainText("Which input");
  await expect(reply.getByText("Queued — will send when email is set up", { exact: true })).toBeVisible();
  const banner = page.getByRole("status").filter({ hasText: "Outgoing email is not set up" });
  await expect(banner).toContainText(
    /\d+ (email is|emails are) waiting in the outbox and will be sent once email is set up in Settings → Email/,
  );
  await expectAccessible(page);

  // Admins find the details under Settings → Email.
  await page.getByRole("navigation").getByRole("link", { name: "Email" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Email" })).toBeVisible();
  const relay = page.getByRole("region", { name: "Outgoing mail" });
  await expect(relay).toContainText("Not set up");
  await expect(relay).toContainText(/\d+ emails? waiting in the outbox/);
  // (support@localhost is listed only once mail has come in: the server records it lazily.)
  const addresses = page.getByRole("region", { name: "Support addresses" });

  // Adding an address lists it; adding it twice says it already exists.
  const added = `help-${id}@example.test`;
  await addresses.getByLabel("Add a support address").fill(added);
  await addresses.getByRole("button", { name: "Add address" }).click();
  await expect(addresses.getByRole("cell", { name: added, exact: true })).toBeVisible();
  await expect(addresses.getByRole("row", { name: new RegExp(added) })).toContainText("Nothing received yet");
  await addresses.getByLabel("Add a support address").fill(added);
  await addresses.getByRole("button", { name: "Add address" }).click();
  await expect(addresses).toContainText("already a support address");
  await expectAccessible(page);
});
