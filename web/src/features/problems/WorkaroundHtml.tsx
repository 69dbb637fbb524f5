import { Box } from "@mantine/core";
import classes from "../composer/markdown.module.css";

/**
 * A workaround as the server rendered it (`publicWorkaroundHtml`, `workaroundHtml`). The
 * server renders the markdown and sanitises the HTML before sending it; that is the only
 * reason it may be injected here. Never pass anything else to this component.
 */
export function WorkaroundHtml(props: { html: string }) {
  const inner = { __html: props.html };
  return (
    <Box
      className={classes.markdown}
      data-workaround
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server, see above
      dangerouslySetInnerHTML={inner}
    />
  );
}
