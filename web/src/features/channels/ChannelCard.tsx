import { Alert, Button, Group, Paper, Stack, Switch, Text } from "@mantine/core";
import { useState } from "react";
import type { Channel } from "../../../../contracts/channels.ts";
import { ApiError } from "../../api/client.ts";
import { notifyDone } from "../escalations/notify.ts";
import { ChannelFields, ConfirmButton, Secret, type Secrets, settingsOf } from "./channelParts.tsx";
import { useDeleteChannel, useRotateChannel, useUpdateChannel } from "./channelsApi.ts";
import { useChannelsText } from "./channelsText.ts";

/** One channel in the list: its inbound URL, enable switch, edit, new token and delete. */
export function ChannelCard(props: { channel: Channel; onRotated: (s: Secrets) => void }) {
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
