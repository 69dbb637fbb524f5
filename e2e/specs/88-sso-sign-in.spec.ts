import { type APIRequestContext, expect, test } from "@playwright/test";
import { startTestIdp, type TestIdp } from "../../server/src/modules/sso/sso.testkit.ts";
import { signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

/**
 * Single sign-on in the browser (issue #23): the admin configures the workspace's OIDC
 * provider (a real oidc-provider started by this spec on loopback) in Settings → Single
 * sign-on; a person of the provider then signs in through "Sign in with SSO" in Chromium and
 * lands in the app as a new agent (just-in-time). A person from another domain comes back to
 * the login page with the reason. The configuration is removed at the end, so later specs
 * sign in with passwords as before.
 */
let idp: TestIdp;
let admin: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  admin = await signedInApi(playwright);
  const settings = await admin.get("/api/v1/sso");
  expect(settings.status()).toBe(200);
  const { redirectUrl } = (await settings.json()) as { redirectUrl: string };
  idp = await startTestIdp([redirectUrl]);
});
test.afterAll(async () => {
  await idp?.close();
  await admin?.dispose();
});

test("the admin configures SSO; a person signs in with SSO and lands in the app", async ({
  page,
  browser,
}) => {
  const id = unique();
  const email = `sso-${id}@northwind.test`;
  idp.accounts.set(`sam-${id}`, { email, email_verified: true, name: `Sam Single ${id}` });
  idp.accounts.set(`eve-${id}`, { email: `eve-${id}@elsewhere.test`, email_verified: true });
  try {
    await signInAsAdmin(page);
    await page.goto("/app/settings/workspace");
    await page.getByRole("link", { name: "Single sign-on" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Single sign-on" })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Issuer URL").fill(idp.issuer);
    await page.getByRole("button", { name: "Test discovery" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `Discovery works: ${idp.issuer}` }),
    ).toBeVisible();
    await page.getByLabel("Client ID").fill(idp.clientId);
    await page.getByLabel("Client secret").fill(idp.clientSecret);
    await page.getByLabel("Allowed email domains").fill("northwind.test");
    await page.getByLabel("Create staff accounts on first sign-in").check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Single sign-on saved")).toBeVisible();
    // The secret is never shown again, only that one is stored.
    await expect(page.getByText("A secret is stored. Leave blank to keep it.")).toBeVisible();
    await expect(page.getByLabel("Client secret")).toHaveValue("");
    await expectAccessible(page);

    // A signed-out browser: the login page now offers SSO.
    const context = await browser.newContext();
    const visitor = await context.newPage();
    await visitor.goto("/login");
    const ssoButton = visitor.getByRole("link", { name: "Sign in with SSO" });
    await expect(ssoButton).toBeVisible();
    await expectAccessible(visitor);

    // Someone from a domain the workspace does not allow is sent back with the reason.
    await ssoButton.click();
    await visitor.getByPlaceholder("Enter any login").fill(`eve-${id}`);
    await visitor.getByPlaceholder("and password").fill("anything");
    await visitor.getByRole("button", { name: "Sign-in" }).click();
    await visitor.waitForURL("**/login?sso_error=domain_not_allowed");
    await expect(visitor.getByRole("alert")).toContainText("Your email domain is not allowed");

    // The provider remembers Eve's session: a fresh browser for Sam.
    await context.clearCookies();
    await visitor.goto("/login");
    await visitor.getByRole("link", { name: "Sign in with SSO" }).click();
    await visitor.getByPlaceholder("Enter any login").fill(`sam-${id}`);
    await visitor.getByPlaceholder("and password").fill("anything");
    await visitor.getByRole("button", { name: "Sign-in" }).click();
    await visitor.waitForURL("**/app/**");
    const me = await visitor.request.get("/api/v1/me");
    expect(me.status()).toBe(200);
    const body = (await me.json()) as { user: { email: string; name: string }; role: string };
    expect(body.user.email).toBe(email);
    expect(body.role).toBe("agent");
    await expect(visitor.getByRole("heading", { level: 1 })).toBeVisible();
    await context.close();
  } finally {
    // Later specs sign in with passwords: leave no SSO configuration and no extra agent behind.
    await admin.delete("/api/v1/sso");
    const sam = await findMember(email);
    if (sam) await admin.patch(`/api/v1/members/${sam.id}`, { data: { status: "deactivated" } });
  }
  const status = await admin.get("/api/v1/sso/status");
  expect(((await status.json()) as { enabled: boolean }).enabled).toBe(false);
});

/** The membership of this email, paging through the members list (customers are in it too). */
async function findMember(email: string): Promise<{ id: string } | undefined> {
  let cursor: string | null = null;
  do {
    const res = await admin.get(
      `/api/v1/members?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    const page = (await res.json()) as {
      items: Array<{ id: string; email: string }>;
      nextCursor: string | null;
    };
    const found = page.items.find((m) => m.email === email);
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  return undefined;
}
