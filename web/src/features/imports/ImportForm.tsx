import { Alert, Button, Checkbox, Paper, SegmentedControl, Stack, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import type { ImportRun } from "../../../../contracts/imports.ts";
import { ApiError } from "../../api/client.ts";
import { notifyDone } from "../escalations/notify.ts";
import { CredentialsFields, NO_CREDENTIALS } from "./CredentialsFields.tsx";
import { useStartImport } from "./importsApi.ts";
import { useImportsText } from "./importsText.ts";

/**
 * The start form: a Zendesk subdomain (or any compatible base URL), the admin's email and API
 * token, an optional "since" day, and the dry-run switch. Errors land on the field the server
 * names; the token field is cleared once the run is queued (the server keeps it sealed).
 */
export function ImportForm(props: { onStarted: (run: ImportRun) => void }) {
  const { t } = useImportsText();
  const start = useStartImport();
  const [where, setWhere] = useState<"subdomain" | "url">("subdomain");
  const [subdomain, setSubdomain] = useState("");
  const [url, setUrl] = useState("");
  const [credentials, setCredentials] = useState(NO_CREDENTIALS);
  const [since, setSince] = useState("");
  const [dryRun, setDryRun] = useState(false);
  const err = start.error instanceof ApiError ? start.error : null;
  const known = ["subdomain", "url", "email", "token", "since"];
  const fieldError = (f: string) => (err?.field === f ? err.message : undefined);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="import-form-heading">
      <Title order={2} size="h5" id="import-form-heading" mb="sm">
        {t("imports.form.title")}
      </Title>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          start.mutate(
            {
              ...(where === "subdomain" ? { subdomain: subdomain.trim() } : { url: url.trim() }),
              email: credentials.email.trim(),
              token: credentials.token,
              ...(since ? { since } : {}),
              dryRun,
            },
            {
              onSuccess: (run) => {
                setCredentials((c) => ({ ...c, token: "" }));
                notifyDone(t, t("imports.run.started"));
                props.onStarted(run);
              },
            },
          );
        }}
      >
        <Stack gap="sm" maw={560}>
          <SegmentedControl
            aria-label={t("imports.form.where")}
            value={where}
            onChange={(v) => setWhere(v as "subdomain" | "url")}
            data={[
              { value: "subdomain", label: t("imports.form.bySubdomain") },
              { value: "url", label: t("imports.form.byUrl") },
            ]}
            w="fit-content"
          />
          {where === "subdomain" ? (
            <TextInput
              label={t("imports.form.subdomain")}
              description={t("imports.form.subdomainHint")}
              required
              value={subdomain}
              onChange={(ev) => setSubdomain(ev.currentTarget.value)}
              error={fieldError("subdomain") ?? fieldError("url")}
              autoComplete="off"
            />
          ) : (
            <TextInput
              label={t("imports.form.url")}
              description={t("imports.form.urlHint")}
              placeholder="https://"
              required
              value={url}
              onChange={(ev) => setUrl(ev.currentTarget.value)}
              error={fieldError("url") ?? fieldError("subdomain")}
              autoComplete="off"
            />
          )}
          <CredentialsFields
            value={credentials}
            onChange={setCredentials}
            fieldError={fieldError}
            tokenHint={t("imports.form.tokenHint")}
          />
          <TextInput
            label={t("imports.form.since")}
            description={t("imports.form.sinceHint")}
            type="date"
            value={since}
            onChange={(ev) => setSince(ev.currentTarget.value)}
            error={fieldError("since")}
            w="fit-content"
          />
          <Checkbox
            label={t("imports.form.dryRun")}
            checked={dryRun}
            onChange={(ev) => setDryRun(ev.currentTarget.checked)}
          />
          {start.error && !known.includes(err?.field ?? "") && (
            <Alert color="red" role="alert">
              {start.error.message}
            </Alert>
          )}
          <Button type="submit" loading={start.isPending} w="fit-content">
            {dryRun ? t("imports.form.startDry") : t("imports.form.start")}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
