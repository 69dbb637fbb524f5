import { createRequire } from "node:module";
import type { ToneSignal } from "./types.ts";

/**
 * Frustration: anger at the product, the company or the situation. It is scored from cues
 * (angry words, swearing not aimed at a person, shouting, "third time", threats to leave or
 * complain, strongly negative sentiment); a positive message ("damn, that was fast!") is not
 * frustrated however it swears. Frustration is never a penalty: it may raise priority.
 */

// wink-nlp and its model are CommonJS; the model loads once per process (~80 ms).
const require = createRequire(import.meta.url);
type WinkDoc = { out(f?: unknown): unknown; sentences(): { each(f: (s: WinkDoc) => void): void } };
type Wink = { readDoc(text: string): WinkDoc; its: { sentiment: unknown } };
let nlp: Wink | undefined;
function wink(): Wink {
  if (!nlp) {
    const winkNLP = require("wink-nlp") as (model: unknown, pipe: string[]) => Wink;
    nlp = winkNLP(require("wink-eng-lite-web-model"), ["sbd", "negation", "sentiment"]);
  }
  return nlp;
}

type Cue = { kind: string; detail: string; weight: number; re: RegExp };

const CUES: Cue[] = [
  {
    kind: "anger",
    detail: "angry words",
    weight: 2,
    re: /\b(?:furious|livid|outraged|outrageous|infuriat\w*|enraged|fuming|seething|pissed(?: off)?|disgusted|disgusting|disgrace(?:ful)?|appall\w*|unacceptable|ridiculous|absurd|insane|pathetic|useless|garbage|trash|rubbish|junk|scam(?:mers?|med)?(?! (?:email|e-mail|text|call|message|link|site|alert|warning))|rip ?off|ripped off|ripoff|fraud\w*|daylight robbery|theft|stealing|worst|horrible|horrendous|terrible|awful|atrocious|abysmal|shambles|shameful|shocking|joke|nightmare|incompeten\w*|sick (?:and tired|of)|fed up|had enough|last straw|enough is enough|frustrat\w*|angry|angrier|annoy\w*|irritat\w*|mad|hate|hated|hating|wtf|ffs|omfg|unbelievable|clowns?|circus|laughable|insulting|insult|lies|lying|liars?|thie(?:f|ves)|crooks?|frauds?|fraudsters?|scammers?|criminals?|cowboys?|sharks?|vultures?|con|cheated|robbed|useless|worthless|hopeless|disasters?|disastrous|fiasco|farce|paperweight|car crash|train ?wreck|exhausted|what is the point|for the love of god|wasted|wasting|round in circles|gets? worse|(?:absolutely |for )?nothing [,.] again|dumbest|stupidest|worst|christ(?: almighty)?|for christ'?s sake|god almighty|good grief|(?:i )?(?:did not|do not) pay (?:\S+ ){1,3}for|(?:extremely|very|really|so|deeply|seriously|bitterly|massively|hugely|incredibly|totally|utterly|absolutely|thoroughly|beyond|most) (?:disappointed|unhappy|upset|dissatisfied|annoyed|let down)|let down|fobbed off|runaround|run around|at every turn|can not be bothered|wits'? end|dumpster fire|shit ?show|clusterfuck|circus|bricks?|taking the piss|piss ?take|unreal|for real|killing me|i am (?:so )?out(?: of here)? (?:[.]|when|once|as soon|the (?:day|minute|moment))|get your (?:story|act|shit) (?:straight|together)|sucks?|stupid|dumb|idiotic|idiots?(?! proof)|morons?|moronic|clueless|brainless|ruin\w*|exhausting|ashamed|shame on|robbery|bricked|(?:lost|losing|ran out of|run out of|running out of) (?:my |all )?patience|patience (?:has|is) (?:run|running|worn|wearing) (?:out|thin)|pieces? of (?:crap|junk|shit|garbage|trash)|gone on (?:long enough|too long|for too long)|not (?:acceptable|good enough|ok|okay|on)|(?:messed|screwed|mucked|cocked) (?:this|it|everything|things) up|end of my (?:rope|tether)|excuses|so called|no idea how|waste of (?:time|money|my time)|rude|arrogant|condescending|neglig\w*|breach|harassment|hates?|amateur\w*|nonsense|bs|screwed|fuming|beyond (?:angry|frustrated|annoyed|disappointed|a joke))\b/g,
  },
  {
    kind: "disappointment",
    detail: "disappointed or unhappy",
    weight: 1,
    re: /\b(?:nobody|no one|zero|not a single|without (?:a |any )?(?:internet|phone|landline|broadband|service|signal|power|heating|hot water|tv|wifi|connection)|a (?:real )?(?:human|person)|disappoint\w*|unhappy|upset|dissatisfied|not happy|not impressed|unimpressed|poor|bad|fail\w*|broken|lousy|mess|messed up|seriously|really)\b/g,
  },
  {
    kind: "repeat_contact",
    detail: "contacting again about the same thing",
    weight: 2,
    re: /\b(?:(?:third|fourth|fifth|sixth|4th|5th|6th|nth|umpteenth|tenth|10th|100th|hundredth|millionth) (?:time|email|e-mail|message|call|outage|letter|complaint|attempt|engineer|visit|replacement|refund request)|how many (?:more )?times|(?:yet|once) again|again and again|over and over|every (?:single )?time|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|countless|numerous|dozens of|so many) (?:times|calls|emails|e-mails|messages|tickets|attempts|chats|visits)|(?:no|not a single|zero) (?:one|body|response|reply|answer|callback|call back|update)(?: has| is| ever| cares| bothered| at all)?|nobody (?:has|is|cares|bothered|ever|called|replied)|(?:ignored|ignoring)|(?:waiting|waited|chasing|chased|without|down|broken|been) (?:for |over )?(?:\d+|two|three|four|five|six|several|many) (?:weeks|months|days|hours)|for (?:weeks|months|ages)|weeks (?:now|later)|months (?:now|later)|since (?:january|february|march|april|may|june|july|august|september|october|november|december|last (?:week|month|year))|yet another|keeps? (?:happening|crashing|failing|breaking|dropping|promising)|keep (?:telling|promising|getting|sending))\b/g,
  },
  {
    kind: "still_broken",
    detail: "still not resolved",
    weight: 1,
    re: /\bstill (?:getting|being|paying|charged|billed|not|no|nothing|waiting|broken|hasn't|haven't|doesn't|isn't|hasnt|havent|can not|do not|does not|did not|have not|has not|is not)\b/g,
  },
  {
    kind: "demand",
    detail: "demands action",
    weight: 1.5,
    re: /\b(?:explain yourself|explain yourselves|get me (?:a|someone)|sort (?:your|ur) \S+ (?:\S+ )?out|replace it|roll (?:it|this|that) back|sort (?:it|this) out|sort out|get your act together|fix (?:it|this|my)|i (?:want|demand|expect) (?:a |my |full )?(?:refund|money back|compensation|answers|this escalated)|escalate\w*|(?:speak|talk) to (?:a|your) (?:manager|supervisor)|refund me|no more excuses|or i (?:will|am going to|go|cancel)|or i am gone|(?:now|today|immediately|right now) [.!]|not asking again|how many more)\b/g,
  },
  {
    kind: "churn_or_complaint",
    detail: "threatens to leave, complain or dispute",
    weight: 2,
    re: /\b(?:(?:the )?last time i (?:order|buy|use|deal|shop|come)|complaint to|formal complaint|(?:make|file|raise|lodge|writing) a complaint|lawyers?|attorneys?|sue|suing|legal action|court|small claims|bbb|better business bureau|ombudsman|ftc|fcc|ofcom|trading standards|consumer (?:protection|rights)|charge ?back|dispute (?:the|this) charge|(?:bad|negative|1 star|one star|1-star|one-star) reviews?|trustpilot|yelp|social media|twitter|reddit|tell everyone|warn (?:everyone|others|people)|never (?:again|buy|use|recommend|order|shop|deal)|switch(?:ing)? to|competitor|take my (?:business|money) elsewhere|lost (?:a|my|your) (?:customer|business)|done with (?:you|this|your)|i am done|leaving (?:you|your)|going (?:back )?to (?:my old|another|a different|the press|the media)|the (?:press|media|newspapers?)|avoid (?:your|this)|(?:go|going|went) to (?:my|the) bank|another provider|old provider|cancel\w* (?:everything|immediately|right now|today)|(?:will|going to|am) cancel\w*|report (?:you|this|your company))\b/g,
  },
  {
    kind: "sarcasm",
    detail: "sarcastic thanks or praise",
    weight: 2,
    re: /\b(?:thanks for nothing|thanks a lot for nothing|great job(?: guys)?(?: [.,] not)?|(?:[.,] )well done [.]$|brilliant [.] just brilliant|way to go|bravo|slow clap|[.,] not [.]|oh (?:great|wonderful|fantastic|brilliant|perfect)|just (?:great|perfect|brilliant|wonderful)|what a (?:surprise|joke|shock)|(?:great|amazing|fantastic|stellar|excellent|wonderful) (?:service|support|job|work)(?: [.,])? (?:not|really|as usual|as always)|(?:thanks|thank you|cheers) for (?:wasting|making (?:it|things|this|my \S+) (?:worse|harder|impossible|difficult)|ruining|leaving|nothing|the silence|ignoring)|well played|love (?:paying|waiting|being)|i (?:just )?love how|really (?:great|impressive) (?:work|job|service) (?:there|guys)|keep up the (?:great|good) work(?: [.,])? (?:really|not))\b/g,
  },
  {
    kind: "disbelief",
    detail: "angry disbelief",
    weight: 2,
    re: /\b(?:(?:do|does|did) (?:you|anyone|anybody|you people|you guys) (?:\S+ )?(?:even|actually|ever) (?:care|test|read|listen|check|know|bother)|why do i (?:have|need) to|why (?:is|does) (?:it|this|everything) (?:take|always|keep)|how on earth|what kind of (?:company|business|service)|is (?:there )?(?:anyone|a human|anybody) (?:there|anywhere|competent)|is that too much to ask|you (?:people|guys) have no idea|(?:the|what the) (?:hell|heck|fuck|f) is (?:wrong|going on|this|that)|(?:who|what|why|how|where|when) the (?:hell|heck|fuck|f)|(?:where|what|why|how|who) on earth|jesus(?: christ)?|for god'?s sake|for crying out loud|just wow|are you (?:fucking |freaking |effing |bloody )?(?:kidding|serious|joking)|you have (?:got )?to be (?:fucking )?kidding|what the (?:fuck|hell|heck|f)|how (?:hard|difficult) (?:is|can) it|how is (?:this|that|it) (?:acceptable|possible|okay|ok)|what (?:is|are) (?:wrong with|you doing)|why (?:is it so|the hell|on earth|the fuck)|seriously|really [?] really|you have got to be joking|are you joking)\b/g,
  },
];

