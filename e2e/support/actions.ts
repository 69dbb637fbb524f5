import http from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext, type Browser, expect, type Page } from "@playwright/test";
import { call } from "./agent.ts";
import { inviteAgent, signIn } from "./people.ts";

/**
 * Shared by the actions specs (58, 59, issue #18): a fake fulfilment server on loopback that
 * records what reached it, and an agent invited and signed in in a browser of their own.
 */
export type Received = { path: string; key: string; signature: string; body: Record<string, unknown> };

export async function startFulfilment(answer: (body: Record<string, unknown>) => Record<string, unknown>) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => {
      text += chunk;
    });
    req.on("end", () => {
      const body = JSON.parse(text || "{}") as Record<string, unknown>;
      received.push({
        path: req.url ?? "",
        key: String(req.headers["idempotency-key"] ?? ""),
        signature: String(req.headers["x-rapport-signature"] ?? ""),
        body,
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(answer(body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An agent invited by the admin's API client, signed in on a page of a browser context of their own. */
export async function agentPage(browser: Browser, admin: APIRequestContext, id: string): Promise<Page> {
  const agent = await inviteAgent(admin, id);
  const page = await (await browser.newContext()).newPage();
  await signIn(page, agent);
  return page;
}

/** A customer with the given facts and an open case of theirs. */
export async function customerCase(api: APIRequestContext, id: string, facts: Record<string, unknown>) {
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name: `Rosa Diaz ${id}`,
    emails: [`rosa-${id}@example.test`],
  });
  for (const [key, value] of Object.entries(facts))
    await call(api, "post", `/api/v1/customers/${customer.id}/facts`, { key, value });
  const kase = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `My modem died ${id}`,
    message: "The power light stays off since the storm.",
  });
  return { customerId: customer.id, caseId: kase.id };
}

/** The case page's Actions panel, once its chunk has loaded. */
export async function actionsPanel(page: Page, caseId: string) {
  await page.goto(`/app/cases/${caseId}`);
  const panel = page.getByRole("region", { name: "Actions" });
  await expect(panel).toBeVisible({ timeout: 30_000 });
  return panel;
}
