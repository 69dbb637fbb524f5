import { Alert, Button, Group, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { snapshotSchema } from "../../../../contracts/diagnostics.ts";
import type { Run } from "../../../../contracts/playbooks.ts";
import { ApiError, apiParsed } from "../../api/client.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { DiagnosticCodeButton } from "../diagnostics/DiagnosticCodeButton.tsx";
import { PortalDiagnosticCode } from "../portal/PortalDiagnosticCode.tsx";
import { useRunSnapshots } from "./playbooksApi.ts";

/**
 * A diagnostic check waits for a snapshot: the device sends one with the run's code (or the
 * agent pastes one), then whoever drives the run picks it and the check branches on its values.
 * Only snapshots sent for this run (or filed on its case) are offered.
 */
export function CheckAnswer(props: {
  run: Run;
  audience: "agent" | "customer";
  busy: boolean;
  onUse: (snapshotId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  // The customer reads about their app, in their words; the agent about the customer's device.
  const customer = props.audience === "customer";
  const snapshots = useRunSnapshots(props.run.id, true);
  const items = snapshots.data?.items ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  // Only a snapshot sent after the check appeared is taken by default; older ones can be picked.
  const shownAt = props.run.steps.at(-1)?.shownAt ?? props.run.startedAt;
  const fresh = items.filter((s) => s.capturedAt >= shownAt);
  const chosen = picked ?? fresh[0]?.id ?? null;
  const [pasted, setPasted] = useState("");
  const [pasteError, setPasteError] = useState<string | null>(null);
  const paste = useMutation({
    mutationFn: (data: Record<string, unknown>) =>
      apiParsed(snapshotSchema, "/api/v1/diagnostics", {
        body: {
          customerId: props.run.customerId,
          ...(props.run.caseId ? { caseId: props.run.caseId } : {}),
          runId: props.run.id,
          source: "agent",
          data,
        },
      }),
    onSuccess: (snap) => props.onUse(snap.id),
    onError: (err) => setPasteError(err instanceof ApiError ? err.message : t("common.genericError")),
  });
  const submitPaste = () => {
    setPasteError(null);
    try {
      const data = JSON.parse(pasted) as unknown;
      if (data === null || typeof data !== "object" || Array.isArray(data)) throw new Error("not an object");
      paste.mutate(data as Record<string, unknown>);
    } catch {
      setPasteError(t("runs.badJson"));
    }
  };

  return (
    <Stack gap="sm">
      {props.audience === "agent" ? (
        <DiagnosticCodeButton
          customerId={props.run.customerId}
          runId={props.run.id}
          {...(props.run.caseId ? { caseId: props.run.caseId } : {})}
        />
      ) : (
        <PortalDiagnosticCode label={t("runs.portalGetCode")} runId={props.run.id} />
      )}
      {fresh.length === 0 && (
        <Text size="sm" c="dimmed" role="status">
          {customer ? t("runs.checkWaitingCustomer") : t("runs.checkWaiting")}
        </Text>
      )}
      {items.length > 0 && (
        <Radio.Group
          label={customer ? t("runs.checkPickCustomer") : t("runs.checkPick")}
          value={chosen}
          onChange={setPicked}
        >
          <Stack gap={6} mt="xs">
            {items.map((s) => (
              <Radio
                key={s.id}
                value={s.id}
                label={s.summary}
                description={formatDateTime(s.capturedAt, i18n.language)}
              />
            ))}
          </Stack>
        </Radio.Group>
      )}
      <Group>
        <Button disabled={!chosen} loading={props.busy} onClick={() => chosen && props.onUse(chosen)}>
          {t("runs.useSnapshot")}
        </Button>
      </Group>
      {props.audience === "agent" && (
        <Stack gap={4}>
          <Textarea
            label={t("runs.pasteLabel")}
            value={pasted}
            onChange={(e) => setPasted(e.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={8}
            ff="monospace"
            error={pasteError}
          />
          <Group>
            <Button
              variant="light"
              size="compact-sm"
              disabled={!pasted.trim()}
              loading={paste.isPending}
              onClick={submitPaste}
            >
              {t("runs.pasteSubmit")}
            </Button>
          </Group>
        </Stack>
      )}
      {snapshots.isError && (
        <Alert color="red" role="alert">
          {t("common.genericError")}
        </Alert>
      )}
    </Stack>
  );
}
