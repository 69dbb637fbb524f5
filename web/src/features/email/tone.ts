/**
 * Text colour for orange warnings. The theme's orange text (shade 9) on the pale orange
 * background reaches only 3.95:1; this darker orange passes WCAG AA (4.5:1) in light mode.
 */
export const WARN_TEXT = "light-dark(#9c3603, var(--mantine-color-orange-3))";

/**
 * Text colour for error text outside an Alert. Red shade 8 reaches only 3.43:1 on the dark
 * background; the theme's error colour is shade 8 in light mode and shade 4 in dark mode.
 */
export const ERROR_TEXT = "var(--mantine-color-error)";
