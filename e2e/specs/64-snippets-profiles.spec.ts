import { expect, test } from "@playwright/test";
import { call, magicLinkFor, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

/**
 * Snippets and agent profiles (issue #18): an agent inserts a snippet whose fact Rapport does
 * not know and sees it flagged, completes it, sets how customers see them, and the customer
 * sees that name and photo on their request.
 */
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

test("a snippet with a missing fact is flagged, the profile is set, and the customer sees name and photo", async ({
  page,
  browser,
  baseURL,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const email = `iris-${id}@example.test`;
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name: `Iris Novak ${id}`,
    emails: [email],
  });
  const c = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `Modem dead ${id}`,
    message: "The modem does not power on any more.",
  });
  await call(api, "post", "/api/v1/snippets", {
    title: `Ship replacement ${id}`,
    body: "Hi {{customer.first_name}}, a new modem goes to {{fact.address}} today.",
  });
  const photo = await api.put("/api/v1/me/avatar", { data: { dataBase64: PNG } });
  expect(photo.status()).toBe(200);

  await signInAsAdmin(page);

  // How customers see the agent: set on the profile page.
  await page.goto("/app/profile");
  const card = page.getByRole("region", { name: "How customers see you" });
  await expect(card).toBeVisible();
  await card.getByLabel("Display name").fill(`Ada ${id}`);
  await card.getByLabel("Short bio").fill("Modems and routers since 2015.");
  await card.getByLabel("Personal sign-off").fill("Cheers, Ada");
  await card.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved")).toBeVisible();
  await expectAccessible(page);

  // The snippet picker: type to filter, Enter inserts the filled text.
  await page.goto(`/app/cases/${c.id}`);
  const reply = page.getByLabel("Reply to the customer");
  await reply.fill("");
  await page.getByRole("button", { name: "Snippets" }).click();
  const search = page.getByRole("combobox", { name: "Find a snippet" });
  await search.fill(`replacement ${id}`);
  await expect(page.getByRole("option", { name: new RegExp(`Ship replacement ${id}`) })).toBeVisible();
  await expectAccessible(page);
  await search.press("Enter");
  await expect(reply).toHaveValue("Hi Iris, a new modem goes to {{fact.address}} today.");
  const missing = page.getByTestId("snippet-missing");
  await expect(missing).toContainText("Complete before sending");
  await expect(missing).toContainText("{{fact.address}}");
  await expectAccessible(page);

  // The placeholder is selected: typing replaces it, and the flag goes away.
  await page.keyboard.type("12 Harbour Road");
  await expect(reply).toHaveValue("Hi Iris, a new modem goes to 12 Harbour Road today.");
  await expect(missing).toBeHidden();
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByText("Hi Iris, a new modem goes to 12 Harbour Road today.").first()).toBeVisible();

  // The customer sees the agent's chosen name and photo on their request.
  const portal = await browser.newContext({ baseURL });
  const customerPage = await portal.newPage();
  await customerPage.goto("/portal/login");
  await customerPage.getByLabel("Email").fill(email);
  await customerPage.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(customerPage.getByRole("heading", { level: 1 })).toBeVisible();
  await customerPage.goto(await magicLinkFor(email));
  await customerPage.waitForURL("**/portal");
  await customerPage.goto(`/portal/requests/${c.id}`);
  const agent = customerPage.getByTestId("portal-agent");
  await expect(agent).toContainText(`Ada ${id}`);
  const img = agent.getByRole("img", { name: `Ada ${id}` });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await expectAccessible(customerPage);
  await portal.close();
});
