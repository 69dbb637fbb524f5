import {
  ACCUSATION,
  FILLER,
  INSULT_ADJ,
  INSULT_NOUN,
  INTENSIFIER,
  PERSONAL_INSULT,
  VIOLENT_VERB,
} from "./lexicon.ts";
import { STAFF, THING, YOU, YOU_ARE } from "./targets.ts";

/**
 * Abuse is anger AIMED AT A PERSON: every rule here names its target (you, you people, the
 * agent, the agent's name, "he/she" about staff) or is a threat of violence or a sexual
 * remark to someone. Swearing at a product, the company or the situation is never matched
 * here; that is frustration (frustration.ts). Rules are regular expressions over the plain
 * token text from prepare.ts (lower case, de-obfuscated, "." and "," between clauses).
 */
export type AbuseRule = { kind: string; detail: string; re: RegExp };

const F = `(?:${FILLER} )`;
const INSULT = `(?:${INSULT_NOUN}|${INSULT_ADJ})`;
// Not a "you are …" about the product: "you are a useless company" is frustration.
const NOT_THING = `(?! ${THING}\\b)`;
const DET = "(?:the|that|this|your|ur|these|those|his|her|their|ya|yer)";

function rules(names: string): AbuseRule[] {
  const NAME = names ? `|${names}` : "";
  const STAFF_REF = `(?:${DET} (?:${INTENSIFIER} ){0,2}(?:\\S+ )?${STAFF}${NAME})`;
  const PERSON = `(?:${YOU}|${DET} ${STAFF}${NAME})`;
  const list: AbuseRule[] = [
    {
      kind: "insult",
      detail: "an insult aimed at 'you'",
      re: new RegExp(
        `\\b(?<!thank )${YOU} (?:(?:${INTENSIFIER}|${INSULT_ADJ}) ){0,3}${INSULT_NOUN}\\b|\\b(?<!thank )${YOU} (?:${INTENSIFIER} )*${INSULT_ADJ} (?:${INTENSIFIER} )*(?:man|woman|boy|girl|person|creature|thing|people|lot|lady|fella|specimen)\\b`,
        "g",
      ),
    },
    {
      kind: "insult",
      detail: "calls 'you' an insulting name",
      re: new RegExp(
        `\\b(?:${YOU_ARE}|do not be) ${F}{0,5}(?:(?:[a-z]+ )?(?:and|or|,) )?(?:${INSULT}|(?:(?!not |no )[a-z]+ )?${INSULT_NOUN})\\b${NOT_THING}|\\bwhat (?:a|an|a bunch of|a pack of) (?:${INTENSIFIER} ){0,2}${PERSONAL_INSULT} (?:${YOU}|he|she${NAME})\\b|\\b${PERSONAL_INSULT} like (?:${YOU}|him|her${NAME})\\b|\\bif (?:${YOU}|he|she${NAME}) (?:were|was|got) any (?:dumber|stupider|thicker|slower|lazier|uglier|more (?:stupid|useless|incompetent))\\b`,
        "g",
      ),
    },
    {
      kind: "insult",
      detail: "calls one person a liar or a thief",
      re: new RegExp(
        `\\b(?:you|ya) (?:are|were) (?:${F}){0,3}(?:a|an) (?:(?:${INTENSIFIER}|lying|thieving|cheating) ){0,2}${ACCUSATION}(?: (?:and|or) (?:a|an) (?:(?:${INTENSIFIER}|lying|thieving|cheating) ){0,2}${ACCUSATION})*\\b|\\b(?<!thank )(?:you|ya) (?:(?:${INTENSIFIER}|lying|thieving|cheating) ){0,2}${ACCUSATION}\\b(?! (?:who|that|is|was|stole|charged))`,
        "g",
      ),
    },
    {
      kind: "insult",
      detail: "asks whether 'you' are stupid",
      re: new RegExp(
        `\\b(?:are|r) ${YOU} (?:\\S+ (?:and|or) )?${F}{0,3}${INSULT}\\b${NOT_THING}|\\b(?:is|are) (?:all |every one of )?(?:everyone|everybody|anyone|every one|${DET} ${STAFF}|your (?:\\S+ )?${STAFF}) (?:\\S+ ){0,4}?(?:this|that|so|really|always|all) ${INSULT_ADJ}\\b|\\b${YOU} (?:have|has|have got) (?:the|an?) (?:iq|brains?|intelligence|attention span|manners) of\\b|\\bhow (?:${INSULT_ADJ}) (?:are|can) ${YOU}\\b|\\bhow (?:are|can) ${YOU} (?:be )?(?:this|that|so) ${INSULT_ADJ}\\b|\\bdropped on (?:your|ur|his|her) head\\b|\\b(?:someone|somebody|anyone|a person|an agent) (?:who|that) (?:is not|has not got|does not have|is) (?:a |an )?(?:${INTENSIFIER} ){0,3}(?:${PERSONAL_INSULT}|brain ?dead|brainless)\\b|\\b(?:speak to|talk to|put me through to|get me|transfer me to|connect me (?:to|with)|give me) (?:someone|somebody|anyone) (?:with|who has) (?:a|half a|any|one) (?:brain|brain cell)\\b|\\b(?:do|does) (?:you|anyone|anybody|any of you)(?: there| even| actually)* have (?:a|any|half a|one) (?:brain|brains|brain cell|clue)\\b`,
        "g",
      ),
    },
    {
      kind: "insult",
      detail: "an insult aimed at the staff",
      re: new RegExp(
        `\\b(?:${STAFF_REF}|he|she${NAME}) (?:is|was|are|were|seems|seemed|sounds|sounded|looks|must be) ${F}{0,4}(?:[a-z]+ (?:and|or|,) )?${INSULT}\\b${NOT_THING}|\\b(?:${STAFF_REF}|he|she${NAME}) (?:[a-z']+ ){0,7}(?:is|was|are|were) (?:(?!not |never |no )[a-z',]+ ){0,4}(?:${PERSONAL_INSULT}|(?:${INSULT_ADJ}|${INTENSIFIER}) ${INSULT_NOUN})\\b`,
        "g",
      ),
    },
    {
      kind: "insult",
      detail: "an insulting name for the staff",
      re: new RegExp(
        `\\b${DET} (?:${INTENSIFIER} ){0,2}(?:${PERSONAL_INSULT}|(?!lazy)${INSULT_ADJ})(?: of an?)? (?:${STAFF}${NAME})\\b|\\b${DET} ${PERSONAL_INSULT}${names ? ` (?:${names})` : "(?!)"}\\b|\\b(?:that|this|the|these|those|your|ur) (?:${INTENSIFIER} ){0,2}${PERSONAL_INSULT}\\b(?! (?:who|that|which) (?:designed|made|wrote|built|invented|came up|thought|decided|approved|programmed|coded))`,
        "g",
      ),
    },
    {
      kind: "insult",
      detail: "an insult used to address someone",
      re: new RegExp(
        `(?:^|[.,] )(?:(?:hey|listen|look|ok|okay|well|yes|no|oh|now|so|thanks|thank you|cheers|shut up|good job|great job|nice going|way to go|get lost|fix it|do your job)(?: ,)? )?(?:${INTENSIFIER} ){0,2}${PERSONAL_INSULT}(?= [.,]| ?$)|(?:^|[.,] )(?:hey|listen|oi|look|listen here|okay|ok) (?:${INTENSIFIER} )?${INSULT_ADJ}(?= [.,]| ?$)`,
        "g",
      ),
    },
    {
      kind: "profanity_at_person",
      detail: "swearing aimed at a person",
      re: new RegExp(
        [
          `(?<!(?:the|what|how|who|why|where|when) )\\b(?:fuck|fucking|fk|f|eff|screw|damn|frick|frig|bugger)(?: off)? (?:you|ya|yourself|yourselves|your (?:self|selves|mother|mom|mum|family|face|kids|wife|${STAFF})|(?:the|that) ${STAFF}${NAME})\\b`,
          `\\b(?:fuck|fk|f|piss|bugger|sod|naff|eff|jog) off\\b|\\bget fucked\\b`,
          `\\bgo (?:and )?(?:fuck|screw|f|eff|play with|blow) (?:yourself|yourselves|off)\\b`,
          `\\b(?:go to|rot in|burn in) hell\\b`,
          `\\b(?:drop dead|eat (?:shit|a dick|my)|up yours|stfu|gtfo|shut the (?:fuck|hell) up|shut (?:your|ur) (?:fucking |stupid )?(?:mouth|face|trap|pie ?hole|gob))\\b`,
          `\\b(?:kiss|lick|suck) my (?:ass|arse|butt|balls|dick|cock|nuts)\\b`,
          `\\b(?:shove|stick|cram) (?:it|this|that|your \\S+)(?: right)? up your (?:ass|arse|butt)\\b`,
          `(?:^|[.,] )(?:(?:just|oh|now|so|please) )?shut up\\b`,
          `\\b(?:${PERSON}) (?:really |all |fucking |so |just |totally |literally )*(?:suck|sucks)\\b(?! (?:up|in|out))`,
        ].join("|"),
        "g",
      ),
    },
    {
      kind: "threat",
      detail: "a threat of violence",
      re: new RegExp(
        [
          `\\b(?:i|we|someone|somebody|my (?:brother|friends|boys|husband|guys|son)) (?:will|would|shall|am|are|is|want|wanna|could|should|might|swear|gonna|going|coming|come|personally|literally|really) (?:(?!not |never )[a-z']+ ){0,7}?${VIOLENT_VERB}(?:s|ing)? (?:(?:up|down|the (?:shit|crap|hell|living daylights) out of) )?(?:you|ya|him|her|every (?:one|last one) of you|all of you|${STAFF_REF}${NAME}|${DET} (?:${INTENSIFIER} ){0,2}${INSULT_NOUN})\\b(?! to (?:it|the))`,
          `\\b(?:break|smash|bash|punch|kick|cave|rip|slit|snap) (?:in )?(?:your|ur|his|her|their) (?:fucking |stupid |ugly )?(?:face|neck|legs?|arms?|teeth|head|skull|jaw|nose|knees?|throat)\\b`,
          `\\b(?:burn|bomb|torch|shoot up|blow up) (?:down )?(?:your|the|ur) (?:fucking )?(?:store|office|building|shop|house|place|hq|headquarters|call cent(?:er|re))\\b`,
          `\\b(?:watch your back|knows? (?:where|which \\S+) (?:you|ya) (?:live|work|sleep)|find out who (?:you|ya) (?:are|really are)|knows? where your (?:office|house|home|family|kids|children|wife|husband) (?:is|are|live|lives)|find (?:out )?where (?:you|ya) live|i will find (?:you|ya)(?: [.,]| ?$| and)|(?:you|ya) will not see (?:it|me) coming|sleep with one eye open|(?:bring|get) (?:a|my) (?:gun|knife|shotgun|rifle|bat)|i will be waiting (?:for (?:you|ya) )?(?:outside|in the (?:car ?park|parking lot)))\\b|\\b(?:i|we) (?:[a-z']+ ){0,3}?(?:wait|waiting) for (?:you|ya) (?:outside|after (?:your|the) shift|after work|in the (?:car ?park|parking lot))\\b`,
          `\\bhope (?:you|ya|your (?:whole |entire )?(?:family|kids|children|wife|husband|mother|mom|mum)|${STAFF_REF}|he|she${NAME})(?: all)? (?:die|dies|gets? (?:cancer|hit|killed|raped|run over|shot|stabbed|hurt)|burns?|rots?|chokes?|suffers?|drops? dead|will die)\\b`,
          `\\b(?:kill (?:yourself|yourselves|urself)|kys|go (?:and )?(?:die|drown yourself|hang yourself|shoot yourself|choke|jump off a \\S+)|neck yourself|hang yourself|drink bleach|jump (?:off|in front of) an? (?:bridge|cliff|building|roof|train|bus)|do (?:us|everyone|the world) a favou?r and (?:die|disappear|quit|jump|kill))\\b`,
          `\\bknock (?:your|ur|his|her|their) (?:fucking )?(?:teeth|lights|block|head|heads) (?:out|in|off)\\b`,
          `\\b(?:wring|snap|break|slit|cut) (?:your|ur|his|her|their) (?:fucking |scrawny |little )?(?:neck|necks|throat|throats)\\b|\\bputs? (?:you|ya|him|her) in (?:the |a )?(?:hospital|grave|ground|wheelchair|coffin|body bag)\\b`,
          `\\b(?:you|your family|your kids)(?: all)? (?:will|are going to|is going to) (?:get|be) (?:hurt|killed|shot|stabbed)\\b`,
          `\\bi (?:will|am going to|am gonna|would) (?:come|turn up|show up|be) (?:round |over )?(?:to|at) (?:your|ur) (?:house|home|door|doorstep|family)\\b|\\bmake (?:your|ur) (?:life|lives) (?:a )?(?:living )?hell\\b`,
          `\\bhope (?:you|ya|${STAFF_REF}|he|she${NAME}) (?:gets?|get) (?:fired|sacked|the sack)|\\bhope (?:you|ya|he|she${NAME}) (?:lose|loses) (?:your|his|her) job\\b`,
          `\\b(?:you are|you will be) (?:a )?dead (?:man|woman|meat)\\b|\\b(?:you|ya) (?:will|are going to) get what is coming(?: to (?:you|ya))?\\b`,
        ].join("|"),
        "g",
      ),
    },
    {
      kind: "slur",
      detail: "xenophobic abuse aimed at a person",
      re: /\bgo back to (?:your|ur|where) (?:own )?(?:country|village|jungle|cave|you came from)\b/g,
    },
    {
      kind: "sexual",
      detail: "a sexual remark aimed at a person",
      re: new RegExp(
        [
          `\\b(?:suck|lick|touch|ride|blow|sit on) my (?:dick|cock|balls|tits|pussy|boobs|nuts|face|lap|d)\\b`,
          `\\b(?:i|we|let me|want to|going to|love to|like to) (?:(?:would|will|want to|could|really|am going to|wanna|to|love to|like to) ){0,3}(?:fuck|bang|screw|shag|rail|pound|nail|sleep with|have sex with|get in bed with|lick|spank|bend) (?:you|ya|her|him|your \\S+${NAME})\\b`,
          `\\b(?:send|show|give) (?:me )?(?:some )?(?:of )?(?:your |ur )?(?:nudes|nude pics?|naked pics?|pics of (?:your|ur) \\S+|(?:your|ur) (?:tits|boobs|pussy|dick|cock|ass|body|feet|panties))\\b`,
          `\\b(?:${YOU}|your (?:voice|ass|body|lips|legs)${NAME}) (?:are|is|sound|sounds|look|looks|seem|seems) (?:so |really |very |fucking |damn |pretty )*(?:sexy|hot|fuckable|horny|delicious|naughty|juicy|bangable|fit)\\b`,
          `(?:^|[.,] )(?:(?:hey|hi|hello|hiya|morning|evening|well) (?:there )?)?(?:gorgeous|sexy|hottie|hot stuff|sweet cheeks|babe|baby girl|sexy lady)(?= [.,]| ?$)`,
          `\\b(?:see|picture|imagine) (?:you|ya|her${NAME}) (?:naked|nude|in (?:your|her) (?:underwear|knickers|panties|lingerie))\\b`,
          `(?:^|[.,] )bend over\\b(?! backwards)|\\b(?:sweet cheeks|hot stuff|baby girl)(?= [.,]| ?$)|\\b(?:go out|go on a date|hook up) with me\\b`,
          `\\b(?:you|ya|her${NAME}) (?:[a-z']+ ){0,6}?in (?:a|your|her|just) (?:short skirt|mini ?skirt|bikini|underwear|lingerie|knickers|panties)\\b`,
          `\\bwhat (?:are|r) (?:you|ya) wearing\\b|\\b(?:are|r) (?:you|ya) (?:single|horny|wet|naked)\\b`,
          `\\b(?:nice|great|big|sweet|your) (?:tits|boobs|rack|booty)\\b|\\b(?:sexy|hot) (?:voice|lady|girl|babe|mama|thing)\\b`,
        ].join("|"),
        "g",
      ),
    },
  ];
  return list;
}

const cache = new Map<string, AbuseRule[]>();

/** The rules for a case with these staff names (compiled once per distinct set of names). */
export function abuseRules(agentNames: string[] = []): AbuseRule[] {
  const names = agentNames
    .flatMap((n) => {
      const parts = n.toLowerCase().split(/\s+/).filter(Boolean);
      return parts.length > 1 ? [parts.join(" "), parts[0] as string] : parts;
    })
    .filter((n) => n.length >= 2)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .sort((a, b) => b.length - a.length);
  const key = names.join("|");
  let found = cache.get(key);
  if (!found) {
    found = rules(key);
    if (cache.size > 500) cache.clear();
    cache.set(key, found);
  }
  return found;
}
