import {
  Alert,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useEffect, useState } from "react";
import { useAuditStream, useAuditStreamActions } from "./auditApi.ts";
import { useAuditText } from "./auditText.ts";

/** The audit log's stream to a SIEM (server: audit/stream.service.ts). */
export function AuditStreamCard() {
  const { t } = useAuditText();
  const stream = useAuditStream();
  const { save, deliver, remove } = useAuditStreamActions();
  const [url, setUrl] = useState("");
  const [enabled, setEnabled] = useState(true);
  const [history, setHistory] = useState(false);
  useEffect(() => {
    if (stream.data) {
      setUrl(stream.data.url);
      setEnabled(stream.data.enabled);
    }
  }, [stream.data]);
  const current = stream.data;
  const failure = save.error ?? deliver.error ?? remove.error;
  const secret = save.data?.secret;

  return (
    <Card withBorder component="section" aria-labelledby="audit-stream-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="audit-stream-title">
          {t("audit.stream.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("audit.stream.intro")}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ url, enabled, ...(current ? {} : { includeHistory: history }) });
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t("audit.stream.url")}
              type="url"
              required
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={failure && "field" in failure && failure.field === "url" ? failure.message : undefined}
            />
            <Switch
              label={t("audit.stream.enabled")}
              checked={enabled}
              onChange={(e) => setEnabled(e.currentTarget.checked)}
            />
            {!current && (
              <Checkbox
                label={t("audit.stream.includeHistory")}
                checked={history}
                onChange={(e) => setHistory(e.currentTarget.checked)}
              />
            )}
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t("audit.stream.save")}
              </Button>
              {current && (
                <>
                  <Button variant="light" loading={deliver.isPending} onClick={() => deliver.mutate()}>
                    {t("audit.stream.sendNow")}
                  </Button>
                  <Button
                    variant="default"
                    onClick={() =>
                      save.mutate({ url: current.url, enabled: current.enabled, newSecret: true })
                    }
                  >
                    {t("audit.stream.newSecret")}
                  </Button>
                  <Button variant="subtle" color="red" onClick={() => remove.mutate()}>
                    {t("audit.stream.remove")}
                  </Button>
                </>
              )}
            </Group>
          </Stack>
        </form>
        {secret && (
          <Alert color="yellow" role="status">
            <Text size="sm">{t("audit.stream.secretOnce")}</Text>
            <Code>{secret}</Code>
          </Alert>
        )}
        {current && (
          <Text size="sm" role="status">
            {current.enabled
              ? t("audit.stream.status", { delivered: current.deliveredSeq, head: current.headSeq })
              : t("audit.stream.paused")}
          </Text>
        )}
        {current?.lastError && (
          <Alert color="red">{t("audit.stream.lastError", { error: current.lastError })}</Alert>
        )}
        {failure && !("field" in failure && failure.field === "url") && (
          <Alert color="red">{failure.message}</Alert>
        )}
      </Stack>
    </Card>
  );
}
