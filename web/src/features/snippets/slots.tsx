import { lazy, type RefObject, Suspense } from "react";

/**
 * The composer's snippet picker, loaded on first render: only these lines are in the case
 * page's chunk; the picker and its text come with their own chunk.
 */
const Picker = lazy(async () => ({ default: (await import("./SnippetPicker.tsx")).SnippetPicker }));

export function SnippetSlot(props: {
  caseId: string;
  body: string;
  setBody: (text: string) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}) {
  return (
    <Suspense fallback={null}>
      <Picker {...props} />
    </Suspense>
  );
}

const Missing = lazy(async () => ({ default: (await import("./SnippetPicker.tsx")).MissingFacts }));

/** The facts a snippet left for the agent to complete, flagged below the composer. */
export function MissingFactsSlot(props: { body: string }) {
  if (!props.body.includes("{{")) return null; // most replies: nothing to load
  return (
    <Suspense fallback={null}>
      <Missing body={props.body} />
    </Suspense>
  );
}