const PROFANE =
  /\b(?:fuck\w*|fk|fkn|fking|effing|\w*shit\w*|bullshit|crap\w*|goddamn\w*|damn\w*|piss\w*|bloody|arse|ass|asshole|bastards?|bollocks|wtf|ffs|omfg|jfc|frigging|freaking|friggin|hell)\b/g;
const POSITIVE =
  /\b(?:sorry|apologies|thanks?|thank you|thx|appreciate\w*|great|awesome|amazing|love|loved|perfect|excellent|brilliant|fantastic|wonderful|quick|fast|helpful|happy|pleased|glad|impressed|kudos|cheers|well done|lifesaver|sorted|solved|works now|working now)\b/g;
// Capitals that are names of things, not shouting.
const ACRONYM =
  /^(?:USB|HDMI|SSD|HDD|RAM|CPU|GPU|VPN|ISP|DNS|DHCP|WIFI|WAN|LAN|LTE|SIM|ESIM|IMEI|PIN|PDF|CSV|API|URL|FAQ|ETA|ASAP|UPS|DHL|USPS|FEDEX|TNT|GPS|TV|OLED|LED|LCD|HTML|SMS|MMS|MFA|OTP|SSO|SLA|CEO|CTO|IT|HR|UK|USA|EU|US|GBP|USD|EUR|VAT|IBAN|BIC|SKU|RMA|ID|OK|PC|MAC|IOS|APN|NAS|NFC|AM|PM|EST|PST|UTC|GMT|BST|CET|AC|DC|BIOS|UEFI|OS|QR|POS|ATM|ACH|IRS|BBB|FTC|FCC|SEPA|PO|TBD|FYI|BTW|IMO|AKA|DIY|ADSL|VDSL|FTTP|FTTH|NBN|XL|XXL|AND|THE)$/;

