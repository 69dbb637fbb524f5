import { Alert, Button, Group, NumberInput, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { IMPORT_SYNC_MINUTES, type ImportRun } from "../../../../contracts/imports.ts";
import { ApiError } from "../../api/client.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { notifyDone } from "../escalations/notify.ts";
import { CredentialsFields, NO_CREDENTIALS } from "./CredentialsFields.tsx";
import { useDisableSync, useEnableSync } from "./importsApi.ts";
import { useImportsText } from "./importsText.ts";

/**
 * Keeping a finished import's account in sync for the cut-over: a delta run every N minutes
 * until it is turned off. When on, it says when the last sync ran (and how it ended) and when
 * the next one will; the form changes the interval. The credentials are asked again: the
 * finished run no longer holds them, the sync keeps them sealed.
 */
export function SyncPanel(props: { run: ImportRun }) {
  const { t, i18n } = useImportsText();
  const { run } = props;
  const sync = run.sync;
  const enable = useEnableSync();
  const disable = useDisableSync();
  const [minutes, setMinutes] = useState<number | string>(sync?.everyMinutes ?? 15);
  const [credentials, setCredentials] = useState(NO_CREDENTIALS);
  const err = enable.error instanceof ApiError ? enable.error : null;
  const fieldError = (f: string) => (err?.field === f ? err.message : undefined);
  const canSet = run.status === "done" && !run.dryRun;
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <Stack gap="xs" maw={560} component="section" aria-labelledby="import-sync-heading">
      <Title order={3} size="h6" id="import-sync-heading">
        {t("imports.sync.title")}
      </Title>
      {sync ? (
        <Stack gap={4} data-testid="import-sync">
          <Text size="sm">{t("imports.sync.on", { count: sync.everyMinutes })}</Text>
          <Text size="sm" data-testid="import-sync-last">
            {sync.lastSyncAt
              ? t("imports.sync.last", {
                  date: date(sync.lastSyncAt),
                  status: sync.lastStatus ? t(`imports.run.status.${sync.lastStatus}`) : "",
                })
              : t("imports.sync.never")}
          </Text>
          <Text size="sm" data-testid="import-sync-next">
            {t("imports.sync.next", { date: date(sync.nextSyncAt) })}
          </Text>
          <Group>
            <Button
              variant="default"
              color="red"
              loading={disable.isPending}
              onClick={() =>
                disable.mutate(run.id, { onSuccess: () => notifyDone(t, t("imports.sync.stopped")) })
              }
            >
              {t("imports.sync.stop")}
            </Button>
            {disable.error && (
              <Text c="red" size="sm" role="alert">
                {disable.error.message}
              </Text>
            )}
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t("imports.sync.hint")}
        </Text>
      )}
      {canSet && (
        <form
          aria-label={sync ? t("imports.sync.change") : t("imports.sync.start")}
          onSubmit={(ev) => {
            ev.preventDefault();
            enable.mutate(
              {
                id: run.id,
                everyMinutes: Number(minutes),
                email: credentials.email.trim(),
                token: credentials.token,
              },
              {
                onSuccess: () => {
                  setCredentials((c) => ({ ...c, token: "" }));
                  notifyDone(t, t("imports.sync.saved"));
                },
              },
            );
          }}
        >
          <Stack gap="xs">
            <NumberInput
              label={t("imports.sync.every")}
              description={t("imports.sync.everyHint")}
              min={IMPORT_SYNC_MINUTES.min}
              max={IMPORT_SYNC_MINUTES.max}
              allowDecimal={false}
              required
              value={minutes}
              onChange={setMinutes}
              error={fieldError("everyMinutes")}
              w={200}
            />
            <CredentialsFields
              value={credentials}
              onChange={setCredentials}
              fieldError={fieldError}
              tokenHint={t("imports.sync.tokenHint")}
            />
            {enable.error && !["everyMinutes", "email", "token"].includes(err?.field ?? "") && (
              <Alert color="red" role="alert">
                {enable.error.message}
              </Alert>
            )}
            <Button type="submit" loading={enable.isPending} w="fit-content">
              {sync ? t("imports.sync.change") : t("imports.sync.start")}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
