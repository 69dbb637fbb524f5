import { lazy, Suspense } from "react";

/**
 * The conduct pieces other screens host (the case page's banner for agents, the customer
 * page's link for managers): only these lines are in the host screens' chunks.
 */
const Banner = lazy(async () => ({ default: (await import("./ConductBanner.tsx")).ConductBanner }));
const HistoryLink = lazy(async () => ({ default: (await import("./ConductBanner.tsx")).ConductHistoryLink }));

export function ConductBannerSlot(props: { customerId: string }) {
  return (
    <Suspense fallback={null}>
      <Banner customerId={props.customerId} />
    </Suspense>
  );
}

export function ConductLinkSlot(props: { customerId: string }) {
  return (
    <Suspense fallback={null}>
      <HistoryLink customerId={props.customerId} />
    </Suspense>
  );
}
