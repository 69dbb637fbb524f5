import type { TenantScope } from "../../platform/db/tenant.ts";
import type { SurveySentiment } from "./schema-surveys.ts";

/** The top of each scale: five 1–5, three 1–3 (not good / okay / great), seven (CES) 1–7. */
export const SCALE_MAX = { five: 5, three: 3, seven: 7 } as const;
export type Scale = keyof typeof SCALE_MAX;

/** The shared meaning of a rating (docs/retention-api.md): every part of #19 reads this column. */
export function sentimentOf(scale: Scale, rating: number): SurveySentiment {
  if (scale === "three") return rating === 1 ? "negative" : rating === 2 ? "neutral" : "positive";
  if (scale === "seven") return rating <= 3 ? "negative" : rating === 4 ? "neutral" : "positive";
  return rating <= 2 ? "negative" : rating === 3 ? "neutral" : "positive";
}

/** Words for a rating on the page and in mail, lowest first. */
export function ratingLabels(scale: Scale): string[] {
  if (scale === "three") return ["Not good", "Okay", "Great"];
  if (scale === "seven")
    return ["Very hard", "Hard", "Somewhat hard", "Neither", "Somewhat easy", "Easy", "Very easy"];
  return ["Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy"];
}

export function questionOf(kind: "csat" | "ces"): string {
  return kind === "ces"
    ? "How easy was it to get your issue resolved?"
    : "How would you rate the support you received?";
}

/**
 * Who is suspended (issue #20, not landed yet): a source the suspension part registers. Until
 * then nobody is, and surveys go to everyone the other rules allow.
 */
export type SuspensionSource = (scope: TenantScope, customerId: string) => Promise<boolean>;
let suspensionSource: SuspensionSource = async () => false;

export function setSuspensionSource(fn: SuspensionSource | null): void {
  suspensionSource = fn ?? (async () => false);
}

export function isSuspended(scope: TenantScope, customerId: string): Promise<boolean> {
  return suspensionSource(scope, customerId);
}

/** The surveys' clock for the response window; tests pin it to step past the window. */
export const surveysClock = { now: (): Date => new Date() };
export function pinSurveysClock(at: Date | null): void {
  surveysClock.now = at ? () => at : () => new Date();
}
