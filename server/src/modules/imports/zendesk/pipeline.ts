import type { ResourceName, ZendeskSource } from "./resources.ts";
import type { RunDeps } from "./run-import.ts";
import type { ResourceWriter } from "./writer.ts";

export interface RunOverrides {
  /** Replaces the HTTP client (tests that feed pages directly). */
  source?: ZendeskSource;
  /** Replaces the registry of writers. */
  writers?: Partial<{ [R in ResourceName]: ResourceWriter<R> }>;
  signal?: AbortSignal;
}

// The lead is writing this now (see the brief); the signature is the contract.
export async function executeRun(
  _deps: RunDeps,
  _workspaceId: string,
  _runId: string,
  _overrides: RunOverrides = {},
): Promise<void> {
  throw new Error("pipeline not written yet");
}