// Negated ("not angry at all") or said of oneself ("I'm an idiot, the cable was out").
const NEGATED = /\b(?:not|never|no|nothing|without)(?: (?:at all|really|that|so|too|very|even))? $/;
const SELF =
  /\b(?:i am|i was|i feel|i felt|i look|am i|feel like|felt like)(?: (?:such|so|a|an|like|complete|total|bit|of|the|biggest))* $/;
const SELF_INSULT = /^(?:idiots?|morons?|stupid|dumb|clueless|brainless|idiotic|rude)$/;

/** Sentiment is one weak cue among many; the opening of a message carries it. */
const SENTIMENT_CHARS = 3000;

export type Frustration = { score: number; signals: ToneSignal[]; sentiment: number };

/** Scores frustration on the prepared text; `own` is the text with quotes blanked. */
export function scoreFrustration(plain: string, own: string): Frustration {
  const signals: ToneSignal[] = [];
  let score = 0;
  let strong = 0;
  for (const cue of CUES) {
    // "I'm not angry at all" is not anger.
    const hits = [...plain.matchAll(cue.re)]
      .filter((m) => {
        const before = plain.slice(Math.max(0, m.index - 24), m.index);
        return !NEGATED.test(before) && !(SELF_INSULT.test(m[0]) && SELF.test(before));
      })
      .map((m) => m[0]);
    if (hits.length === 0) continue;
    // A second, different cue of the same kind adds half: two angry words are angrier.
    const distinct = new Set(hits).size;
    score += cue.weight * (1 + Math.min(distinct - 1, 2) * 0.5);
    if (cue.weight >= 2) strong += distinct;
    signals.push({ kind: cue.kind, detail: cue.detail, text: [...new Set(hits)].join(", ") });
  }
  const swearing = [...new Set([...plain.matchAll(PROFANE)].map((m) => m[0]))];
  if (swearing.length > 0) {
    const mild = swearing.every((w) => /^(?:hell|damn\w*|bloody|freaking|frigging|friggin|crap)$/.test(w));
    score += mild ? 1.5 : 2;
    signals.push({ kind: "profanity", detail: "swearing, not at a person", text: swearing.join(", ") });
  }
  const words = own.match(/\b[A-Za-z]{3,}\b/g) ?? [];
  const shouted = words.filter((w) => w === w.toUpperCase() && !ACRONYM.test(w));
  if (shouted.length >= 1 && shouted.some((w) => w.length >= 4)) {
    // One word in capitals is emphasis ("TWICE"); several is shouting.
    score += shouted.length >= 5 ? 2.5 : shouted.length >= 2 ? 1.5 : 1;
    signals.push({ kind: "shouting", detail: "words in capitals", text: shouted.slice(0, 6).join(" ") });
  }
  const bursts = own.match(/!{2,}|\?{2,}|[?!]{2,}/g);
  if (bursts) {
    score += 1.5;
    signals.push({ kind: "exclamation", detail: "bursts of ! or ?", text: bursts.slice(0, 3).join(" ") });
  }
  const sentiment = Number(wink().readDoc(own.slice(0, SENTIMENT_CHARS)).out(wink().its.sentiment)) || 0;
  if (sentiment <= -0.5) {
    score += 1;
    signals.push({
      kind: "negative_sentiment",
      detail: "strongly negative wording",
      text: sentiment.toFixed(2),
    });
  }
  const positives = new Set([...plain.matchAll(POSITIVE)].map((m) => m[0])).size;
  if (positives > 0 && strong === 0 && sentiment > -0.2) score -= 1 + positives;
  return { score, signals, sentiment };
}

/** At or above this, a message reads as frustrated. */
export const FRUSTRATED_AT = 2;
