import { lazy, Suspense } from "react";
import type { LinkTarget } from "./staffApi.ts";

/**
 * The community's pieces on other screens (case, problem, customer panel), each loaded on
 * first render: the customer panel is in the inbox's first load, whose budget is nearly full,
 * so only these few lines are, and the panels and their text come with their own chunk.
 */
const Links = lazy(async () => ({ default: (await import("./TopicLinksPanel.tsx")).TopicLinksPanel }));
const Record = lazy(async () => ({
  default: (await import("./CustomerCommunityRecord.tsx")).CustomerCommunityRecord,
}));

export function CommunityTopicLinks(props: { target: LinkTarget; canWork: boolean }) {
  return (
    <Suspense fallback={null}>
      <Links target={props.target} canWork={props.canWork} />
    </Suspense>
  );
}

export function CustomerCommunitySlot(props: { customerId: string }) {
  return (
    <Suspense fallback={null}>
      <Record customerId={props.customerId} />
    </Suspense>
  );
}
