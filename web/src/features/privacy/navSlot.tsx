import { lazy, Suspense } from "react";

/** The "Data retention" entry the workspace settings page hosts: its text and rule come with its chunk. */
const Nav = lazy(async () => ({ default: (await import("./DataRetentionNav.tsx")).DataRetentionNav }));

export function DataRetentionNavSlot(props: { onNavigate: () => void }) {
  return (
    <Suspense fallback={null}>
      <Nav onNavigate={props.onNavigate} />
    </Suspense>
  );
}
