import { expect, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { invitationTokenFor } from "../support/people.ts";

test("an engineer reads a whole snapshot from an escalation: tree, search, masked secrets, copy as JSON", async ({
  browser,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const serial = `SW-${id}`.toUpperCase();
  const engineer = {
    email: `noor-${id}@northwind.test`,
    name: `Noor Haddad ${id}`,
    password: "engineer-pass-44",
  };
  await call(api, "post", "/api/v1/invitations", { email: engineer.email, role: "engineer" });
  await call(api, "post", "/api/v1/invitations/accept", {
    token: await invitationTokenFor(engineer.email),
    name: engineer.name,
    password: engineer.password,
  });

  // One snapshot only: there is nothing to diff, and the record itself is what matters.
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name: `Ravi Shah ${id}`,
    emails: [`ravi-${id}@example.test`],
  });
  const kase = await call<{ id: string; number: number }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `Update fails ${id}`,
    message: "The speaker will not update.",
  });
  await call(api, "post", "/api/v1/diagnostics", {
    customerId: customer.id,
    deviceSerial: serial,
    caseId: kase.id,
    source: "device",
    data: {
      firmware: "4.2.0",
      wifi: { ssid: "home", signal_dbm: -61, psk: "hunter2" },
      update: { channel: "stable", last_error: 1013, attempts: [1, 2, 3] },
    },
  });
  const escalation = await call<{ id: string }>(api, "post", `/api/v1/cases/${kase.id}/escalations`, {
    summary: "Update fails with 1013.",
    question: "Why does the update server refuse 4.2.0?",
  });
  // Escalating put the case on hold with its agent.
  const held = (await (await api.get(`/api/v1/cases/${kase.id}`)).json()) as {
    status: string;
    assignee: { name: string } | null;
  };
  expect(held.status).toBe("on_hold");
  expect(held.assignee).not.toBeNull();

  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const eng = await context.newPage();
  await eng.goto("/login");
  await eng.getByLabel("Email").fill(engineer.email);
  await eng.getByLabel(/^Password/).fill(engineer.password);
  await eng.getByRole("button", { name: "Sign in" }).click();
  await eng.waitForURL("**/app/escalations");
  await eng.goto(`/app/escalations/${escalation.id}`);

  const snapshots = eng.getByRole("region", { name: "Snapshots and what changed" });
  // The device's heading (the snapshot's summary line also names "device <serial>").
  await expect(snapshots.getByRole("heading", { name: new RegExp(`^Device ${serial}\\b`) })).toBeVisible();
  await expect(snapshots.getByText("nothing to compare yet")).toHaveCount(0);
  const viewer = snapshots.getByTestId("snapshot-viewer");
  await expect(viewer.locator('[data-path="update.last_error"]')).toHaveText("last_error: 1013");
  await expect(viewer.locator('[data-path="wifi.psk"]')).toHaveText("psk: [masked]");
  await expect(eng.getByText("hunter2")).toHaveCount(0);
  await expectAccessible(eng);

  // Folding a branch hides what is under it.
  await viewer.getByRole("button", { name: /^wifi/ }).click();
  await expect(viewer.getByRole("button", { name: /^wifi/ })).toHaveAttribute("aria-expanded", "false");
  await expect(viewer.locator('[data-path="wifi.signal_dbm"]')).toHaveCount(0);

  // Search keeps only what matches (keys or values), opening the branches on the way.
  await viewer.getByLabel("Search keys and values").fill("1013");
  await expect(viewer.locator('[data-path="update.last_error"]')).toBeVisible();
  await expect(viewer.locator('[data-path="update.channel"]')).toHaveCount(0);
  await expect(viewer.locator('[data-path="firmware"]')).toHaveCount(0);
  await viewer.getByLabel("Search keys and values").fill("signal");
  await expect(viewer.locator('[data-path="wifi.signal_dbm"]')).toHaveText("signal_dbm: -61");
  await viewer.getByLabel("Search keys and values").fill("no-such-thing");
  await expect(viewer.getByText("Nothing in this snapshot matches.")).toBeVisible();
  await viewer.getByLabel("Search keys and values").fill("");

  // Copy as JSON: the whole snapshot, secrets still masked.
  await viewer.getByRole("button", { name: "Copy as JSON" }).click();
  await expect(viewer.getByRole("button", { name: "Copied" })).toBeVisible();
  const copied = JSON.parse(await eng.evaluate(() => navigator.clipboard.readText())) as {
    update: { last_error: number };
    wifi: { psk: string };
  };
  expect(copied.update.last_error).toBe(1013);
  expect(copied.wifi.psk).toBe("[masked]");
  await eng.screenshot({ path: "test-results/44-snapshot-viewer.png", fullPage: true });

  // The same snapshot opens whole from the case's timeline.
  await eng.goto(`/app/cases/${kase.id}`);
  await eng.getByRole("button", { name: "View snapshot" }).first().click();
  const dialog = eng.getByRole("dialog", { name: "Diagnostic snapshot" });
  await expect(dialog.locator('[data-path="update.last_error"]')).toHaveText("last_error: 1013");
  await expect(dialog.locator('[data-path="wifi.psk"]')).toHaveText("psk: [masked]");
  await expectAccessible(eng);
  await context.close();
  await api.dispose();
});
