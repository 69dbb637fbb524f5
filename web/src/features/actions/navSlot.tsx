import { lazy, Suspense } from "react";

/**
 * The actions' nav entries, in the app frame (first load, whose budget is full): only these
 * lines are there; who sees which entry, the count and the text come with ActionsNav's chunk.
 */
const Nav = lazy(async () => ({ default: (await import("./ActionsNav.tsx")).ActionsNav }));

export function ActionsNavSlot(props: { where: "approvals" | "settings"; onNavigate: () => void }) {
  return (
    <Suspense fallback={null}>
      <Nav where={props.where} onNavigate={props.onNavigate} />
    </Suspense>
  );
}
