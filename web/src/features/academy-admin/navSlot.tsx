import { lazy, Suspense } from "react";

/**
 * The academy nav entry, in the app frame (first load, whose budget is full): only these
 * lines are there; who sees it and its text come with AcademyNav's chunk.
 */
const Nav = lazy(async () => ({ default: (await import("./AcademyNav.tsx")).AcademyNav }));

export function AcademyNavSlot(props: { onNavigate: () => void }) {
  return (
    <Suspense fallback={null}>
      <Nav onNavigate={props.onNavigate} />
    </Suspense>
  );
}
