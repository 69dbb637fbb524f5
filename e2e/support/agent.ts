import fs from "node:fs";
import { type APIRequestContext, expect, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { ADMIN } from "./data.ts";
import { serverLogFile } from "./state.ts";

/** The server's origin; cookie-authenticated writes must carry it (CSRF check). */
export const origin = () => `http://localhost:${process.env.E2E_PORT}`;

/** An API client signed in with a cookie session, sending Origin on every request. */
export async function signedInApi(
  playwright: PlaywrightWorkerArgs["playwright"],
  credentials: { email: string; password: string } = ADMIN,
): Promise<APIRequestContext> {
  const api = await playwright.request.newContext({
    baseURL: origin(),
    extraHTTPHeaders: { Origin: origin() },
  });
  const res = await api.post("/api/auth/sign-in/email", { data: credentials });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

/** POST/PATCH that must succeed; returns the JSON body. */
export async function call<T = Record<string, unknown>>(
  api: APIRequestContext,
  method: "post" | "patch",
  path: string,
  data: unknown,
  headers?: Record<string, string>,
): Promise<T> {
  const res = await api[method](path, { data, headers });
  expect(res.ok(), `${method.toUpperCase()} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** A short unique suffix so each spec's customers, numbers and subjects are its own. */
export const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

/** A possible US number (the server checks possibility, not assignment), distinct per call. */
export const uniquePhone = () => `+1 415 7${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;

/** Waits until the app's WebSocket is up, so live events are not missed. */
export async function waitForLive(page: Page) {
  await expect(page.getByRole("banner").getByText("Live", { exact: true })).toBeVisible();
}

/** The server logs magic links (no outbound mail in tests); find the newest one for this email. */
export async function magicLinkFor(email: string): Promise<string> {
  const logFile = serverLogFile();
  for (let i = 0; i < 40; i++) {
    const lines = fs.readFileSync(logFile, "utf8").split("\n").filter(Boolean).reverse();
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as { msg?: string; email?: string; url?: string };
        if (entry.msg === "magic link" && entry.email === email && entry.url) return entry.url;
      } catch {
        // not a JSON line (e.g. a native PostgreSQL message)
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no magic link for ${email} in ${logFile}`);
}
