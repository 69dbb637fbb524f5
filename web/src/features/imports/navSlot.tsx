import { lazy, Suspense } from "react";

/** The import screen's nav entry in the app frame (first load, budget full): only these lines. */
const Nav = lazy(async () => ({ default: (await import("./ImportNav.tsx")).ImportNav }));

export function ImportNavSlot(props: { onNavigate: () => void }) {
  return (
    <Suspense fallback={null}>
      <Nav onNavigate={props.onNavigate} />
    </Suspense>
  );
}
