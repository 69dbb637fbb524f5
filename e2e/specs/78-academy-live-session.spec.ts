import { expect, test } from "@playwright/test";
import { call, magicLinkFor, origin, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN } from "../support/data.ts";
import { signIn } from "../support/people.ts";

// Issue #21, live sessions: a session scheduled by staff in New York is read by a visitor in
// Tokyo. The public page is server-rendered in UTC (readable without JavaScript) and rewritten
// into the reader's zone when the page runs; the customer registers through the portal and sees
// the session at Tokyo time there too.
const STARTS = "2031-03-14T13:30:00.000Z"; // 09:30 in New York (EDT), 22:30 in Tokyo

const tokyo = (iso: string) =>
  new Intl.DateTimeFormat("en-US", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone: "Asia/Tokyo",
  }).format(new Date(iso));

test("a customer registers for a live session and sees it in their own time zone", async ({
  playwright,
  browser,
}) => {
  const staff = await signedInApi(playwright);
  const id = unique();
  const session = await call<{ id: string; slug: string }>(staff, "post", "/api/v1/academy/sessions", {
    title: `Speaker placement live ${id}`,
    description: "Where to put your speakers, and why it matters.",
    startsAt: STARTS,
    hostTimeZone: "America/New_York",
    durationMinutes: 60,
    capacity: 25,
    joinUrl: "https://meet.example.com/placement",
  });

  // Without JavaScript: the time in UTC inside <time datetime>, and the host's time.
  const html = await (await staff.get(`/academy/sessions/${session.slug}`)).text();
  // (React writes the attribute as `dateTime`; HTML attribute names are case-insensitive.)
  expect(html.toLowerCase()).toContain(`datetime="${STARTS.toLowerCase()}"`);
  expect(html).toContain("Fri 14 Mar 2031, 13:30 UTC");
  expect(html).toMatch(/Fri 14 Mar 2031, 09:30 host(&#x27;|')s time \(America\/New_York\)/);
  expect(html).toMatch(/<link rel="canonical" href="[^"]*\/academy\/sessions\//);

  const email = `kenji-${id}@example.test`;
  const context = await browser.newContext({ baseURL: origin(), timezoneId: "Asia/Tokyo", locale: "en-US" });
  const page = await context.newPage();

  // The public list and page, in the reader's zone once the script runs.
  await page.goto("/academy/sessions");
  const card = page.getByRole("listitem").filter({ hasText: `Speaker placement live ${id}` });
  await expect(card.locator("time")).toHaveText(tokyo(STARTS));
  await expectAccessible(page);
  await card.getByRole("link", { name: `Speaker placement live ${id}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Speaker placement live ${id}` })).toBeVisible();
  await expect(page.locator(`time[datetime="${STARTS}"]`)).toHaveText(tokyo(STARTS));
  await expect(page.locator(`time[datetime="${STARTS}"]`)).toContainText("10:30 PM");
  await expectAccessible(page);

  // Register leads to the portal, which asks a stranger to sign in first.
  await page.getByRole("link", { name: "Register" }).click();
  await page.waitForURL(/\/portal/);
  await page.goto("/portal/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.goto(await magicLinkFor(email));
  await page.waitForURL(/\/portal/);
  await page.goto(`/portal/academy/sessions/${session.slug}`);

  const mine = page.locator(`[data-session="${session.slug}"]`).first();
  await expect(mine.getByRole("heading", { name: `Speaker placement live ${id}` })).toBeVisible();
  await expect(mine.getByTestId("my-time")).toHaveText(tokyo(STARTS));
  await mine.getByRole("button", { name: "Register" }).click();
  await expect(mine.getByText("Registered", { exact: true })).toBeVisible();
  await expect(mine.getByRole("link", { name: "Join" })).toHaveAttribute(
    "href",
    "https://meet.example.com/placement",
  );
  await expect(mine.getByText(/host's time \(America\/New_York\)/)).toContainText("09:30");
  await expectAccessible(page);

  await context.close();

  // The host sees the registration on the staff screen and checks attendance there.
  const hostContext = await browser.newContext({ baseURL: origin(), timezoneId: "Europe/Paris" });
  const host = await hostContext.newPage();
  await signIn(host, ADMIN);
  await host.goto("/app/academy/sessions");
  await host.getByRole("button", { name: `Speaker placement live ${id}` }).click();
  await expect(host.getByRole("cell", { name: email })).toBeVisible();
  await expectAccessible(host);
  // The box follows the server: checked once the attendance is saved and the list reloaded.
  const attended = host.getByRole("checkbox", { name: /Mark .* as attended/ });
  await attended.click();
  await expect(attended).toBeChecked();
  await expect(async () => {
    const regs = await (await staff.get(`/api/v1/academy/sessions/${session.id}/registrations`)).json();
    expect(
      regs.items.map((r: { customer: { email: string }; status: string; attended: boolean | null }) => [
        r.customer.email,
        r.status,
        r.attended,
      ]),
    ).toEqual([[email, "confirmed", true]]);
  }).toPass({ timeout: 10_000 });

  // Scheduling one: the time is typed in the host's zone, which defaults to the host's own.
  await host.getByRole("button", { name: "Schedule a session" }).click();
  const form = host.getByRole("dialog");
  await form.getByLabel("Title").fill(`Room correction live ${id}`);
  await form.getByLabel("Starts at (in the host's time zone)").fill("2031-04-01T10:00");
  await form.getByLabel("Join link (https)").fill("https://meet.example.com/room");
  await expectAccessible(host);
  await form.getByRole("button", { name: "Schedule" }).click();
  await expect(form).toBeHidden();
  const list = await (await staff.get("/api/v1/academy/sessions")).json();
  const made = list.items.find((x: { title: string }) => x.title === `Room correction live ${id}`);
  expect([made?.startsAt, made?.hostTimeZone]).toEqual(["2031-04-01T08:00:00.000Z", "Europe/Paris"]);
  await hostContext.close();
});
