import { lazy, Suspense } from "react";

/**
 * The academy report's nav entries, in the app frame (first load, whose budget is full): only
 * these lines are there; who sees them and their text come with AcademyNav's chunk.
 */
const Nav = lazy(async () => ({ default: (await import("./AcademyNav.tsx")).AcademyReportNav }));

export function AcademyReportNavSlot(props: { onNavigate: () => void }) {
  return (
    <Suspense fallback={null}>
      <Nav onNavigate={props.onNavigate} />
    </Suspense>
  );
}
