import { Alert, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { IconStethoscope } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { diagnosticCodeSchema } from "../../../../contracts/diagnostics.ts";
import { ApiError, apiParsed } from "../../api/client.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { readableCode } from "../diagnostics/DiagnosticCodeButton.tsx";
import { keepCode, keptCode } from "../diagnostics/keptCode.ts";

/**
 * The customer's own one-time code: typed into the app's or device's "Send diagnostics"
 * screen, it files the snapshot on this customer (and on the request or help guide, when given) without
 * the customer ever handling an API token.
 */
export function PortalDiagnosticCode(props: { caseId?: string; runId?: string; label?: string }) {
  const { t, i18n } = useTranslation();
  const create = useMutation({
    mutationFn: () =>
      apiParsed(diagnosticCodeSchema, "/api/v1/portal/diagnostic-code", {
        body: {
          ...(props.caseId ? { caseId: props.caseId } : {}),
          ...(props.runId ? { runId: props.runId } : {}),
        },
      }),
    onSuccess: (code) => keepCode(props.runId, code),
  });
  const code = create.data ?? keptCode(props.runId);
  if (code)
    return (
      <Paper withBorder radius="md" p="sm" role="status" aria-live="polite">
        <Stack gap={4}>
          <Text size="sm">{t("portal.diagnostics.hint")}</Text>
          <Text ff="monospace" fz={28} fw={700} lts={2} data-testid="diagnostic-code">
            {readableCode(code.code)}
          </Text>
          <Text size="xs" c="dimmed">
            {t("portal.diagnostics.expires", {
              time: formatDateTime(code.expiresAt, i18n.language),
            })}
          </Text>
        </Stack>
      </Paper>
    );
  return (
    <Stack gap={4}>
      <Group>
        <Button
          variant="light"
          leftSection={<IconStethoscope size={16} aria-hidden />}
          onClick={() => create.mutate()}
          loading={create.isPending}
          // A long label wraps on a narrow phone instead of being cut off.
          maw="100%"
          h="auto"
          mih={36}
          py={6}
          styles={{ label: { whiteSpace: "normal", textAlign: "left", overflow: "visible" } }}
        >
          {props.label ?? t("portal.diagnostics.getCode")}
        </Button>
      </Group>
      {create.isError && (
        <Alert color="red" role="alert" p="xs">
          {create.error instanceof ApiError ? create.error.message : t("common.genericError")}
        </Alert>
      )}
    </Stack>
  );
}
