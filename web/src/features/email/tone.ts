/**
 * Text colour for orange warnings. The theme's orange text (shade 9) on the pale orange
 * background reaches only 3.95:1; this darker orange passes WCAG AA (4.5:1) in light mode.
 */
export const WARN_TEXT = "light-dark(#9c3603, var(--mantine-color-orange-3))";
