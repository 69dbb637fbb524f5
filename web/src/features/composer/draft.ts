/**
 * The composer's unsent text (and CC/BCC) per case and person, kept in localStorage so a
 * reload or a crash loses nothing; cleared when the message is sent. Per user, so a shared
 * computer never offers one agent another's draft.
 */
export type Draft = { body: string; cc?: string[] | undefined; bcc?: string[] | undefined };

const keyOf = (userId: string, caseId: string) => `rapport.draft.${userId}.${caseId}`;

export function loadDraft(userId: string, caseId: string): Draft | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(keyOf(userId, caseId));
    const parsed = raw ? (JSON.parse(raw) as Draft) : undefined;
    return typeof parsed?.body === "string" ? parsed : undefined;
  } catch {
    return undefined; // storage disabled or a damaged entry: start empty
  }
}

export function saveDraft(userId: string, caseId: string, draft: Draft) {
  try {
    const empty = !draft.body.trim() && !draft.cc?.length && !draft.bcc?.length;
    if (empty) globalThis.localStorage?.removeItem(keyOf(userId, caseId));
    else globalThis.localStorage?.setItem(keyOf(userId, caseId), JSON.stringify(draft));
  } catch {
    // A full or disabled storage only costs the draft.
  }
}

export const clearDraft = (userId: string, caseId: string) => saveDraft(userId, caseId, { body: "" });
