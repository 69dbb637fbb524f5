import { lazy, Suspense } from "react";

/**
 * Agent profiles' pieces on other screens (profile page, workspace settings, portal request
 * page), each loaded on first render with its text, so no first load grows.
 */
const Card = lazy(async () => ({ default: (await import("./AgentProfileCard.tsx")).AgentProfileCard }));
const Voice = lazy(async () => ({ default: (await import("./AgentVoiceSetting.tsx")).AgentVoiceSetting }));
const Agent = lazy(async () => ({ default: (await import("./PortalAgent.tsx")).PortalAgent }));

export function AgentProfileSlot() {
  return (
    <Suspense fallback={null}>
      <Card />
    </Suspense>
  );
}

export function AgentVoiceSlot() {
  return (
    <Suspense fallback={null}>
      <Voice />
    </Suspense>
  );
}

export function PortalAgentSlot(props: { caseId: string }) {
  return (
    <Suspense fallback={null}>
      <Agent caseId={props.caseId} />
    </Suspense>
  );
}
