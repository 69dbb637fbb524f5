import { type CSSVariablesResolver, createTheme, Loader } from "@mantine/core";

export const theme = createTheme({
  primaryColor: "blue",
  // Shade 6 fails WCAG AA with white text; 8 (light) passes for buttons, links and badges.
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: "md",
  fontFamily:
    "Inter, ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  headings: { fontWeight: "700" },
  focusRing: "auto",
  // Honour the OS "reduce motion" setting (modals and menus then appear without animation).
  respectReducedMotion: true,
  components: {
    // Every spinner carries an aria-label ("Loading"); a label needs a role to be announced
    // (and axe rejects aria-label on a plain span). A status is read out politely when it appears.
    Loader: Loader.extend({ defaultProps: { role: "status" } }),
  },
});

/**
 * Light-variant badges, nav links and subtle buttons put shade-8 text on a tinted background,
 * which falls just under 4.5:1 (so do avatar initials). In light mode use shade 9 text on the palest shade.
 */
const lightVariantVars = (t: Parameters<CSSVariablesResolver>[0]) =>
  Object.fromEntries(
    Object.entries(t.colors).flatMap(([name, shades]) => [
      [`--mantine-color-${name}-light`, shades[0] ?? ""],
      [`--mantine-color-${name}-light-hover`, shades[1] ?? ""],
      [`--mantine-color-${name}-light-color`, shades[9] ?? ""],
      [`--mantine-color-${name}-text`, shades[9] ?? ""],
    ]),
  );

/** Mantine's default dimmed/placeholder/error colors are below 4.5:1 contrast; darken them. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    ...lightVariantVars(t),
    "--mantine-color-dimmed": t.colors.gray[7] ?? "#495057",
    "--mantine-color-placeholder": t.colors.gray[6] ?? "#868e96",
    "--mantine-color-error": t.colors.red[8] ?? "#e03131",
    "--mantine-color-anchor": t.colors.blue[8] ?? "#1971c2",
  },
  dark: {
    "--mantine-color-dimmed": t.colors.dark[1] ?? "#b8b8b8",
    "--mantine-color-error": t.colors.red[4] ?? "#ff8787",
    "--mantine-color-anchor": t.colors.blue[3] ?? "#74c0fc",
  },
});
