import { Alert, Button, Code, CopyButton, Group, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import type { ApiError } from "../../api/client.ts";
import { useChannelsText } from "./channelsText.ts";

// The pieces the channel screens share: secrets with copy buttons, the form's fields, and a
// button that asks once more.

export type Secrets = { name: string; inboundUrl: string; token: string; signingSecret: string };

/** One secret with its copy button; shown once after creation or rotation. */
export function Secret(props: { label: string; value: string }) {
  const { t } = useChannelsText();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {props.label}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code style={{ wordBreak: "break-all", flex: 1 }}>{props.value}</Code>
        <CopyButton value={props.value}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant="light"
              onClick={copy}
              aria-label={`${t("channels.copy")}: ${props.label}`}
            >
              {copied ? t("channels.copied") : t("channels.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

export function ShownOnce(props: { secrets: Secrets; onClose: () => void }) {
  const { t } = useChannelsText();
  return (
    // No Alert title: Mantine's yellow title text fails the contrast check on its light background.
    <Alert color="yellow" withCloseButton onClose={props.onClose} closeButtonLabel={t("channels.cancel")}>
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {props.secrets.name}: {t("channels.shownOnce")}
        </Text>
        <Secret label={t("channels.inboundUrl")} value={props.secrets.inboundUrl} />
        <Secret label={t("channels.token")} value={props.secrets.token} />
        <Secret label={t("channels.signingSecret")} value={props.secrets.signingSecret} />
      </Stack>
    </Alert>
  );
}

/** The fields shared by "add" and "edit"; the SMS gateway's number and key only for SMS. */
export function ChannelFields(props: {
  kind: "messaging" | "sms";
  values: { name: string; outboundUrl: string; from: string; apiKey: string };
  onChange: (v: { name: string; outboundUrl: string; from: string; apiKey: string }) => void;
  error: ApiError | null;
  apiKeySet?: boolean;
}) {
  const { t } = useChannelsText();
  const v = props.values;
  const fieldError = (f: string) => (props.error?.field === f ? props.error.message : undefined);
  return (
    <>
      <TextInput
        label={t("channels.name")}
        required
        value={v.name}
        onChange={(e) => props.onChange({ ...v, name: e.currentTarget.value })}
        error={fieldError("name")}
      />
      <TextInput
        label={t("channels.outboundUrl")}
        description={t("channels.outboundHint")}
        placeholder="https://adapter.example.com/rapport"
        value={v.outboundUrl}
        onChange={(e) => props.onChange({ ...v, outboundUrl: e.currentTarget.value })}
        error={fieldError("outboundUrl")}
      />
      {props.kind === "sms" && (
        <>
          <TextInput
            label={t("channels.smsFrom")}
            description={t("channels.smsFromHint")}
            value={v.from}
            onChange={(e) => props.onChange({ ...v, from: e.currentTarget.value })}
          />
          <TextInput
            label={t("channels.apiKey")}
            description={props.apiKeySet ? t("channels.apiKeyKept") : t("channels.apiKeyHint")}
            value={v.apiKey}
            autoComplete="off"
            onChange={(e) => props.onChange({ ...v, apiKey: e.currentTarget.value })}
          />
        </>
      )}
    </>
  );
}

export const settingsOf = (kind: string, v: { from: string; apiKey: string }) =>
  kind === "sms"
    ? { ...(v.from.trim() ? { from: v.from.trim() } : {}), ...(v.apiKey ? { apiKey: v.apiKey } : {}) }
    : undefined;

/** A button that asks once more, in place, before it acts. */
export function ConfirmButton(props: {
  label: string;
  question: string;
  color?: string;
  loading: boolean;
  onConfirm: () => void;
}) {
  const { t } = useChannelsText();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <Button size="xs" variant="subtle" color={props.color} onClick={() => setAsking(true)}>
        {props.label}
      </Button>
    );
  return (
    <Group gap="xs" role="group" aria-label={props.question}>
      <Text size="sm">{props.question}</Text>
      <Button size="xs" color={props.color} loading={props.loading} onClick={props.onConfirm}>
        {props.label}
      </Button>
      <Button size="xs" variant="default" onClick={() => setAsking(false)}>
        {t("channels.cancel")}
      </Button>
    </Group>
  );
}
