import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { WEBHOOK_EVENTS, type Webhook, type WebhookEvent } from "../../../../contracts/webhooks.ts";
import { ApiError } from "../../api/client.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { ChannelsLink } from "../channels/ChannelsLink.tsx";
import { notifyDone } from "../escalations/notify.ts";
import { useCreateWebhook, useDeleteWebhook, useDeliveries, useWebhooks } from "./webhooksApi.ts";

function Deliveries(props: { id: string }) {
  const { t, i18n } = useTranslation();
  const deliveries = useDeliveries(props.id);
  const items = deliveries.data?.items ?? [];
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t("webhooks.noDeliveries")}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table aria-label={t("webhooks.deliveries")} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("webhooks.columns.time")}</Table.Th>
            <Table.Th scope="col">{t("webhooks.columns.event")}</Table.Th>
            <Table.Th scope="col">{t("webhooks.columns.status")}</Table.Th>
            <Table.Th scope="col">{t("webhooks.columns.attempts")}</Table.Th>
            <Table.Th scope="col">{t("webhooks.columns.code")}</Table.Th>
            <Table.Th scope="col">{t("webhooks.columns.error")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{formatDateTime(d.createdAt, i18n.language)}</Table.Td>
              <Table.Td>{d.event}</Table.Td>
              <Table.Td>{t(`webhooks.deliveryStatus.${d.status}`)}</Table.Td>
              <Table.Td>{d.attempts}</Table.Td>
              <Table.Td>{d.lastStatusCode ?? "—"}</Table.Td>
              <Table.Td>{d.lastError ?? "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Endpoint(props: { hook: Webhook }) {
  const { t } = useTranslation();
  const remove = useDeleteWebhook();
  return (
    <Paper withBorder radius="md" p="md" component="li" data-webhook-id={props.hook.id}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={600} style={{ wordBreak: "break-all" }}>
              {props.hook.url}
            </Text>
            <Text size="sm" c="dimmed">
              {[props.hook.description, props.hook.events.join(", ")].filter(Boolean).join(" · ")}
            </Text>
          </Stack>
          <Button
            variant="subtle"
            color="red"
            size="xs"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(props.hook.id, { onSuccess: () => notifyDone(t, t("webhooks.removed")) })
            }
            aria-label={`${t("webhooks.remove")}: ${props.hook.url}`}
          >
            {t("webhooks.remove")}
          </Button>
        </Group>
        <Title order={3} size="h6">
          {t("webhooks.deliveries")}
        </Title>
        <Deliveries id={props.hook.id} />
      </Stack>
    </Paper>
  );
}

/** Admins register endpoints that receive signed events (escalation.created for trackers). */
export function WebhooksPage() {
  const { t } = useTranslation();
  const hooks = useWebhooks();
  const create = useCreateWebhook();
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<WebhookEvent[]>(["escalation.created"]);
  const [shownSecret, setShownSecret] = useState<string | null>(null);
  const err = create.error instanceof ApiError ? create.error : null;
  const fieldError = (f: string) => (err?.field === f ? err.message : undefined);

  return (
    <Stack gap="lg" maw={900}>
      <PageTitle>{t("webhooks.title")}</PageTitle>
      <Text size="sm">{t("webhooks.intro")}</Text>
      <ChannelsLink />
      <Paper withBorder radius="md" p="md">
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            create.mutate(
              {
                url,
                events,
                ...(secret ? { secret } : {}),
                ...(description.trim() ? { description } : {}),
              },
              {
                onSuccess: (created) => {
                  setShownSecret(created.secret);
                  setUrl("");
                  setSecret("");
                  setDescription("");
                  notifyDone(t, t("webhooks.added"));
                },
              },
            );
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t("webhooks.url")}
              placeholder={t("webhooks.urlPlaceholder")}
              required
              value={url}
              onChange={(ev) => setUrl(ev.currentTarget.value)}
              error={fieldError("url")}
            />
            <TextInput
              label={t("webhooks.secret")}
              description={t("webhooks.secretHint")}
              value={secret}
              onChange={(ev) => setSecret(ev.currentTarget.value)}
              error={fieldError("secret")}
              autoComplete="off"
            />
            <TextInput
              label={t("webhooks.description")}
              value={description}
              onChange={(ev) => setDescription(ev.currentTarget.value)}
            />
            <Checkbox.Group
              label={t("webhooks.events")}
              value={events}
              onChange={(v) => setEvents(v as WebhookEvent[])}
              error={fieldError("events")}
            >
              <Group mt={4}>
                {WEBHOOK_EVENTS.map((e) => (
                  <Checkbox key={e} value={e} label={e} />
                ))}
              </Group>
            </Checkbox.Group>
            {create.error && !err?.field && <Alert color="red">{create.error.message}</Alert>}
            <Button type="submit" loading={create.isPending} w="fit-content">
              {t("webhooks.add")}
            </Button>
          </Stack>
        </form>
      </Paper>
      {shownSecret && (
        <Alert
          color="yellow"
          withCloseButton
          onClose={() => setShownSecret(null)}
          closeButtonLabel={t("common.close")}
        >
          {t("webhooks.secretOnce")} <Code>{shownSecret}</Code>
        </Alert>
      )}
      {(hooks.data?.items.length ?? 0) === 0 ? (
        <Text c="dimmed">{t("webhooks.none")}</Text>
      ) : (
        <Stack
          gap="md"
          component="ul"
          aria-label={t("webhooks.listLabel")}
          style={{ listStyle: "none", padding: 0 }}
        >
          {hooks.data?.items.map((h) => (
            <Endpoint key={h.id} hook={h} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
