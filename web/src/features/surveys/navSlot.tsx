import { lazy, Suspense } from "react";

/**
 * The Surveys nav entry in the app frame (first load, whose budget is full): only these lines
 * are there; the entry, its count and its text come with SurveysNav's chunk.
 */
const Nav = lazy(async () => ({ default: (await import("./SurveysNav.tsx")).SurveysNav }));

export function SurveysNavSlot(props: { onNavigate: () => void }) {
  return (
    <Suspense fallback={null}>
      <Nav onNavigate={props.onNavigate} />
    </Suspense>
  );
}
