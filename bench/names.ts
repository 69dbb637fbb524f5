/**
 * Names for generated customers. Real customer bases have many distinct names with a skew
 * towards common ones; a generator that calls everyone "Customer N" makes every name search
 * match the whole table, which measures the generator rather than Rapport's search.
 */
const FIRST = (
  "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard " +
  "Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty " +
  "Anthony Sandra Mark Ashley Donald Emily Steven Kimberly Andrew Donna Paul Michelle Joshua Carol " +
  "Kenneth Amanda Kevin Melissa Brian Deborah George Stephanie Timothy Rebecca Ronald Laura Jason " +
  "Sharon Edward Cynthia Jeffrey Kathleen Ryan Amy Jacob Angela Gary Shirley Nicholas Anna Eric " +
  "Brenda Jonathan Pamela Stephen Emma Larry Nicole Justin Helen Scott Samantha Brandon Katherine " +
  "Benjamin Christine Samuel Debra Gregory Rachel Alexander Carolyn Frank Janet Patrick Maria " +
  "Raymond Olivia Jack Heather Dennis Diane Jerry Julie Tyler Joyce Aaron Victoria Jose Ruth Adam " +
  "Virginia Nathan Lauren Henry Kelly Zachary Christina Douglas Joan Peter Evelyn Kyle Judith " +
  "Noah Andrea Ethan Hannah Jeremy Megan Walter Cheryl Christian Jacqueline Keith Martha Roger " +
  "Madison Terry Teresa Austin Gloria Sean Sara Gerald Janice Carl Ann Harold Kathryn Dylan Abigail " +
  "Arthur Sophia Lawrence Frances Jordan Jean Jesse Alice Bryan Judy Billy Isabella Bruce Julia " +
  "Gabriel Grace Joe Amber Logan Denise Alan Danielle Juan Marilyn Albert Beverly Willie Charlotte " +
  "Elijah Natalie Wayne Theresa Randy Diana Vincent Brittany Mason Doris Roy Kayla Ralph Alexis " +
  "Bobby Lori Russell Marie Bradley Priya Wei Mohammed Fatima Hiroshi Yuki Lars Ingrid Pierre " +
  "Amelie Giovanni Chiara Mateo Lucia Dmitri Olga Kwame Amara Raj Ananya Chen Mei Omar Leila"
).split(" ");

const LAST = (
  "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez " +
  "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris " +
  "Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill " +
  "Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips " +
  "Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers " +
  "Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson " +
  "Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders " +
  "Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler " +
  "Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton " +
  "Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina " +
  "Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington " +
  "Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter " +
  "Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black " +
  "Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson " +
  "Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kowalski Nowak Muller Schneider " +
  "Fischer Weber Becker Rossi Russo Ferrari Bianchi Dubois Lefebvre Moreau Laurent Jansen Visser " +
  "Johansson Andersson Nilsson Larsen Hansen Novak Horvat Popescu Ivanov Petrov Yamamoto Tanaka " +
  "Suzuki Watanabe Sato Wang Zhang Liu Li Singh Kumar Sharma Gupta Okafor Mensah Haddad Khalil"
).split(" ");

const ORG_A =
  "North South Blue Red Bright Silver Golden Harbor River Summit Pine Oak Cedar Iron Coastal".split(" ");
const ORG_B = "Audio Media Studios Hotels Cafe Dental Fitness Logistics Schools Clinic Bakery Records".split(
  " ",
);

/** Skewed pick: low indexes (common names) come up far more often than high ones. */
function skewed<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() ** 2 * list.length)] as T;
}

export function personName(random: () => number): { first: string; last: string } {
  return { first: skewed(FIRST, random), last: skewed(LAST, random) };
}

export function organizationName(i: number): string {
  return `${ORG_A[i % ORG_A.length]} ${ORG_B[Math.floor(i / ORG_A.length) % ORG_B.length]} ${Math.floor(i / 180)}`;
}

/** Search-box inputs as agents type them: names, fragments, email parts, numbers, case words. */
export const SEARCH_INPUTS: string[] = [
  "Maria Garcia",
  "kowalsk",
  "Okafor",
  "j.smith",
  "415",
  "firmware reset",
  "ACC1000042",
  "Harbor Audio",
];
