import MarkdownIt from "markdown-it";
import { sanitizeEmailHtml } from "../email/sanitize.ts";

// Raw HTML in the markdown is shown as text (html: false), and the result goes through the
// same sanitiser as inbound mail: the workaround is shown to customers on the portal.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

export function renderWorkaround(markdown: string | null): string | null {
  if (!markdown) return null;
  return sanitizeEmailHtml(md.render(markdown));
}

/**
 * Where a public workaround is published beyond the case pages: the help center (a later
 * issue) registers itself here. Problems never import the help center; they announce.
 */
export type PublishedWorkaround = {
  workspaceId: string;
  problemId: string;
  number: number;
  publicTitle: string;
  workaround: string;
  status: string;
};
export interface WorkaroundPublisher {
  publish(w: PublishedWorkaround): Promise<void>;
  withdraw(workspaceId: string, problemId: string): Promise<void>;
}

const publishers: WorkaroundPublisher[] = [];

export function registerWorkaroundPublisher(p: WorkaroundPublisher): () => void {
  publishers.push(p);
  return () => {
    const i = publishers.indexOf(p);
    if (i >= 0) publishers.splice(i, 1);
  };
}

/** Called after the change committed; a failing publisher is logged, never undoes the change. */
export async function announceWorkaround(
  w: PublishedWorkaround | { withdraw: true; workspaceId: string; problemId: string },
  onError: (err: unknown) => void,
): Promise<void> {
  for (const p of publishers) {
    try {
      if ("withdraw" in w) await p.withdraw(w.workspaceId, w.problemId);
      else await p.publish(w);
    } catch (err) {
      onError(err);
    }
  }
}
