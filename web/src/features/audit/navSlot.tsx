import { lazy, Suspense } from "react";

/** The audit log's nav entry in the app frame (first load, budget full): only these lines. */
const Nav = lazy(async () => ({ default: (await import("./AuditNav.tsx")).AuditNav }));

export function AuditNavSlot(props: { onNavigate: () => void }) {
  return (
    <Suspense fallback={null}>
      <Nav onNavigate={props.onNavigate} />
    </Suspense>
  );
}
