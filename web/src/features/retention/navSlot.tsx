import { lazy, Suspense } from "react";

/**
 * The retention nav entry, in the app frame (first load, whose budget is full): only these
 * lines are there; who sees it and its text come with RetentionNav's chunk.
 */
const Nav = lazy(async () => ({ default: (await import("./RetentionNav.tsx")).RetentionNav }));

export function RetentionNavSlot(props: { onNavigate: () => void }) {
  return (
    <Suspense fallback={null}>
      <Nav onNavigate={props.onNavigate} />
    </Suspense>
  );
}
