import { expect, test } from "@playwright/test";
import hoodiecrow from "hoodiecrow-imap";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";
import { freePort } from "../support/email.ts";

// A team's existing mailbox: a real IMAP server on loopback (hoodiecrow), started by the test.
test("an admin connects a mailbox to a support address, polls it, and pauses it", async ({
  page,
  playwright,
}) => {
  const id = unique();
  const subject = `Arc remote lost its pairing ${id}`;
  const imapPort = await freePort();
  const imap = hoodiecrow({
    plugins: ["ENABLE", "UIDPLUS"],
    users: { frontdesk: { password: "mailbox-secret-1" } },
    storage: {
      INBOX: {
        messages: [
          {
            raw: `From: Lena Berg <lena-${id}@example.test>\r\nTo: desk-${id}@example.test\r\nSubject: ${subject}\r\nMessage-ID: <imap-${id}@example.test>\r\n\r\nThe remote stopped working after the update.\r\n`,
            flags: [],
          },
        ],
      },
    },
  });
  await new Promise<void>((r) => imap.listen(imapPort, "127.0.0.1", r));
  try {
    const api = await signedInApi(playwright);
    const address = `desk-${id}@example.test`;
    await call(api, "post", "/api/v1/email/addresses", { address });

    await signInAsAdmin(page);
    await page.goto("/app/settings/email");
    await expect(page.getByRole("heading", { level: 1, name: "Email" })).toBeVisible();
    const addresses = page.getByRole("region", { name: "Support addresses" });
    const row = addresses.getByRole("row", { name: new RegExp(address) });
    await expect(row).toContainText("Not connected");

    // Empty form: each required field says what is missing.
    await row.getByRole("button", { name: `Connect mailbox for ${address}` }).click();
    const dialog = page.getByRole("dialog", { name: `Mailbox for ${address}` });
    await dialog.getByLabel("IMAP server").fill("");
    await dialog.getByRole("button", { name: "Save mailbox" }).click();
    await expect(dialog.getByText("Enter the IMAP server, such as imap.example.com")).toBeVisible();
    await expect(dialog.getByText("Enter the user name of the mailbox")).toBeVisible();
    await expect(dialog.getByText("Enter the mailbox password")).toBeVisible();
    await expectAccessible(page);

    // The server's own validation is shown on the field it names.
    await dialog.getByLabel("IMAP server").fill(`${"x".repeat(250)}.example`);
    await dialog.getByLabel("User name").fill("frontdesk");
    await dialog.getByRole("textbox", { name: "Password" }).fill("mailbox-secret-1");
    await dialog.getByRole("button", { name: "Save mailbox" }).click();
    await expect(dialog.getByLabel("IMAP server")).toHaveAttribute("aria-invalid", "true");

    await dialog.getByLabel("IMAP server").fill("127.0.0.1");
    await dialog.getByLabel("Port").fill(String(imapPort));
    await dialog.getByRole("switch", { name: "Use TLS" }).click();
    await dialog.getByRole("button", { name: "Save mailbox" }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText("frontdesk on 127.0.0.1, folder INBOX");
    await expect(row).toContainText("Not checked yet");

    // The worker also checks every minute: when its turn comes between saving and "Poll now", it
    // has fetched the message already and this poll finds nothing new (the case is checked below).
    await row.getByRole("button", { name: `Poll now: ${address}` }).click();
    await expect(page.getByText(/^Mailbox checked: (1 new message|0 new of 0 unread)$/)).toBeVisible();
    await expect(row).toContainText(/Checked .*: (1 new of 1 unread|0 new of 0 unread)/);
    await expectAccessible(page);

    // Editing never shows the stored password; a wrong folder is reported on the row.
    await row.getByRole("button", { name: `Edit mailbox for ${address}` }).click();
    await expect(dialog.getByLabel("IMAP server")).toHaveValue("127.0.0.1");
    await expect(dialog.getByRole("textbox", { name: "Password" })).toHaveValue("");
    await expect(dialog).toContainText("A password is saved. Leave this empty to keep it");
    await dialog.getByLabel("Folder").fill("Support");
    await dialog.getByRole("button", { name: "Save mailbox" }).click();
    await expect(dialog).toBeHidden();
    await row.getByRole("button", { name: `Poll now: ${address}` }).click();
    await expect(row).toContainText("Last check failed:");

    // Pausing keeps the settings.
    await row.getByRole("button", { name: `Edit mailbox for ${address}` }).click();
    await dialog.getByLabel("Folder").fill("INBOX");
    await dialog.getByRole("switch", { name: "Check every minute" }).click();
    await dialog.getByRole("button", { name: "Save mailbox" }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText("Paused");
    await expect(row).toContainText("Not checked yet");
    await expect(row).toContainText("frontdesk on 127.0.0.1, folder INBOX");
    await page.screenshot({ path: "test-results/32-imap-settings.png", fullPage: true });

    // The polled mail became a case.
    await page.goto("/app/inbox");
    await expect(page.getByText(subject)).toBeVisible();
  } finally {
    imap.close();
  }
});
