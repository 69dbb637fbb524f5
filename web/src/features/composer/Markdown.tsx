import { Box } from "@mantine/core";
import MarkdownIt from "markdown-it";
import { useMemo } from "react";
import classes from "./markdown.module.css";

// The same rules as the email's HTML part (server/src/modules/email/markdown.ts): raw HTML
// stays text, and links may only be http, https, mailto or cid, like the email sanitiser's.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
md.validateLink = (url) => /^(https?:|mailto:|cid:)/i.test(url.trim());
const defaultLink = md.renderer.rules.link_open;
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]?.attrSet("target", "_blank");
  tokens[idx]?.attrSet("rel", "noopener noreferrer nofollow");
  return defaultLink ? defaultLink(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
};

/** An agent's message (reply, note, signature or preview), rendered from its markdown. */
export function Markdown(props: { source: string; messageBody?: boolean }) {
  const html = useMemo(() => md.render(props.source), [props.source]);
  // markdown-it (html:false) escapes every tag typed and validateLink drops unsafe links,
  // so this HTML is only what markdown itself produces.
  const inner = { __html: html };
  return (
    <Box
      className={classes.markdown}
      data-message-body={props.messageBody || undefined}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: see above, the HTML is markdown-it's own
      dangerouslySetInnerHTML={inner}
    />
  );
}
