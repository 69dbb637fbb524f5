import { lazy, Suspense } from "react";

/**
 * The chat's two places in the app frame (first load, whose budget is full): the Settings →
 * Chat entry and the new-chat alerts. Only these lines are there; the rest is ChatFrame's chunk.
 */
const Frame = lazy(() => import("./entry.tsx"));

export function ChatSlot(props: { where: "settings" | "alerts"; onNavigate?: () => void }) {
  return (
    <Suspense fallback={null}>
      <Frame {...props} />
    </Suspense>
  );
}
