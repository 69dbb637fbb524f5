import { lazy, Suspense } from "react";

/**
 * The channels feature's pieces in other screens (issue #22), each a lazy chunk so only these
 * lines live where they are placed: a reply's delivery status beside the reply, and a call's
 * recording and transcript on the timeline. (The Settings entry has its own file, navSlot.tsx.)
 */
const Delivery = lazy(async () => ({ default: (await import("./DeliveryStatus.tsx")).DeliveryStatus }));
const Call = lazy(async () => ({ default: (await import("./CallDetails.tsx")).CallDetails }));

export function ChannelDeliverySlot(props: { caseId: string; messageId: string }) {
  return (
    <Suspense fallback={null}>
      <Delivery caseId={props.caseId} messageId={props.messageId} />
    </Suspense>
  );
}

export function CallDetailsSlot(props: { data: Record<string, unknown> }) {
  const { callId, recordingUrl, transcriptExcerpt } = props.data;
  if (typeof callId !== "string" || (!recordingUrl && !transcriptExcerpt)) return null;
  return (
    <Suspense fallback={null}>
      <Call
        callId={callId}
        recordingUrl={typeof recordingUrl === "string" ? recordingUrl : undefined}
        hasTranscript={typeof transcriptExcerpt === "string"}
      />
    </Suspense>
  );
}
