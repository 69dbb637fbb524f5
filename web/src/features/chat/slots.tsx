import { lazy, type RefObject, Suspense } from "react";

/**
 * The chat's places in other screens. Only these lines are in those screens' chunks; the
 * panel, the alerts and their text come with chunks of their own.
 */
const Panel = lazy(async () => ({ default: (await import("./CaseChatPanel.tsx")).CaseChatPanel }));

/** On a case of channel "chat": the chat panel beside the conversation. */
export function CaseChatSlot(props: {
  caseId: string;
  channel: string;
  canWork: boolean;
  composer: RefObject<HTMLTextAreaElement | null>;
}) {
  if (props.channel !== "chat") return null;
  return (
    <Suspense fallback={null}>
      <Panel caseId={props.caseId} canWork={props.canWork} composer={props.composer} />
    </Suspense>
  );
}
