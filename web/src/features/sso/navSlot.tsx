import { lazy, Suspense } from "react";

/**
 * The Settings → Single sign-on entry, in the app frame (first load, whose budget is full):
 * only these lines are there; who sees it and its text come with SsoNav's chunk.
 */
const Nav = lazy(async () => ({ default: (await import("./SsoNav.tsx")).SsoNav }));

export function SsoNavSlot(props: { onNavigate: () => void }) {
  return (
    <Suspense fallback={null}>
      <Nav onNavigate={props.onNavigate} />
    </Suspense>
  );
}
