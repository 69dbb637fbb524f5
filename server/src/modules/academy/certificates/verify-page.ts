import { DateTime } from "luxon";
import type { Verification } from "../../../../../contracts/academy-learning.ts";
import { escapeHtml } from "../../help/pages/head.ts";

/**
 * `/academy/verify/<code>`: a small server-rendered page that answers "is this certificate
 * real?" without JavaScript. It is a page of its own (not a web SSR area) so it sits beside
 * the public academy pages that own `/academy`, whoever registers them.
 */
const day = (isoTime: string) => DateTime.fromISO(isoTime, { zone: "utc" }).toFormat("d LLLL yyyy");

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f8f9fa;color:#1f2933}
main{max-width:40rem;margin:3rem auto;padding:2rem;background:#fff;border:1px solid #dee2e6;border-radius:8px}
h1{font-size:1.6rem;margin:0 0 1rem}.status{font-weight:700;padding:.5rem .75rem;border-radius:6px;display:inline-block}
.valid{background:#d3f9d8;color:#1b4d24}.revoked{background:#ffe3e3;color:#8a1c1c}.unknown{background:#fff3bf;color:#5c4400}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem}dt{font-weight:600}dd{margin:0}
form{margin-top:1.5rem}label{display:block;font-weight:600;margin-bottom:.25rem}input{font-size:1rem;padding:.4rem;border:1px solid #868e96;border-radius:4px}
button{font-size:1rem;padding:.4rem .8rem;margin-left:.5rem}p.note{color:#495057;font-size:.9rem}`;

function layout(title: string, workspace: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(workspace)} academy</title><meta name="robots" content="noindex">
<style>${STYLE}</style></head><body><main>${body}
<form method="get" action="/academy/verify"><label for="code">Check another code</label><input id="code" name="code" autocomplete="off" placeholder="ABCD-EFGH-JKLM-NPQR"><button type="submit">Check</button></form>
<p class="note">The code is looked up in ${escapeHtml(workspace)}'s records; a printed certificate carries no authority of its own.</p>
</main></body></html>`;
}

export function verifyPageHtml(v: Verification): string {
  const status =
    v.status === "valid"
      ? `<p class="status valid" role="status">Valid certificate</p>`
      : `<p class="status revoked" role="status">Revoked on ${escapeHtml(day(v.revokedAt as string))}</p>
<p>Reason: ${escapeHtml(v.revokedReason ?? "")}</p>`;
  return layout(
    `Certificate ${v.code}`,
    v.workspaceName,
    `<h1>Certificate ${escapeHtml(v.code)}</h1>${status}
<dl><dt>Awarded to</dt><dd>${escapeHtml(v.learnerName)}</dd><dt>For completing</dt><dd>${escapeHtml(v.title)}</dd>
<dt>Issued</dt><dd>${escapeHtml(day(v.issuedAt))}</dd><dt>Issued by</dt><dd>${escapeHtml(v.workspaceName)}</dd></dl>`,
  );
}

export function unknownCodePageHtml(code: string, workspace: string): string {
  return layout(
    "Unknown certificate",
    workspace,
    `<h1>Unknown certificate</h1><p class="status unknown" role="status">No certificate has the code ${escapeHtml(code)}.</p>
<p>Check the code for typing mistakes: it is four groups of four letters and digits.</p>`,
  );
}
