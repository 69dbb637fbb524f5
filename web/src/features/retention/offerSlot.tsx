import { lazy, Suspense } from "react";
import type { OfferInput } from "../../../../contracts/offers.ts";

/** What the offer control adds to a reply: "reply and solve", and the offer itself. */
export type OfferExtra = { status?: "solved"; offer?: OfferInput };

/**
 * The composer's "Attach offer" control (issue #19), in the case page's chunk: only these lines
 * are there; the control and its text load on first use of a reply composer.
 */
const Control = lazy(async () => ({ default: (await import("./OfferControl.tsx")).OfferControl }));

export function OfferSlot(props: { caseId: string; onChange: (extra: OfferExtra) => void }) {
  return (
    <Suspense fallback={null}>
      <Control caseId={props.caseId} onChange={props.onChange} />
    </Suspense>
  );
}
