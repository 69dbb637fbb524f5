/**
 * The stemmed half of a text search (migration 0019): a to_tsquery text for the
 * 'rapport_stems' configuration, which stems each quoted word ("refunded" and "refunds" both
 * become "refund") on both sides.
 *
 * Stemming does not join or split compounds, and agents type them both ways: "dropout" for a
 * customer's "drops out", "sign in" for "signin". So a word may also be any split of it into two
 * adjacent words ("drop <-> out", each half stemmed, so "drops out" matches), and the whole
 * input, when it is a few words, may also be those words joined. A split must match as a phrase
 * (adjacent words in that order), so the splits that are not real words ("dr <-> opout") cost an
 * index lookup and match nothing. The price is a rare false match where both halves are real
 * adjacent words ("nowhere" finds "now here").
 */
const SPLIT_MIN = 5; // shorter words have no useful splits ("into": "in to")
const SPLIT_MAX = 16; // longer ones are seldom compounds and would add many alternatives
const PART_MIN = 2; // "signin": "sign" + "in"
const MAX_WORDS = 8; // the search box's text is short; this bounds the query's size

export function stemsQuery(text: string): string {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
  if (words.length === 0) return "";
  // Each word is letters and digits only, so quoting it is all to_tsquery needs.
  const q = (w: string) => `'${w}'`;
  const alternatives = words.map((w) => {
    const options = [q(w)];
    if (w.length >= SPLIT_MIN && w.length <= SPLIT_MAX && !/\d/.test(w)) {
      for (let i = PART_MIN; i <= w.length - PART_MIN; i++)
        options.push(`${q(w.slice(0, i))} <-> ${q(w.slice(i))}`);
    }
    return options.length === 1 ? options[0] : `( ${options.join(" | ")} )`;
  });
  const all = alternatives.join(" & ");
  return words.length > 1 && words.length <= 3 ? `( ${all} ) | ${q(words.join(""))}` : all;
}
