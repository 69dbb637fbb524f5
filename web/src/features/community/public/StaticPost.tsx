import type { ComponentProps, ReactElement } from "react";
import { TextValueProvider, useCommunityText } from "./communityText.ts";
import { PostCard } from "./PostCard.tsx";

/**
 * A topic's answers as remembered HTML (issue #16: a 500-post topic in under 30 ms). On the
 * server, each answer's markup is rendered once with React's static renderer and kept by
 * everything it shows (the post with its comments, score and marks, the comment form's
 * target, the language), so a vote re-renders one answer instead of fifty. The page puts the
 * string in a slot; the browser hydrates the slot with the markup it already has. Once a
 * signed-in reader's page is hydrated, the real PostCard (votes, comments, accept, flag)
 * replaces the slot; anonymous readers keep the plain markup, which has nothing to click but
 * links.
 */

let toMarkup: ((element: ReactElement) => string) | null = null;
// Server only: the client build drops this branch (import.meta.env.SSR is false there), so
// react-dom/server never reaches the browser. Until it has loaded, answers render as PostCards.
if (import.meta.env.SSR)
  void import("react-dom/server").then((m) => {
    toMarkup = m.renderToStaticMarkup;
  });

const MAX_ENTRIES = 20_000;
const rendered = new Map<string, string>();
const fromPage = new Map<string, string | null>();

type Props = ComponentProps<typeof PostCard>;

function slotHtmlOnPage(postId: string): string | null {
  let html = fromPage.get(postId);
  if (html === undefined) {
    html = document.querySelector(`[data-post-slot="${CSS.escape(postId)}"]`)?.innerHTML ?? null;
    fromPage.set(postId, html);
  }
  return html;
}

export function AnswerPost(props: Props) {
  const text = useCommunityText();
  if (!props.interactive) {
    let html: string | null = null;
    if (typeof document !== "undefined") html = slotHtmlOnPage(props.post.id);
    else if (toMarkup) {
      const key = JSON.stringify([text.i18n.language, props.commentAction, props.notice, props.post]);
      html = rendered.get(key) ?? null;
      if (html === null) {
        html = toMarkup(
          <TextValueProvider value={text}>
            <PostCard {...props} />
          </TextValueProvider>,
        );
        rendered.set(key, html);
        if (rendered.size > MAX_ENTRIES) rendered.delete(rendered.keys().next().value as string);
      }
    }
    if (html !== null)
      // biome-ignore lint/security/noDangerouslySetInnerHtml: PostCard's own markup (bodies sanitised on the server)
      return <div data-post-slot={props.post.id} dangerouslySetInnerHTML={{ __html: html }} />;
  }
  return <PostCard {...props} />;
}
