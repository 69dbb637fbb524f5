import { lazy, Suspense } from "react";

/**
 * The notification bell, in the app frame's header (first load, whose budget is full): only
 * these lines are there; the icon, count, panel and their text come with the Bell chunk.
 */
const Bell = lazy(async () => ({ default: (await import("./Bell.tsx")).Bell }));

export function BellSlot() {
  return (
    <Suspense fallback={null}>
      <Bell />
    </Suspense>
  );
}
