import { expect, test } from "@playwright/test";
import { generateSync } from "otplib";
import { origin, signedInApi } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";
import { inviteAgent, signIn } from "../support/people.ts";

/**
 * Issue #23: a freshly invited agent (never the admin, whose sign-in later specs rely on)
 * sets up two-factor sign-in on their profile, reading the key from the page and computing
 * the code with otplib the way an authenticator app would; signs out; signs in again with a
 * code; and manages their sessions. Then an admin sets the sign-in rules and puts the defaults
 * back, so later specs are not affected.
 */
test("an agent enrols in 2FA, signs in with a code, and signs out another session", async ({
  page,
  playwright,
}) => {
  test.setTimeout(180_000);
  const admin = await signedInApi(playwright);
  const agent = await inviteAgent(admin, `2fa-${Date.now().toString(36)}`);

  // A second session (another device) before 2FA is on, to sign out from the list later.
  const otherDevice = await signedInApi(playwright, agent);
  expect((await otherDevice.get("/api/v1/me")).status()).toBe(200);

  await signIn(page, agent);
  await page.goto("/app/profile");
  const section = page.getByRole("region", { name: "Two-factor sign-in" });
  await expect(section.getByTestId("two-factor-state")).toHaveText("Off");
  await section.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await section.getByLabel(/^Your password/).fill("not-my-password");
  await section.getByRole("button", { name: "Continue" }).click();
  await expect(section.getByText("The password is not right")).toBeVisible();
  await section.getByLabel(/^Your password/).fill(agent.password);
  await section.getByRole("button", { name: "Continue" }).click();

  // The QR code an authenticator app scans (drawn locally from the otpauth link).
  await expect(
    section.getByRole("img", { name: "QR code to scan with your authenticator app" }),
  ).toBeVisible();
  const secret = (await section.getByTestId("totp-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
  await expect(section.getByTestId("recovery-code")).toHaveCount(10);
  const recoveryCode = (await section.getByTestId("recovery-code").first().textContent())?.trim() ?? "";
  await expectAccessible(page);

  await section.getByLabel(/^6-digit code/).fill(generateSync({ secret }));
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByTestId("two-factor-state")).toHaveText("On");
  await expect(section.getByText("10 recovery codes left")).toBeVisible();

  // Sessions: this browser is marked; the other device is signed out from here.
  const sessions = page.getByRole("region", { name: "Where you are signed in" });
  const table = sessions.getByTestId("sessions-table");
  await expect(table.getByText("This browser")).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(3); // header + 2 sessions
  await expectAccessible(page);
  await table.getByRole("button", { name: /^Sign out:/ }).click();
  await expect(page.getByText("That session was signed out.")).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);
  expect((await otherDevice.get("/api/v1/me")).status()).toBe(401);

  // Sign out, then sign in again: the password alone is not enough now.
  await page.getByRole("button", { name: `Account menu for ${agent.name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL("**/login");
  await page.getByLabel("Email").fill(agent.email);
  await page.getByLabel(/^Password/).fill(agent.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(/^Code/).fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert")).toContainText("That code is not right");
  await page.getByLabel(/^Code/).fill(generateSync({ secret }));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL("**/app/**");
  await expect(page.getByRole("button", { name: `Account menu for ${agent.name}` })).toBeVisible();

  // A recovery code works once, in place of the app.
  await page.getByRole("button", { name: `Account menu for ${agent.name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL("**/login");
  await page.getByLabel("Email").fill(agent.email);
  await page.getByLabel(/^Password/).fill(agent.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel(/^Recovery code/).fill(recoveryCode);
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL("**/app/**");
  await page.goto("/app/profile");
  await expect(page.getByText("9 recovery codes left")).toBeVisible();
});

test("an admin sets the sign-in rules on Settings → Workspace", async ({ page }) => {
  await signInAsAdmin(page);
  try {
    await page.goto("/app/settings/workspace");
    const rules = page.getByRole("region", { name: "Sign-in rules" });
    await expect(rules.getByRole("checkbox", { name: "Moderators" })).not.toBeChecked();
    const length = rules.getByRole("textbox", { name: "Minimum password length" });
    await length.fill("9");
    await rules.getByRole("button", { name: "Save sign-in rules" }).click();
    await expect(rules.getByText("must be at least 10")).toBeVisible();
    await length.fill("14");
    await rules.getByRole("checkbox", { name: "Moderators" }).check();
    await rules.getByRole("button", { name: "Save sign-in rules" }).click();
    await expect(rules.getByRole("status").filter({ hasText: "Sign-in rules saved." })).toBeVisible();
    await expectAccessible(page);
    await page.reload();
    await expect(
      page.getByRole("region", { name: "Sign-in rules" }).getByRole("checkbox", { name: "Moderators" }),
    ).toBeChecked();
    await expect(
      page
        .getByRole("region", { name: "Sign-in rules" })
        .getByRole("textbox", { name: "Minimum password length" }),
    ).toHaveValue("14");
  } finally {
    // Later specs create staff with 10-character passwords: the defaults come back.
    const reset = await page.request.patch("/api/v1/security/policy", {
      data: { requireTwoFactorRoles: [], passwordMinLength: 10 },
      headers: { origin: origin() },
    });
    expect(reset.ok()).toBe(true);
  }
});
