import { lazy, Suspense } from "react";

/**
 * "Channels" under Settings, in the app frame (first load, whose budget is full): only these
 * lines are there; who sees it and its text come with ChannelsNav's chunk.
 */
const Nav = lazy(async () => ({ default: (await import("./ChannelsNav.tsx")).ChannelsNav }));

export function ChannelsNavSlot(props: { onNavigate: () => void }) {
  return (
    <Suspense fallback={null}>
      <Nav onNavigate={props.onNavigate} />
    </Suspense>
  );
}
