import type { ChannelInbound } from "../../../../contracts/channels.ts";
import { AppError } from "../../platform/http/errors.ts";
import { displayPhone, normalizePhone } from "../customers/identities.ts";

/**
 * The SMS adapter (docs/channels.md): a generic HTTP SMS gateway's shapes mapped onto the
 * channel's own. A thread is the customer's phone number (E.164), so every text from one
 * number lands in that number's case, as a phone conversation would.
 */

export type SmsInbound = { from: string; to?: string | undefined; text: string; id: string };

/** The gateway's received-text webhook as a channel message, plus the number to match on. */
export function fromSms(sms: SmsInbound, region: string): { message: ChannelInbound; phone: string } {
  const phone = normalizePhone(sms.from, region);
  if (!phone) throw new AppError("validation_failed", "from: not a phone number", "from");
  return {
    phone,
    message: {
      externalThreadId: phone,
      externalMessageId: sms.id,
      from: { externalUserId: phone, handle: displayPhone(phone) },
      text: sms.text,
      attachments: [],
    },
  };
}

/** What Rapport POSTs to the gateway for an agent's reply: `{from, to, text, id}`. */
export function toSms(
  d: { externalThreadId: string; messageId: string; body: string },
  settings: Record<string, unknown>,
): string {
  return JSON.stringify({
    from: typeof settings.from === "string" ? settings.from : null,
    to: d.externalThreadId,
    text: d.body,
    id: d.messageId,
  });
}
