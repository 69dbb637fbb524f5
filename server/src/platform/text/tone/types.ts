/**
 * Telling frustration from abuse (issue #20): the one interface every part uses, so the
 * classifier behind it can be replaced (a trained model later) without touching callers.
 * The difference is who the anger is aimed at, not how strong it is: swearing about a product
 * is frustration, an insult to a person is abuse.
 */
export type ToneOutcome = "neutral" | "frustrated" | "abusive";

/** One reason the classifier gave, readable by a person ("insult aimed at 'you'"). */
export type ToneSignal = {
  /** e.g. "profanity", "insult", "threat", "slur", "sexual", "addressed", "negative_sentiment". */
  kind: string;
  detail: string;
  /** The words that fired it, as written. */
  text?: string;
};

export type ToneAssessment = {
  outcome: ToneOutcome;
  signals: ToneSignal[];
  /** Character ranges [start, end) of the text to mask in an agent's view. */
  maskSpans: Array<[number, number]>;
};

export type ToneContext = {
  /** Names of the staff on the case: an insult aimed at one of them is abuse. */
  agentNames?: string[];
};
