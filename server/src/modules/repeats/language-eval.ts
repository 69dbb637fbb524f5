/**
 * A small labelled set for the apologetic/resigned-language signal (language.ts): sentences a
 * customer might write, with whether a support lead would call them apologetic or resigned.
 * Written by hand, not taken from the exemplars or the rules' own wording where avoidable.
 */
export const LANGUAGE_EVAL: Array<[string, boolean]> = [
  ["Sorry to bother you again, but the printer jams.", true],
  ["I feel like I'm bugging you with this.", true],
  ["It's still not working after the update.", true],
  ["Apologies for pestering you about the invoice.", true],
  ["I hate to keep writing to you about the same thing.", true],
  ["This is the fourth time I have reported this fault.", true],
  ["Honestly I'm about ready to give up on this device.", true],
  ["Me again, sorry. The sound cuts out again.", true],
  ["I know you must be tired of hearing from me.", true],
  ["Nothing has changed, the problem is exactly the same as last week.", true],
  ["I don't want to be a nuisance but it still fails.", true],
  ["Forgive me for asking once more about my refund.", true],
  ["The screen stays black when I press the power button.", false],
  ["Thanks, that fixed it!", false],
  ["Could you send me the manual for model X200?", false],
  ["I would like to change my billing address.", false],
  ["Sorry, I forgot to attach the photo.", false],
  ["The app crashes when I open settings.", false],
  ["Is the store open on Sunday?", false],
  ["Great service, thank you very much.", false],
  ["My order number is 4471, it has not arrived.", false],
  ["Please cancel my subscription at the end of the month.", false],
  ["The battery drains in two hours.", false],
  ["Can I bring the device to a shop near Berlin?", false],
];
