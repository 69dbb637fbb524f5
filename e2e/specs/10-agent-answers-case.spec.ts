import { expect, test } from "@playwright/test";
import { call, signedInApi, unique, uniquePhone } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

test("an agent answers a new case with the customer's facts, devices and history on screen", async ({
  page,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const name = `Rosa Marquez ${id}`;
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name,
    emails: [`rosa-${id}@example.test`],
    phones: [uniquePhone()],
    accounts: [],
  });
  await call(api, "post", `/api/v1/customers/${customer.id}/facts`, {
    key: "address",
    value: "12 Harbour Road, Brighton",
    channel: "phone",
  });
  const serial = `SW5-${id.toUpperCase()}`;
  await call(api, "post", `/api/v1/customers/${customer.id}/devices`, {
    model: "Soundwave Five",
    serial,
    firmware: "12.3.0",
  });
  const earlier = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `Error 1013 last spring ${id}`,
    message: "The update fails with Error 1013.",
    channel: "email",
  });
  await call(api, "patch", `/api/v1/cases/${earlier.id}`, { status: "solved" });
  const subject = `No sound from the Sub ${id}`;
  await call(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject,
    message: "The Sub stopped playing. By the way, I moved: my new address is 7 Elm Street, Hove.",
    channel: "email",
  });

  // The inbox lists the new case; the agent opens it.
  await signInAsAdmin(page);
  const row = page.getByRole("row", { name: new RegExp(subject) });
  await expect(row).toContainText(name);
  await expect(row).toContainText("New");
  await expect(row).toContainText(/waiting/);
  await expectAccessible(page);
  await row.getByRole("link", { name: new RegExp(subject) }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();

  // Everything known is beside the conversation, without clicking around.
  const panel = page.getByRole("complementary", { name: `Customer ${name}` });
  await expect(panel).toContainText("12 Harbour Road, Brighton");
  await expect(panel).toContainText("Soundwave Five");
  await expect(panel).toContainText(serial);
  await expect(panel.getByRole("link", { name: new RegExp(`Error 1013 last spring ${id}`) })).toBeVisible();
  await expect(panel).toContainText(
    /changed the status from open to solved|changed the status from new to solved/,
  );
  await expect(page.getByRole("article", { name: `Customer: ${name}` })).toContainText("The Sub stopped");
  await expectAccessible(page);

  // The agent replies; the reply shows in the conversation as a reply, not a note.
  await page
    .getByRole("textbox", { name: "Reply to the customer" })
    .fill("Sorry about that! Let's reset the Sub.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByRole("article", { name: "Reply: Ada Lovelace" })).toContainText(
    "Let's reset the Sub.",
  );

  // An internal note is visibly internal.
  // "n" (outside any field) switches the composer to an internal note and focuses it.
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("n");
  const noteBox = page.getByRole("textbox", { name: "Internal note (only staff see it)" });
  await expect(noteBox).toBeFocused();
  await noteBox.fill("Second Sub issue this year.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("article", { name: "Internal note: Ada Lovelace" })).toContainText(
    "Second Sub",
  );

  // A fact from the panel: pick the key, type the value, save; it shows as current.
  await panel.getByRole("button", { name: "Record a fact" }).click();
  const dialog = page.getByRole("dialog", { name: `Record a fact about ${name}` });
  await dialog.getByRole("combobox", { name: "What" }).click();
  await dialog.getByRole("option", { name: "Plan" }).click();
  await dialog.getByLabel("Value").fill("Premium care");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Save fact" }).click();
  await expect(dialog).toBeHidden();
  await expect(panel).toContainText("Premium care");

  // Selecting text in a message offers to record it as a fact, pre-filled.
  await page.evaluate(() => {
    const body = [...document.querySelectorAll("[data-message-body]")].find((el) =>
      el.textContent?.includes("7 Elm Street"),
    );
    const text = body?.firstChild;
    if (!text?.textContent) throw new Error("message not found");
    const start = text.textContent.indexOf("7 Elm Street");
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + "7 Elm Street, Hove".length);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    document.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  });
  await page.getByRole("button", { name: "Record as fact…" }).click();
  await expect(dialog.getByLabel("Value")).toHaveValue("7 Elm Street, Hove");
  await dialog.getByRole("button", { name: "Save fact" }).click();
  await expect(dialog).toBeHidden();
  await expect(panel).toContainText("7 Elm Street, Hove");
  await expect(panel).toContainText("changed Address from 12 Harbour Road, Brighton to 7 Elm Street, Hove");

  // The customer page keeps the history: the new address is current, the old one earlier.
  await panel.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const facts = page.getByRole("region", { name: "Facts" });
  await expect(facts.getByRole("listitem").filter({ hasText: "7 Elm Street, Hove" })).toContainText(
    "Current",
  );
  await expect(facts.getByRole("listitem").filter({ hasText: "12 Harbour Road" })).toContainText("Earlier");
  await expect(facts.getByRole("listitem").filter({ hasText: "Premium care" })).toContainText("Current");
  await expectAccessible(page);
  await api.dispose();
});
