import { lazy, type ReactNode, Suspense } from "react";

/**
 * The conduct-shield pieces other screens host (message tone and masking, "Hand to a lead",
 * the masking switch on the profile), loaded on first render with their text: only these
 * lines are in the host screens' chunks (the inbox's first load has no room).
 */
const Shield = lazy(async () => ({ default: (await import("./MessageShield.tsx")).MessageShield }));
const HandToLead = lazy(async () => ({ default: (await import("./HandToLeadButton.tsx")).HandToLeadButton }));
const Mask = lazy(async () => ({ default: (await import("./MaskPreference.tsx")).MaskPreference }));

export function MessageShieldSlot(props: {
  caseId: string;
  message: { id: string; body: string; createdAt: string };
  canWork: boolean;
  children: ReactNode;
}) {
  // The body waits for the chunk too: an abusive message must not flash unmasked.
  return (
    <Suspense fallback={null}>
      <Shield {...props} />
    </Suspense>
  );
}

export function HandToLeadSlot(props: { caseId: string }) {
  return (
    <Suspense fallback={null}>
      <HandToLead caseId={props.caseId} />
    </Suspense>
  );
}

export function MaskPreferenceSlot() {
  return (
    <Suspense fallback={null}>
      <Mask />
    </Suspense>
  );
}
