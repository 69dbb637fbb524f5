import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Radio,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import type { Channel } from "../../../../contracts/channels.ts";
import { ApiError } from "../../api/client.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { notifyDone } from "../escalations/notify.ts";
import {
  type ChannelInput,
  useChannels,
  useCreateChannel,
  useDeleteChannel,
  useRotateChannel,
  useUpdateChannel,
} from "./channelsApi.ts";
import { useChannelsText } from "./channelsText.ts";

type Secrets = { name: string; inboundUrl: string; token: string; signingSecret: string };

/** One secret with its copy button; shown once after creation or rotation. */
function Secret(props: { label: string; value: string }) {
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

function ShownOnce(props: { secrets: Secrets; onClose: () => void }) {
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
function ChannelFields(props: {
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

const settingsOf = (kind: string, v: { from: string; apiKey: string }) =>
  kind === "sms"
    ? { ...(v.from.trim() ? { from: v.from.trim() } : {}), ...(v.apiKey ? { apiKey: v.apiKey } : {}) }
    : undefined;

function AddChannel(props: { onCreated: (s: Secrets) => void }) {
  const { t } = useChannelsText();
  const create = useCreateChannel();
  const [kind, setKind] = useState<"messaging" | "sms">("messaging");
  const empty = { name: "", outboundUrl: "", from: "", apiKey: "" };
  const [values, setValues] = useState(empty);
  const err = create.error instanceof ApiError ? create.error : null;
  return (
    <Paper withBorder radius="md" p="md">
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          const settings = settingsOf(kind, values);
          const input: ChannelInput = {
            name: values.name,
            kind,
            ...(values.outboundUrl.trim() ? { outboundUrl: values.outboundUrl.trim() } : {}),
            ...(settings ? { settings } : {}),
          };
          create.mutate(input, {
            onSuccess: (c) => {
              props.onCreated(c);
              setValues(empty);
              notifyDone(t, t("channels.created"));
            },
          });
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t("channels.add")}
          </Title>
          {/* A radio group rather than a segmented control: the latter's indicator would share a
              chunk with the inbox's first load (its budget is full). */}
          <Radio.Group
            label={t("channels.kind")}
            value={kind}
            onChange={(k) => setKind(k as "messaging" | "sms")}
          >
            <Group mt={4}>
              <Radio value="messaging" label={t("channels.kinds.messaging")} />
              <Radio value="sms" label={t("channels.kinds.sms")} />
            </Group>
          </Radio.Group>
          <ChannelFields kind={kind} values={values} onChange={setValues} error={err} />
          {create.error && !err?.field && <Alert color="red">{create.error.message}</Alert>}
          <Button type="submit" loading={create.isPending} w="fit-content">
            {t("channels.add")}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** A button that asks once more, in place, before it acts. */
function ConfirmButton(props: {
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

function ChannelCard(props: { channel: Channel; onRotated: (s: Secrets) => void }) {
  const { t } = useChannelsText();
  const c = props.channel;
  const update = useUpdateChannel(c.id);
  const rotate = useRotateChannel(c.id);
  const remove = useDeleteChannel(c.id);
  const [editing, setEditing] = useState(false);
  const settings = c.settings as { from?: string; apiKeySet?: boolean };
  const [values, setValues] = useState({
    name: c.name,
    outboundUrl: c.outboundUrl ?? "",
    from: settings.from ?? "",
    apiKey: "",
  });
  const err = update.error instanceof ApiError ? update.error : null;
  return (
    <Paper withBorder radius="md" p="md" component="li" data-channel-id={c.id}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={600}>{c.name}</Text>
            <Text size="sm" c="dimmed">
              {t(`channels.kinds.${c.kind}`)} · {c.enabled ? t("channels.enabled") : t("channels.disabled")}
            </Text>
          </Stack>
          <Switch
            label={t("channels.enabled")}
            checked={c.enabled}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ enabled: e.currentTarget.checked })}
          />
        </Group>
        <Secret label={t("channels.inboundUrl")} value={c.inboundUrl} />
        <Text size="sm">
          {t("channels.outboundUrl")}: {c.outboundUrl ?? "—"}
        </Text>
        {editing ? (
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              const s = settingsOf(c.kind, values);
              update.mutate(
                {
                  name: values.name,
                  outboundUrl: values.outboundUrl.trim() || null,
                  ...(s ? { settings: s } : {}),
                },
                {
                  onSuccess: () => {
                    setEditing(false);
                    notifyDone(t, t("channels.saved"));
                  },
                },
              );
            }}
          >
            <Stack gap="sm">
              <ChannelFields
                kind={c.kind}
                values={values}
                onChange={setValues}
                error={err}
                apiKeySet={settings.apiKeySet}
              />
              {update.error && !err?.field && <Alert color="red">{update.error.message}</Alert>}
              <Group gap="xs">
                <Button type="submit" size="xs" loading={update.isPending}>
                  {t("channels.save")}
                </Button>
                <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                  {t("channels.cancel")}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Group gap="xs">
            <Button
              size="xs"
              variant="light"
              onClick={() => setEditing(true)}
              aria-label={`${t("channels.edit")}: ${c.name}`}
            >
              {t("channels.edit")}
            </Button>
            <ConfirmButton
              label={t("channels.rotate")}
              question={t("channels.rotateConfirm")}
              loading={rotate.isPending}
              onConfirm={() =>
                rotate.mutate(undefined, {
                  onSuccess: (r) => {
                    props.onRotated(r);
                    notifyDone(t, t("channels.rotated"));
                  },
                })
              }
            />
            <ConfirmButton
              label={t("channels.remove")}
              question={t("channels.removeConfirm")}
              color="red"
              loading={remove.isPending}
              onConfirm={() =>
                remove.mutate(undefined, { onSuccess: () => notifyDone(t, t("channels.removed")) })
              }
            />
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** Settings → Channels (admins): add, edit, enable, rotate and delete messaging channels. */
export function ChannelsPage() {
  const { t } = useChannelsText();
  const channels = useChannels();
  const [shown, setShown] = useState<Secrets | null>(null);
  const items = channels.data?.items ?? [];
  return (
    <Stack gap="lg" maw={900}>
      <PageTitle>{t("channels.title")}</PageTitle>
      <Text size="sm">{t("channels.intro")}</Text>
      <Text size="sm" c="dimmed">
        {t("channels.docsHint")}
      </Text>
      <AddChannel onCreated={setShown} />
      {shown && <ShownOnce secrets={shown} onClose={() => setShown(null)} />}
      {channels.error && (
        <Alert color="red">{t("channels.loadError", { message: channels.error.message })}</Alert>
      )}
      {channels.isSuccess && items.length === 0 ? (
        <Text c="dimmed">{t("channels.none")}</Text>
      ) : (
        <Stack
          gap="md"
          component="ul"
          aria-label={t("channels.listLabel")}
          style={{ listStyle: "none", padding: 0 }}
        >
          {items.map((c) => (
            <ChannelCard key={c.id} channel={c} onRotated={setShown} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
