/**
 * Other parts of the case page (a playbook run that ends in "escalate") ask the case's
 * Engineering panel to open its escalate dialog, prefilled. A DOM event keeps the two features
 * independent: neither imports the other's components or state.
 */
const EVENT = "rapport:escalate-case";

type EscalateRequest = { caseId: string; summary: string; runId?: string };

export function requestEscalation(detail: EscalateRequest) {
  window.dispatchEvent(new CustomEvent<EscalateRequest>(EVENT, { detail }));
}

export function onEscalationRequest(handler: (detail: EscalateRequest) => void): () => void {
  const listener = (e: Event) => handler((e as CustomEvent<EscalateRequest>).detail);
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
