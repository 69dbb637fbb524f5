import { expect, type Page, test } from "@playwright/test";
import { call, origin, signedInApi, unique, waitForLive } from "../support/agent.ts";
import { signInAsAdmin } from "../support/data.ts";
import { configureWidget } from "../support/widget.ts";

/**
 * Issue #22: "Chats arrive in the inbox … with a sound and a desktop notification option."
 * Headless Chromium has no speakers and no notification centre, so the page's AudioContext and
 * Notification are wrapped before the app loads: the wrappers only record what the app asked
 * for (tones started, notifications shown) and pass everything else through. The sound is on
 * by default; the desktop notification only once the agent turns it on under My chat, and
 * clicking it opens the chat's case, where the visitor's hostile markup is shown as text.
 */
type Recorded = { tones: number; notifications: Array<{ title: string; body: string; click: () => void }> };

async function recordAlerts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __alerts: Recorded } & Record<string, unknown>;
    w.__alerts = { tones: 0, notifications: [] };
    const RealAudio = window.AudioContext;
    window.AudioContext = class extends RealAudio {
      override createOscillator() {
        const tone = super.createOscillator();
        const start = tone.start.bind(tone);
        tone.start = (when?: number) => {
          w.__alerts.tones++;
          start(when);
        };
        return tone;
      }
    };
    class RecordedNotification {
      static permission = "granted";
      static requestPermission = async () => "granted";
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        w.__alerts.notifications.push({ title, body: options?.body ?? "", click: () => this.onclick?.() });
      }
      close() {}
    }
    w.Notification = RecordedNotification;
  });
}

const alerts = (page: Page) =>
  page.evaluate(() => {
    const a = (window as unknown as { __alerts: Recorded }).__alerts;
    return { tones: a.tones, notifications: a.notifications.map((n) => ({ title: n.title, body: n.body })) };
  });

test("a new chat chimes, and once turned on shows a desktop notification that opens its case", async ({
  browser,
  playwright,
}) => {
  test.setTimeout(150_000);
  const id = unique();
  const admin = await signedInApi(playwright);
  const key = await configureWidget(admin, { enabled: true, allowedOrigins: [] });
  const visitorApi = await playwright.request.newContext({
    baseURL: origin(),
    extraHTTPHeaders: { Origin: origin() },
  });
  const startChat = async (text: string) => {
    const session = await call<{ token: string }>(visitorApi, "post", "/api/v1/widget/sessions", { key });
    await call(
      visitorApi,
      "post",
      "/api/v1/widget/conversations",
      { text },
      {
        authorization: `Visitor ${session.token}`,
      },
    );
  };

  const context = await browser.newContext();
  const agent = await context.newPage();
  await recordAlerts(agent);
  await signInAsAdmin(agent);
  await waitForLive(agent);

  // Defaults: the sound plays, no desktop notification.
  await startChat(`First chat ${id}`);
  await expect.poll(async () => (await alerts(agent)).tones).toBeGreaterThan(0);
  expect((await alerts(agent)).notifications).toEqual([]);

  // The agent turns the desktop notification on and the sound off, in this browser.
  await agent.goto("/app/settings/chat");
  await agent.getByRole("switch", { name: "Desktop notification for a new chat" }).check();
  await agent.getByRole("switch", { name: "Sound for a new chat" }).uncheck();
  await expect(agent.getByRole("switch", { name: "Desktop notification for a new chat" })).toBeChecked();
  await waitForLive(agent);
  const tonesBefore = (await alerts(agent)).tones;

  // Its text is hostile markup: the agent app shows it as text and runs nothing.
  const hostile = `<img src=x onerror="window.__pwned=1">`;
  await startChat(`Second chat ${id} ${hostile}`);
  await expect
    .poll(async () => (await alerts(agent)).notifications)
    .toEqual([{ title: "New chat", body: "A visitor started a chat." }]);
  expect((await alerts(agent)).tones, "the sound is off now").toBe(tonesBefore);

  // Clicking the notification opens the new chat's case.
  await agent.evaluate(() =>
    (window as unknown as { __alerts: Recorded }).__alerts.notifications[0]?.click(),
  );
  await agent.waitForURL(/\/app\/cases\/[0-9a-f-]{36}$/);
  // The case page is a lazy chunk: on a loaded 2-core machine it can take a while the first time.
  await expect(agent.getByRole("heading", { level: 1 })).toContainText(`Second chat ${id}`, {
    timeout: 45_000,
  });
  await expect(agent.getByRole("log")).toContainText(hostile);
  expect(await agent.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  await context.close();
  await visitorApi.dispose();
  await admin.dispose();
});
