/**
 * Who or what the anger is aimed at, as regular-expression fragments over the plain token text
 * (see lexicon.ts): "you" and its chat forms, the company's people named without a name, and
 * the things (product, company, situation) that anger at is only frustration.
 */
const alt = (words: string[]) => `(?:${words.join("|")})`;

/** Second person, and "you" plural forms. */
export const YOU = "(?:you(?: all| guys| people| lot| folks| two| morons| idiots)?|ya|ye|yous|youse)";
/** "you are", with chat forms ("u r", "ur", "your" misused for "you're"). */
export const YOU_ARE = `(?:${YOU} (?:are|were|is|will always be|have always been|must be|seem|sound|look|act)|ur|yr|your(?= (?:an?|such|so|the|just|really|such a|complete|total|absolute|utter|fucking) ))`;
/** People on the company's side, named without a name. */
export const STAFF = alt([
  "agents?",
  "reps?",
  "representatives?",
  "staff",
  "staffers?",
  "employees?",
  "workers?",
  "technicians?",
  "techs?",
  "engineers?",
  "managers?",
  "supervisors?",
  "operators?",
  "advisors?",
  "advisers?",
  "consultants?",
  "clerks?",
  "associates?",
  "drivers?",
  "couriers?",
  "person",
  "persons",
  "people",
  "ppl",
  "folks",
  "guys?",
  "lady",
  "ladies",
  "woman",
  "women",
  "man",
  "men",
  "girl",
  "boy",
  "dude",
  "fellow",
  "colleagues?",
  "coworkers?",
  "boss",
  "ceo",
  "owner",
  "idiots?",
]);

/** Nouns for the product, the company or the situation: anger at these is frustration. */
export const THING = alt([
  "company",
  "business",
  "firm",
  "outfit",
  "service",
  "support",
  "customer service",
  "operation",
  "product",
  "products",
  "brand",
  "shop",
  "store",
  "bank",
  "provider",
  "isp",
  "carrier",
  "network",
  "website",
  "site",
  "app",
  "software",
  "update",
  "system",
  "device",
  "phone",
  "router",
  "policy",
  "process",
  "team",
  "department",
  "corporation",
  "organization",
  "organisation",
]);
