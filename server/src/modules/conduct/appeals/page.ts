import { escapeHtml as e } from "../../help/pages/head.ts";

/**
 * The appeal page at /conduct/appeal/{token}: a small page of its own, no script and no app
 * bundle, like the survey pages. Everything shown is escaped.
 */
function shell(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${e(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1b1e}
label{display:block;font-weight:600;margin:.5rem 0}textarea{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #868e96;border-radius:6px}
button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:0;background:#1864ab;color:#fff;cursor:pointer;margin-top:1rem}
.note{background:#e7f5ff;border-radius:6px;padding:.5rem 1rem}blockquote{border-left:3px solid #ced4da;margin:1rem 0;padding:0 1rem;white-space:pre-wrap}</style>
</head><body><main><h1>${e(title)}</h1>${body}</main></body></html>`;
}

const KIND_WORDS: Record<string, string> = {
  warning: "the written warning",
  restricted: "the restriction on how you contact us",
  suspended: "the suspension of support for your account",
  ended: "the end of our support relationship",
};

export type AppealPageData = {
  token: string;
  workspace: string;
  kind: string;
  notice: string;
  appealed: { receivedAt: Date; outcome: string | null } | null;
};

export const MAX_APPEAL = 4000;

export function appealPage(d: AppealPageData, notice: { error?: string; saved?: boolean } = {}): string {
  const what = KIND_WORDS[d.kind] ?? "this decision";
  const head = `<p>You can ask ${e(d.workspace)} to review ${e(what)}. A manager who was not part of the decision will read your words and answer you.</p>
<details><summary>The notice we sent you</summary><blockquote>${e(d.notice)}</blockquote></details>`;
  if (notice.saved || d.appealed) {
    const status = d.appealed?.outcome
      ? `<p class="note" role="status">Your appeal was reviewed; the answer was sent to you.</p>`
      : `<p class="note" role="status">Thank you. Your appeal has been received and a manager will answer you.</p>`;
    return shell("Your appeal", `${head}${status}`);
  }
  const error = notice.error ? `<p class="note" role="alert">${e(notice.error)}</p>` : "";
  return shell(
    "Appeal a decision",
    `${head}${error}
<form method="post" action="/conduct/appeal/${encodeURIComponent(d.token)}">
<label for="body">Why should the decision be reviewed?</label>
<textarea id="body" name="body" rows="8" maxlength="${MAX_APPEAL}" required></textarea>
<button type="submit">Send my appeal</button>
</form>`,
  );
}

export const appealNotFoundPage = () =>
  shell(
    "Link not found",
    "<p>This appeal link is not valid. Please use the link from the message we sent you.</p>",
  );
export const appealRefusedPage = () =>
  shell(
    "Not sent",
    "<p>Your appeal could not be sent from this page. Please open the link from our message again.</p>",
  );
