import { assessTone, TONE_MODEL } from "../../../platform/text/tone/assess.ts";
import type { ToneAssessment, ToneContext } from "../../../platform/text/tone/types.ts";

type Assessor = (text: string, ctx?: ToneContext) => ToneAssessment;

let assessor: Assessor = assessTone;

/**
 * Test seam: replace the classifier (a throwing one proves a failure leaves the text
 * unassessed rather than rejected); `null` restores the real one.
 */
export function setToneAssessor(fn: Assessor | null): void {
  assessor = fn ?? assessTone;
}

export function runTone(text: string, ctx: ToneContext): ToneAssessment {
  return assessor(text, ctx);
}

export { TONE_MODEL };
