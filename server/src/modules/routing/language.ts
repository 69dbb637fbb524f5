/**
 * A deliberately small guess at a message's language, for routing rules only (the customer's
 * `language` fact wins when there is one). Counts common function words; no guess unless one
 * language clearly leads, so a short or mixed message routes as if no language were known.
 */
const WORDS: Record<string, string[]> = {
  en: ["the", "and", "is", "my", "not", "with", "have", "this", "it", "you", "please", "does"],
  de: ["der", "die", "das", "und", "ist", "nicht", "mein", "meine", "ich", "mit", "bitte", "funktioniert"],
  fr: ["le", "la", "les", "et", "est", "pas", "mon", "ma", "je", "avec", "merci", "ne"],
  es: ["el", "la", "los", "y", "es", "no", "mi", "con", "por", "favor", "funciona", "que"],
  nl: ["de", "het", "een", "en", "is", "niet", "mijn", "ik", "met", "werkt", "alsjeblieft", "dat"],
  it: ["il", "lo", "la", "e", "è", "non", "mio", "mia", "con", "grazie", "funziona", "che"],
  pt: ["o", "a", "os", "e", "é", "não", "meu", "minha", "com", "obrigado", "funciona", "que"],
};
const INDEX = new Map<string, string[]>();
for (const [lang, words] of Object.entries(WORDS)) {
  for (const w of words) INDEX.set(w, [...(INDEX.get(w) ?? []), lang]);
}

export function guessLanguage(text: string): string | null {
  const scores = new Map<string, number>();
  // The first 2,000 characters are plenty, and keep this cheap on long emails.
  for (const word of text
    .slice(0, 2000)
    .toLowerCase()
    .split(/[^\p{L}]+/u)) {
    for (const lang of INDEX.get(word) ?? []) scores.set(lang, (scores.get(lang) ?? 0) + 1);
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 2) return null;
  if (second && second[1] * 1.5 > best[1]) return null;
  return best[0];
}
