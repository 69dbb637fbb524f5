import type { StepKind } from "../../../../../contracts/conduct.ts";

/**
 * The default words of each notice. The manager may edit them before sending; they are plain,
 * respectful and factual: what we saw, what changes, for how long, and that a person will
 * look again if the customer asks. {{name}}, {{until}}, {{channels}} and {{agent}} are filled in.
 */
export const NOTICE_TEMPLATES: Record<StepKind, string> = {
  warning: `Dear {{name}},

We value you as a customer and we want to keep helping you. In some of your recent messages, words were aimed at members of our team personally. We understand that problems are frustrating, and you are always welcome to tell us plainly when we have let you down, but we ask that you do so without insults or threats towards the people helping you.

This is a written notice; nothing about your service changes. Thank you for your understanding.`,
  restricted: `Dear {{name}},

After messages that were aimed at members of our team personally, we are changing how we handle your requests until {{until}}: please contact us by {{channels}}{{agent}}. Your requests will still be answered, and anything you send another way is kept and read, but replies will come through the channel above.

We would like to keep helping you, and this arrangement will end on the date above.`,
  suspended: `Dear {{name}},

Because of repeated messages aimed at members of our team personally, we are suspending regular support for your account until {{until}}. Nothing you send us is lost: your messages are kept and read by a manager, who will answer anything about your account itself.

For matters about your account, you can simply reply to this message.`,
  ended: `Dear {{name}},

After repeated messages aimed at members of our team personally, and the earlier notices we sent, we have decided to end our support relationship with you. We are sorry it has come to this.

Attached is a copy of the information we hold about you: your profile, your requests and our conversations. Any messages you send will still be kept and read by a manager, who will answer questions about your account, billing or your data.`,
};

export function fillTemplate(
  text: string,
  v: { name: string; until: Date | null; channels: string[] | null; agentName: string | null },
): string {
  const until = v.until
    ? v.until.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
    : "further notice";
  return text
    .replaceAll("{{name}}", v.name)
    .replaceAll("{{until}}", until)
    .replaceAll("{{channels}}", (v.channels ?? ["email"]).join(" or "))
    .replaceAll("{{agent}}", v.agentName ? `, where ${v.agentName} will look after you` : "");
}

/** Appended to every notice, so each step can be appealed (not editable). */
export function appealParagraph(link: string): string {
  return `\n\nIf you believe this decision is wrong, you can ask for it to be reviewed by a different manager, who was not involved in it: ${link}`;
}
