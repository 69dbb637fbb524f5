import { expect, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN, signInAsAdmin } from "../support/data.ts";
import { freePort, startSink, waitForMail } from "../support/email.ts";

// The shared server has no SMTP_URL. An admin sets up outgoing mail in Settings → Email with a
// real SMTP sink on loopback as the relay, sends a test, and the reply that was queued for want
// of a relay leaves. Afterwards the relay is cleared again: later journeys read sign-in links
// from the server log, which only happens while no relay is set.
test("an admin sets up outgoing mail, sends a test, and a queued reply leaves", async ({
  page,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const sink = await startSink();
  try {
    const id = unique();
    const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
      name: `Ines Moreau ${id}`,
      emails: [`ines-${id}@example.test`],
      phones: [],
      accounts: [],
    });
    const subject = `Subwoofer pops on start ${id}`;
    const created = await call<{ id: string }>(api, "post", "/api/v1/cases", {
      customerId: customer.id,
      subject,
      message: "It pops loudly whenever it turns on.",
      channel: "email",
    });

    // Without a relay, nothing has left: the reply says it is queued until email is set up.
    await signInAsAdmin(page);
    await page.goto(`/app/cases/${created.id}`);
    await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
    await page.getByRole("textbox", { name: "Reply to the customer" }).fill("Is it on the latest firmware?");
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect(page.getByText("Reply queued — will send when email is set up")).toBeVisible();
    const reply = page.getByRole("article", { name: `Reply: ${ADMIN.name}` }).filter({
      hasText: "Is it on the latest firmware?",
    });
    await expect(reply.getByText("Queued — will send when email is set up", { exact: true })).toBeVisible();

    // Settings → Email: the relay, sender and signature.
    await page.getByRole("navigation").getByRole("link", { name: "Email" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Email" })).toBeVisible();
    const card = page.getByRole("region", { name: "SMTP relay, sender and signature" });
    await expect(card).toContainText("No relay yet: mail waits in the outbox");
    await card.getByLabel("SMTP server").fill("smtp example");
    await card.getByRole("button", { name: "Save outgoing mail" }).click();
    await expect(card.getByText("Enter a host name such as smtp.example.com")).toBeVisible();
    await card.getByLabel("SMTP server").fill("127.0.0.1");
    await card.getByLabel("Port").fill(String(sink.port));
    await card.getByText("None", { exact: true }).click();
    await card.getByLabel("From name").fill("Northwind Help");
    await card.getByLabel("From address").fill(`help-${id}@northwind.test`);
    await card.getByLabel("Signature").fill("Northwind Support\nhttps://northwind.test/help");
    await card.getByRole("button", { name: "Save outgoing mail" }).click();
    await expect(card).toContainText("Mail leaves through the relay set here.");
    await expectAccessible(page);

    // A test message goes through the sink, and the page says so.
    await card.getByLabel("Send a test to").fill(`ops-${id}@northwind.test`);
    await card.getByRole("button", { name: "Send test" }).click();
    await expect(card.getByText(`Test sent to ops-${id}@northwind.test`)).toBeVisible();
    const test = await waitForMail(
      sink,
      (m) => m.subject === `Test message from ${ADMIN.workspaceName} on Rapport`,
    );
    expect(test.envelopeTo).toEqual([`ops-${id}@northwind.test`]);
    expect(test.mail.from?.value[0]?.address).toBe(`help-${id}@northwind.test`);

    // The reply that waited leaves through the new relay, signed, and the case says Sent.
    const sent = await waitForMail(sink, (m) => m.subject?.includes(subject) ?? false);
    expect(sent.mail.text).toContain("Is it on the latest firmware?\n\n-- \nNorthwind Support");
    await page.goto(`/app/cases/${created.id}`);
    await expect(reply.getByText("Sent", { exact: true })).toBeVisible({ timeout: 20_000 });

    // A relay that does not answer: the test reports why, in plain words.
    await page.goto("/app/settings/email");
    const closed = await freePort();
    await card.getByLabel("Port").fill(String(closed));
    await card.getByRole("button", { name: "Save outgoing mail" }).click();
    await expect(page.getByText("Outgoing mail saved")).toBeVisible();
    await card.getByLabel("Send a test to").fill(`ops-${id}@northwind.test`);
    await card.getByRole("button", { name: "Send test" }).click();
    const failure = card.getByRole("alert");
    await expect(failure).toContainText("The test could not be sent");
    await expect(failure).toContainText(`Nothing accepted the connection at 127.0.0.1:${closed}`);
    await expectAccessible(page);

    // The profile page: a person changes their own name, and the header follows.
    await page.getByRole("button", { name: /Account menu for/ }).click();
    await page.getByRole("menuitem", { name: "Your profile" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
    const details = page.getByRole("region", { name: "Name and language" });
    await expect(details.getByLabel("Name")).toHaveValue(ADMIN.name);
    await details.getByLabel("Name").fill(`Ada King ${id}`);
    await details.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("button", { name: `Account menu for Ada King ${id}` })).toBeVisible();
    await expectAccessible(page);
  } finally {
    // Later journeys expect the admin's name and no relay (their links are read from the log).
    await api.patch("/api/v1/me/profile", { data: { name: ADMIN.name } });
    await api.put("/api/v1/email/outgoing", { data: { host: null } });
    await api.dispose();
    await sink.close();
  }
});
