import { lazy, Suspense } from "react";

/** The conduct nav entry in the app frame: only these lines are in the first load. */
const Nav = lazy(async () => ({ default: (await import("./ConductNav.tsx")).ConductNav }));

export function ConductNavSlot(props: { onNavigate: () => void }) {
  return (
    <Suspense fallback={null}>
      <Nav onNavigate={props.onNavigate} />
    </Suspense>
  );
}
