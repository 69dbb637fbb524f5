import { SURVEY_REASONS } from "../../../../contracts/surveys.ts";
import { escapeHtml as e } from "../help/pages/head.ts";
import { questionOf, ratingLabels, SCALE_MAX, type Scale } from "./rules.ts";

/**
 * The rating page at /s/{token}: a small page of its own, no app bundle and no script, so it
 * works in any mail client's browser. Everything shown is escaped; nothing the customer typed
 * is ever rendered as markup.
 */
function shell(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${e(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1b1e}
fieldset{border:0;padding:0;margin:0 0 1rem}legend{font-weight:600;margin-bottom:.5rem}
label{display:block;margin:.25rem 0}textarea,select{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #868e96;border-radius:6px}
button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:0;background:#1864ab;color:#fff;cursor:pointer;margin-top:1rem}
.note{background:#e7f5ff;border-radius:6px;padding:.5rem 1rem}</style>
</head><body><main><h1>${e(title)}</h1>${body}</main></body></html>`;
}

export type PageSurvey = {
  token: string;
  workspace: string;
  caseNumber: number;
  caseSubject: string;
  kind: "csat" | "ces";
  scale: Scale;
  rating: number | null;
  comment: string | null;
  reason: string | null;
};

const REASON_LABELS: Record<string, string> = {
  agent: "The person who helped me",
  product: "The product itself",
  policy: "A policy or rule",
  speed: "It took too long",
  other: "Something else",
};

export function surveyPage(s: PageSurvey, notice: { saved?: boolean; error?: string } = {}): string {
  const labels = ratingLabels(s.scale);
  const options = [];
  for (let r = SCALE_MAX[s.scale]; r >= 1; r--)
    options.push(
      `<label><input type="radio" name="rating" value="${r}"${s.rating === r ? " checked" : ""} required> ${e(labels[r - 1] ?? String(r))} (${r})</label>`,
    );
  const reasons = SURVEY_REASONS.map(
    (r) => `<option value="${r}"${s.reason === r ? " selected" : ""}>${e(REASON_LABELS[r] ?? r)}</option>`,
  ).join("");
  const status = notice.error
    ? `<p class="note" role="alert">${e(notice.error)}</p>`
    : notice.saved
      ? `<p class="note" role="status">Thank you — your answer is saved. You can change it or add a comment below.</p>`
      : "";
  return shell(
    questionOf(s.kind),
    `<p>About your request #${s.caseNumber} “${e(s.caseSubject)}” with ${e(s.workspace)}.</p>${status}
<form method="post" action="/s/${encodeURIComponent(s.token)}">
<fieldset><legend>Your rating</legend>${options.join("")}</fieldset>
<label for="reason">If it was not good, what was the main reason?</label>
<select id="reason" name="reason"><option value="">Choose a reason (optional)</option>${reasons}</select>
<label for="comment">Anything you would like to add? (optional)</label>
<textarea id="comment" name="comment" rows="4" maxlength="4000">${e(s.comment ?? "")}</textarea>
<button type="submit">Send</button></form>`,
  );
}

export const thanksPage = (workspace: string) =>
  shell(
    "Thank you for your answer",
    `<p>${e(workspace)} reads every answer. You can still change it from the link in the email.</p>`,
  );

export const expiredPage = () =>
  shell(
    "This survey has closed",
    "<p>Thank you for wanting to answer. Answers are only taken for a few weeks after a request is solved, and this one's time has passed. If something is still wrong, just reply to our last email or open a new request.</p>",
  );

export const notFoundPage = () =>
  shell("Survey not found", "<p>This link is not valid. Please check that it was copied in full.</p>");

export const refusedPage = () =>
  shell(
    "Please use the form on the survey page",
    "<p>This answer did not come from the survey page, so it was not saved.</p>",
  );
