import { expect, test } from "@playwright/test";
import { signedInApi } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { inviteAgent, signIn } from "../support/people.ts";

/**
 * Issue #23, passkeys: a freshly invited agent (never the admin, whose sign-in later specs rely
 * on) adds a passkey on their profile with Chromium's virtual authenticator (a platform
 * authenticator that keeps discoverable credentials and verifies the user), signs out, signs in
 * with the passkey alone (no email, no password), and removes it; afterwards the passkey no
 * longer signs in.
 */
test("an agent adds a passkey, signs in with it, and removes it", async ({ page, playwright }) => {
  test.setTimeout(180_000);
  const admin = await signedInApi(playwright);
  const agent = await inviteAgent(admin, `pk-${Date.now().toString(36)}`);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  await signIn(page, agent);
  await page.goto("/app/profile");
  const section = page.getByRole("region", { name: "Passkeys" });
  await expect(section.getByText("You have no passkeys yet.")).toBeVisible();
  await section.getByRole("textbox", { name: "Passkey name" }).fill("Test laptop");
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Passkey added. You can now sign in with it.")).toBeVisible();
  const table = section.getByRole("table", { name: "Your passkeys" });
  await expect(table.getByText("Test laptop")).toBeVisible();
  await expect(table.getByText(/^Added /)).toBeVisible();
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]?.isResidentCredential).toBe(true);
  await expectAccessible(page);

  // Sign out; sign in with the passkey alone.
  await page.getByRole("button", { name: `Account menu for ${agent.name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL("**/login");
  await expect(page.getByRole("button", { name: "Use a passkey" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await page.waitForURL("**/app/**");
  await expect(page.getByRole("button", { name: `Account menu for ${agent.name}` })).toBeVisible();

  // Remove it: the list is empty, and the authenticator's credential no longer signs in.
  await page.goto("/app/profile");
  const again = page.getByRole("region", { name: "Passkeys" });
  await again.getByRole("button", { name: "Remove passkey Test laptop" }).click();
  await expect(page.getByText("Passkey removed. It can no longer sign you in.")).toBeVisible();
  await expect(again.getByText("You have no passkeys yet.")).toBeVisible();

  await page.getByRole("button", { name: `Account menu for ${agent.name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL("**/login");
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByRole("alert")).toContainText("Passkey sign-in did not work");
  await expect(page).toHaveURL(/\/login/);
});
