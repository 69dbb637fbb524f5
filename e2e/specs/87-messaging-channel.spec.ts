import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { call, origin, signedInApi, unique, uniquePhone } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

/**
 * A messaging channel end to end (issue #22): an admin adds a channel in Settings → Channels
 * and copies its token; the "adapter" (this test) posts a customer's message to the inbound
 * URL and it appears as a case; the agent replies in the case view; a fake endpoint on loopback
 * receives the signed reply, and the reply shows "Sent". (The e2e server allows loopback
 * destinations with WEBHOOK_ALLOW_PRIVATE, as for webhooks.)
 */
type Received = { headers: Record<string, string | string[] | undefined>; body: Record<string, unknown> };
let endpoint: Server;
let endpointUrl: string;
const received: Received[] = [];

test.beforeAll(async () => {
  endpoint = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/rapport/out`;
});
test.afterAll(async () => {
  endpoint.closeAllConnections();
  await new Promise((resolve) => endpoint.close(resolve));
});

test("an admin adds a channel; its message becomes a case; the reply reaches the endpoint and shows Sent", async ({
  page,
  playwright,
}) => {
  const id = unique();
  await signInAsAdmin(page);

  // Settings → Channels, reached from its neighbour, the webhooks page.
  await page.goto("/app/settings/webhooks");
  await page.getByRole("link", { name: "Messaging channels" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Messaging channels" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Name").fill(`Bridge ${id}`);
  await page.getByLabel("Outbound URL").fill(endpointUrl);
  await page.getByRole("button", { name: "Add channel" }).click();
  // The token and the secret are shown once, with copy buttons.
  const once = page.getByRole("alert").filter({ hasText: "shown only once" });
  await expect(once).toBeVisible();
  await expect(once.getByRole("button", { name: "Copy: Inbound token (Bearer)" })).toBeVisible();
  await expect(once.getByRole("button", { name: "Copy: Signing secret" })).toBeVisible();
  const codes = once.locator("code");
  const inboundUrl = (await codes.nth(0).textContent()) ?? "";
  const token = (await codes.nth(1).textContent()) ?? "";
  expect(inboundUrl).toMatch(/\/api\/v1\/channels\/[0-9a-f-]{36}\/messages$/);
  expect(token).toMatch(/^rch_/);
  await expect(page.getByRole("list", { name: "Channels" }).getByText(`Bridge ${id}`)).toBeVisible();
  await expectAccessible(page);

  // The adapter posts a customer's message with the channel's token.
  const adapter = await playwright.request.newContext();
  const posted = await adapter.post(new URL(new URL(inboundUrl).pathname, origin()).toString(), {
    headers: { authorization: `Bearer ${token}` },
    data: {
      externalThreadId: `dm-${id}`,
      externalMessageId: `m-${id}`,
      from: { externalUserId: `user-${id}`, name: `Noor ${id}` },
      text: `Speaker offline after update ${id}`,
    },
  });
  expect(posted.status(), await posted.text()).toBe(200);
  const { caseId } = (await posted.json()) as { caseId: string };
  await adapter.dispose();

  // It is a case in the inbox; the agent opens it and replies.
  await page.goto("/app/inbox");
  await page.getByRole("link", { name: new RegExp(`Speaker offline after update ${id}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/app/cases/${caseId}`));
  await expect(page.getByRole("article", { name: `Customer: Noor ${id}` })).toContainText("Speaker offline");
  await page
    .getByRole("textbox", { name: "Reply to the customer" })
    .fill("Please unplug it for ten seconds.");
  await page.getByRole("button", { name: "Send reply" }).click();
  const reply = page.getByRole("article", { name: "Reply: Ada Lovelace" });
  await expect(reply).toContainText("Please unplug it for ten seconds.");

  // The endpoint received it, signed; the reply shows "Sent".
  await expect
    .poll(() => received.find((r) => r.body.externalThreadId === `dm-${id}`), { timeout: 30_000 })
    .toBeTruthy();
  const got = received.find((r) => r.body.externalThreadId === `dm-${id}`) as Received;
  expect(got.body.text).toBe("Please unplug it for ten seconds.");
  expect(got.body.to).toEqual({ externalUserId: `user-${id}` });
  expect(got.headers["x-rapport-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
  expect(got.headers["idempotency-key"]).toBe(got.body.messageId);
  await expect(reply.getByText("Sent", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page);
});

test("a call's recording link and transcript show under the call on the customer's timeline", async ({
  page,
  playwright,
}) => {
  const id = unique();
  const api = await signedInApi(playwright);
  const started = await call<{ callId: string; customer: { id: string } }>(api, "post", "/api/v1/calls", {
    from: uniquePhone(),
    to: "+1 800 555 0000",
  });
  const transcript = `Agent: Rapport support.\nCaller: My Sub ${id} is silent since the update.`;
  await call(api, "post", `/api/v1/calls/${started.callId}/end`, {
    durationSeconds: 120,
    recordingUrl: `https://pbx.example.com/recordings/${id}.mp3`,
    transcript,
  });
  await api.dispose();

  await signInAsAdmin(page);
  await page.goto(`/app/customers/${started.customer.id}`);
  const recording = page.getByRole("link", { name: "Recording" });
  await expect(recording).toHaveAttribute("href", `https://pbx.example.com/recordings/${id}.mp3`);
  await page.getByRole("button", { name: "Show transcript" }).click();
  await expect(page.locator("[data-transcript]")).toContainText(`My Sub ${id} is silent since the update.`);
  await expect(page.getByRole("button", { name: "Hide transcript" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  await expectAccessible(page);
});
