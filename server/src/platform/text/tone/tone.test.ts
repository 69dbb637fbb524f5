import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assessTone } from "./assess.ts";
import { TONE_FRESH } from "./eval-fresh.ts";
import { TONE_INDEPENDENT } from "./eval-independent.ts";
import { isHeldOut, TONE_EVAL, type ToneExample } from "./eval-set.ts";
import type { ToneOutcome } from "./types.ts";

const outcome = (text: string, agentNames?: string[]) => assessTone(text, { agentNames }).outcome;
const masked = (text: string, agentNames?: string[]) =>
  assessTone(text, { agentNames }).maskSpans.map(([s, e]) => text.slice(s, e));

type Scores = { precision: number; recall: number };
function score(part: "all" | "dev" | "held" | "fresh" | "independent") {
  const confusion = new Map<string, number>();
  const examples: ToneExample[] =
    part === "fresh" ? TONE_FRESH : part === "independent" ? TONE_INDEPENDENT : TONE_EVAL;
  examples.forEach((example, i) => {
    if (part === "dev" && isHeldOut(i)) return;
    if (part === "held" && !isHeldOut(i)) return;
    const got = outcome(example.text, example.agentNames);
    const key = `${example.label}>${got}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  });
  const count = (label: ToneOutcome | "*", got: ToneOutcome | "*") =>
    [...confusion].reduce((sum, [key, n]) => {
      const [l, g] = key.split(">");
      return sum + ((label === "*" || l === label) && (got === "*" || g === got) ? n : 0);
    }, 0);
  const per = (label: ToneOutcome): Scores => ({
    precision: count(label, label) / Math.max(1, count("*", label)),
    recall: count(label, label) / Math.max(1, count(label, "*")),
  });
  return {
    abusive: per("abusive"),
    frustrated: per("frustrated"),
    neutral: per("neutral"),
    frustratedAsAbusive: count("frustrated", "abusive") / Math.max(1, count("frustrated", "*")),
    neutralAsAbusive: count("neutral", "abusive"),
  };
}

describe("tone evaluation set (issue #20 targets)", () => {
  test("the set is large and varied enough to mean something", () => {
    const by = (label: ToneOutcome) => TONE_EVAL.filter((e) => e.label === label).length;
    assert.ok(TONE_EVAL.length >= 450, `only ${TONE_EVAL.length} messages`);
    assert.ok(by("neutral") >= 170 && by("frustrated") >= 160 && by("abusive") >= 100);
    assert.equal(new Set(TONE_EVAL.map((e) => e.text)).size, TONE_EVAL.length, "duplicates");
  });

  for (const part of ["all", "held"] as const) {
    test(`${part}: abusive precision >= 0.9, recall >= 0.75, frustrated flagged abusive < 3%`, () => {
      const s = score(part);
      assert.ok(s.abusive.precision >= 0.9, `abusive precision ${s.abusive.precision.toFixed(3)}`);
      assert.ok(s.abusive.recall >= 0.75, `abusive recall ${s.abusive.recall.toFixed(3)}`);
      assert.ok(s.frustratedAsAbusive < 0.03, `frustrated→abusive ${s.frustratedAsAbusive.toFixed(3)}`);
      // Not a target of the issue, but a frustrated customer must not read as calm either.
      assert.ok(s.frustrated.recall >= 0.8, `frustrated recall ${s.frustrated.recall.toFixed(3)}`);
    });
  }
});

describe("tone fresh rounds (written after the rules; issue #20 precision targets)", () => {
  // Recall on these is reported in bench/TONE.md, not asserted: they exist to show how the
  // rules generalise. What must hold everywhere is that nobody frustrated is called abusive.
  test("abusive precision >= 0.9, frustrated flagged abusive < 3%, no neutral flagged abusive", () => {
    const s = score("fresh");
    assert.ok(TONE_FRESH.length >= 230);
    assert.ok(s.abusive.precision >= 0.9, `abusive precision ${s.abusive.precision.toFixed(3)}`);
    assert.ok(s.frustratedAsAbusive < 0.03, `frustrated→abusive ${s.frustratedAsAbusive.toFixed(3)}`);
    assert.equal(s.neutralAsAbusive, 0);
  });
});

describe("tone on a set written by someone else (issue #20 targets)", () => {
  test("abusive precision >= 0.9, recall >= 0.75, frustrated flagged abusive < 3%, no neutral flagged abusive", () => {
    const s = score("independent");
    assert.ok(TONE_INDEPENDENT.length >= 140);
    assert.ok(s.abusive.precision >= 0.9, `abusive precision ${s.abusive.precision.toFixed(3)}`);
    assert.ok(s.abusive.recall >= 0.75, `abusive recall ${s.abusive.recall.toFixed(3)}`);
    assert.ok(s.frustratedAsAbusive < 0.03, `frustrated→abusive ${s.frustratedAsAbusive.toFixed(3)}`);
    assert.equal(s.neutralAsAbusive, 0);
  });
});

describe("who the anger is aimed at", () => {
  test("swearing at the product or the situation is frustration, not abuse", () => {
    assert.equal(outcome("This fucking update broke my speakers."), "frustrated");
    assert.equal(outcome("Your product is shit."), "frustrated");
    assert.equal(outcome("This is the third time your update broke my speakers, I'm furious."), "frustrated");
    assert.equal(outcome("Are you fucking kidding me? The replacement is broken too."), "frustrated");
    assert.equal(outcome("I'll sue you and leave a one star review on Trustpilot."), "frustrated");
  });

  test("the same words aimed at the person are abuse", () => {
    assert.equal(outcome("You are shit at your job."), "abusive");
    assert.equal(outcome("You are a useless idiot."), "abusive");
    assert.equal(outcome("Fuck you and your refund policy."), "abusive");
    assert.equal(outcome("you people are a bunch of morons"), "abusive");
  });

  test("positive swearing is neutral", () => {
    assert.equal(outcome("Damn, you guys are quick!"), "neutral");
    assert.equal(outcome("That's fucking awesome, thank you!"), "neutral");
  });

  test("an insult to the agent by name is abuse; a polite word to them is not", () => {
    assert.equal(outcome("Kevin is a moron.", ["Kevin Smith"]), "abusive");
    assert.equal(outcome("Tell Aisha she is useless.", ["Aisha Khan"]), "abusive");
    assert.equal(outcome("Kevin was brilliant, thank you.", ["Kevin Smith"]), "neutral");
    // Without the name known, "Kevin is a moron" still names a person with an insult noun.
    assert.equal(outcome("Priya is a waste of space.", ["Priya Patel"]), "abusive");
  });

  test("'liar' or 'thief' said to one person is abuse; said to the company it is a complaint", () => {
    assert.equal(outcome("You're a liar and a thief."), "abusive");
    assert.deepEqual(masked("You're a liar and a thief."), ["liar", "thief"]);
    assert.equal(outcome("You crooks charged me twice for the same month."), "frustrated");
    assert.equal(outcome("You guys are liars, the contract says 12 months."), "frustrated");
  });

  test("threats of violence are abuse; threats to leave or sue are not", () => {
    assert.equal(outcome("I know where you live."), "abusive");
    assert.equal(outcome("I'm going to come down there and beat the shit out of you."), "abusive");
    assert.equal(outcome("Watch your back."), "abusive");
    assert.equal(outcome("Fix this or I'm cancelling and taking you to court."), "frustrated");
    assert.equal(outcome("The update killed my battery."), "neutral");
  });

  test("slurs are abusive whatever they are aimed at; idioms are not slurs", () => {
    assert.equal(outcome("typical f4ggot support"), "abusive");
    assert.equal(outcome("That's the one chink in the armour of an otherwise good router."), "neutral");
  });

  test("sexual remarks to a person are harassment", () => {
    assert.equal(outcome("You sound sexy, what are you wearing?"), "abusive");
    assert.equal(outcome("send me nudes"), "abusive");
    assert.equal(outcome("Bit of a cock-up with my order, the wrong size came."), "neutral");
  });

  test("words that are insults only when said to someone do not flag things", () => {
    for (const text of [
      "I cloned the git repo but the build fails.",
      "The robot vacuum stopped working.",
      "Got out of the rat race, thanks for the quick setup.",
      "The tool keeps crashing when I export.",
      "Is this a scam email?",
    ]) {
      assert.notEqual(outcome(text), "abusive", text);
    }
    assert.equal(outcome("Shut it, you silly cow."), "abusive");
    assert.equal(outcome("you absolute tool"), "abusive");
  });

  test("saying it of oneself is not abuse", () => {
    assert.equal(outcome("I'm an idiot, the cable wasn't plugged in. Sorry!"), "neutral");
    assert.notEqual(outcome("Do you think I'm an idiot?"), "abusive");
  });
});

describe("disguised spellings", () => {
  for (const text of [
    "You 1d10t",
    "f.u.c.k y0u",
    "u r a moron",
    "you're so stup1d",
    "F U C K Y O U",
    "fuk u",
    "ＹＯＵ ＩＤＩＯＴ",
    "you ïdiöt",
    "you іdіot (Cyrillic і)",
    "you id\u200biot",
  ]) {
    test(`"${text}" is abusive`, () => assert.equal(outcome(text), "abusive"));
  }
  test("version numbers and order numbers are not read as leetspeak", () => {
    assert.equal(outcome("Firmware 1.0.1 on order 5h1p-4411 keeps rebooting, any idea?"), "neutral");
  });
});

describe("quoted mail and long texts", () => {
  test("insults in the quoted previous message are ignored", () => {
    const reply =
      "Thanks, it works now.\n\nOn Tue, 3 Mar 2026 at 09:12, Dana <d@example.com> wrote:\n> you are an idiot";
    assert.equal(outcome(reply), "neutral");
    assert.equal(outcome("All sorted, thank you!\n> You useless moron, where is my order?"), "neutral");
  });

  test("the customer's own words above the quote still count", () => {
    const reply = "You absolute moron.\n\n> Have you tried restarting it?";
    const result = assessTone(reply);
    assert.equal(result.outcome, "abusive");
    assert.deepEqual(result.maskSpans, [[13, 18]]);
  });

  test("a 2 MB paste is assessed quickly, on its first 20 KB", () => {
    const long = `${"Here is the log line from the router. ".repeat(55_000)} you idiot`;
    const started = performance.now();
    assert.equal(outcome(long), "neutral");
    assert.ok(performance.now() - started < 1000);
  });
});

describe("mask spans", () => {
  test("cover exactly the insulting words as written, one span a word, not the rest", () => {
    assert.deepEqual(masked("Listen you f*cking 1d10t, I want my money back."), ["f*cking", "1d10t"]);
    // The noun carries the insult: "You are a useless •••••" (what the agent's view shows).
    assert.deepEqual(masked("Kevin is a lazy moron.", ["Kevin Smith"]), ["moron"]);
    assert.deepEqual(masked("You are a useless idiot and I want my refund today."), ["idiot"]);
    // With no noun, the adjective is the insult.
    assert.deepEqual(masked("Honestly, you are completely useless."), ["useless"]);
  });

  test("cover slurs and disguised profanity aimed at a person", () => {
    const text = "go f.u.c.k yourself, you n1gger";
    assert.deepEqual(masked(text), ["f.u.c.k", "n1gger"]);
  });

  test("frustrated and neutral messages have nothing to mask", () => {
    assert.deepEqual(masked("This fucking update is shit."), []);
    assert.deepEqual(masked("Thanks for the help!"), []);
  });

  test("signals say what fired and quote the words", () => {
    const { signals } = assessTone("I know where you live, you moron.");
    const kinds = signals.map((s) => s.kind);
    assert.ok(kinds.includes("threat") && kinds.includes("insult"), kinds.join());
    assert.ok(signals.some((s) => s.text === "you moron"));
  });
});
