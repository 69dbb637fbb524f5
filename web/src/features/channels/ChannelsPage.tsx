import { Alert, Button, Group, Paper, Radio, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { ApiError } from "../../api/client.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { notifyDone } from "../escalations/notify.ts";
import { ChannelCard } from "./ChannelCard.tsx";
import { ChannelFields, type Secrets, ShownOnce, settingsOf } from "./channelParts.tsx";
import { type ChannelInput, useChannels, useCreateChannel } from "./channelsApi.ts";
import { useChannelsText } from "./channelsText.ts";

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
