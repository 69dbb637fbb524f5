/**
 * The public frame's styles (header brand colour, skip link, breadcrumbs). Inline in the page,
 * not a stylesheet of a lazy chunk, so they also apply without JavaScript, when only the
 * entry's CSS is linked.
 */
export const PUBLIC_CSS = `
.public-header{border-top:4px solid var(--public-brand,var(--mantine-primary-color-filled))}
.public-header .mantine-ThemeIcon-root{background:var(--public-brand,var(--mantine-primary-color-filled))}
.public-skip{position:absolute;left:var(--mantine-spacing-md);top:-100px;z-index:100;padding:8px 12px;background:var(--mantine-color-body);color:var(--mantine-color-anchor);border:2px solid currentColor;border-radius:var(--mantine-radius-sm)}
.public-skip:focus{top:var(--mantine-spacing-xs)}
.public-crumbs{display:flex;flex-wrap:wrap;gap:4px 8px;list-style:none;margin:0;padding:0}
.public-crumbs li+li::before{content:"/";margin-right:8px;color:var(--mantine-color-dimmed)}
`;
