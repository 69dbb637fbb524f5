import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Fails on any serious or critical axe violation, listing each rule and the offending elements. */
export async function expectAccessible(page: Page, options: { include?: string } = {}) {
  let builder = new AxeBuilder({ page }).withTags([
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "best-practice",
  ]);
  if (options.include) builder = builder.include(options.include);
  const results = await builder.analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = blocking.map(
    (v) =>
      `[${v.impact}] ${v.id}: ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.replace(/\n/g, " ")}`)
        .join("\n")}`,
  );
  expect(report, `axe violations on ${page.url()}`).toEqual([]);
}

export type ColorScheme = "light" | "dark";

/**
 * Runs `open` (which navigates and waits for the content to check) once per colour scheme and
 * asserts axe is clean each time. The app follows the system setting (Mantine's "auto" scheme,
 * nothing stored), so emulating prefers-color-scheme before navigating picks the scheme;
 * the check fails if the page did not actually switch.
 */
export async function expectAccessibleInBothSchemes(
  page: Page,
  open: (scheme: ColorScheme) => Promise<void>,
  options: { include?: string } = {},
) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await open(scheme);
    await expect(page.locator("html")).toHaveAttribute("data-mantine-color-scheme", scheme);
    await expectAccessible(page, options);
  }
}
