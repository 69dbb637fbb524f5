/**
 * The article body's typography and the lists' layout. Inline in the page (not a stylesheet of
 * this chunk) so it also applies without JavaScript, when only the entry's CSS is linked.
 */
export const ARTICLE_CSS = `
.help-article{line-height:1.65;font-size:var(--mantine-font-size-md);overflow-wrap:anywhere}
.help-article img{max-width:100%;height:auto}
.help-article a{color:var(--mantine-color-anchor);text-decoration:underline}
.help-article pre{overflow:auto;padding:var(--mantine-spacing-sm);background:var(--mantine-color-default-hover);border-radius:var(--mantine-radius-sm)}
.help-article code{font-family:var(--mantine-font-family-monospace);font-size:.9em}
.help-article blockquote{margin:0;padding-left:var(--mantine-spacing-md);border-left:4px solid var(--mantine-color-default-border)}
.help-article table{border-collapse:collapse}
.help-article th,.help-article td{border:1px solid var(--mantine-color-default-border);padding:4px 8px}
.help-list{margin:0;padding-left:1.25rem}
.help-list li{margin:4px 0}
.help-results{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:var(--mantine-spacing-md)}
mark{background:var(--mantine-color-yellow-2);color:var(--mantine-color-black);padding:0 2px;border-radius:2px}
`;
