import { Box } from "@mantine/core";
import MarkdownIt from "markdown-it";
import { useMemo } from "react";
import classes from "../composer/markdown.module.css";

// The editor's live preview, rendered in the browser like the server does (help/render.ts:
// markdown-it with raw HTML off). Links and images may be relative (internal article links,
// uploaded images) or http(s)/mailto; any other scheme (javascript:, data:…) is dropped.
const md = new MarkdownIt({ html: false, linkify: true });
md.validateLink = (url) => {
  const u = url.trim();
  return /^(https?:|mailto:)/i.test(u) || !/^[a-z][a-z0-9+.-]*:/i.test(u);
};

/** A live preview of an article's markdown. Readers get the server's sanitised `bodyHtml`. */
export function ArticleMarkdown(props: { source: string }) {
  const html = useMemo(() => md.render(props.source), [props.source]);
  // markdown-it (html:false) escapes every tag typed and validateLink drops unsafe links,
  // so this HTML is only what markdown itself produces.
  const inner = { __html: html };
  return (
    <Box
      className={classes.markdown}
      data-article-preview
      // biome-ignore lint/security/noDangerouslySetInnerHtml: see above, the HTML is markdown-it's own
      dangerouslySetInnerHTML={inner}
    />
  );
}

/**
 * An article as the server rendered it (`bodyHtml`): markdown-it without raw HTML, then the
 * mail sanitiser. That is the only reason it may be injected here; never pass anything else.
 */
export function ArticleHtml(props: { html: string }) {
  const inner = { __html: props.html };
  return (
    <Box
      className={classes.markdown}
      data-article-body
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server, see above
      dangerouslySetInnerHTML={inner}
    />
  );
}
