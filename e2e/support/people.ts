import fs from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { call } from "./agent.ts";
import { serverLogFile } from "./state.ts";

/**
 * Staff joining the way a person does: invited by an admin, accepting with the link the server
 * logs (no mail is sent in the browser suite), then signing in on the login page.
 */
export type Person = { email: string; name: string; password: string };

/** The invitation token from the server's log line; the log is written a moment after the call returns. */
export async function invitationTokenFor(email: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const lines = fs.readFileSync(serverLogFile(), "utf8").split("\n").filter(Boolean).reverse();
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as { msg?: string; email?: string; url?: string };
        if (entry.msg === "invitation link" && entry.email === email && entry.url)
          return new URL(entry.url).pathname.split("/").pop() ?? "";
      } catch {
        // not a JSON line
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no invitation link for ${email}`);
}

/** An agent (Kim, unique by `id`) invited by the admin's API client and with the invitation accepted. */
export async function inviteAgent(admin: APIRequestContext, id: string): Promise<Person> {
  const agent = { email: `kim-${id}@northwind.test`, name: `Kim Agent ${id}`, password: "agent-password-1" };
  await call(admin, "post", "/api/v1/invitations", { email: agent.email, role: "agent" });
  await call(admin, "post", "/api/v1/invitations/accept", {
    token: await invitationTokenFor(agent.email),
    name: agent.name,
    password: agent.password,
  });
  return agent;
}

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel(/^Password/).fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/app/**");
}
