import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/**
 * English: Settings → Channels, a reply's delivery through its channel, and a call's recording
 * and transcript (issue #22). Not in the first load: it comes with those lazy chunks.
 */
export const channelsText = {
  channels: {
    nav: "Channels",
    seeAlso: "Social networks, SMS and messaging apps:",
    title: "Messaging channels",
    intro:
      "Connect social networks, SMS gateways and messaging apps through a small adapter. Messages posted to a channel's inbound URL become cases; agents' replies are posted to its outbound URL, signed like webhooks.",
    docsHint: "The shapes, the signature and how to write an adapter are in docs/channels.md.",
    add: "Add channel",
    name: "Name",
    kind: "Kind",
    kinds: { messaging: "Messaging (generic)", sms: "SMS gateway" },
    outboundUrl: "Outbound URL",
    outboundHint: "Where agents' replies are POSTed (https). Leave empty to only receive.",
    smsFrom: "Sender number",
    smsFromHint: "The gateway's number replies are sent from.",
    apiKey: "Gateway API key",
    apiKeyHint: "Sent as a Bearer token to the gateway. Stored sealed and never shown again.",
    apiKeyKept: "An API key is set; leave empty to keep it.",
    inboundUrl: "Inbound URL",
    token: "Inbound token (Bearer)",
    signingSecret: "Signing secret",
    shownOnce: "Copy these now: the token and the secret are shown only once.",
    copy: "Copy",
    copied: "Copied",
    enabled: "Enabled",
    disabled: "Disabled",
    edit: "Edit",
    save: "Save",
    cancel: "Cancel",
    rotate: "New token and secret",
    rotateConfirm: "Replace the token and secret? The adapter stops working until it gets the new ones.",
    remove: "Delete",
    removeConfirm: "Delete this channel? Its cases stay; new messages to it are refused.",
    removed: "Channel deleted",
    saved: "Channel saved",
    created: "Channel added",
    rotated: "New token and secret issued",
    none: "No channels yet.",
    listLabel: "Channels",
    loadError: "The channels could not be loaded: {{message}}",
  },
  channelDelivery: {
    queued: "Sending…",
    sent: "Sent",
    failed: "Not delivered: {{reason}}",
    unknownReason: "unknown reason",
    retry: "Retry",
    retried: "Sending again",
  },
  callDetails: {
    recording: "Recording",
    showTranscript: "Show transcript",
    hideTranscript: "Hide transcript",
    loading: "Loading the transcript…",
  },
};

export function useChannelsText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "channels.nav", channelsText);
  return result;
}
