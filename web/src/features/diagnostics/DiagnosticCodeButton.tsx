import { Alert, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { IconStethoscope } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { useCreateCode } from "./diagnosticsApi.ts";
import { keepCode, keptCode } from "./keptCode.ts";

/** "K7QM3XPA" → "K7QM-3XPA": two groups of four are easier to read aloud. */
export function readableCode(code: string): string {
  const plain = code.replace(/[\s-]/g, "").toUpperCase();
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : code;
}

/**
 * A short-lived code the agent reads to the customer; whatever the customer's app or device
 * then sends with it lands on this customer (and case, or the playbook run and its case).
 */
export function DiagnosticCodeButton(props: { customerId: string; caseId?: string; runId?: string }) {
  const { t, i18n } = useTranslation();
  const create = useCreateCode();
  const request = () =>
    create.mutate(
      {
        customerId: props.customerId,
        ...(props.caseId ? { caseId: props.caseId } : {}),
        ...(props.runId ? { runId: props.runId } : {}),
      },
      { onSuccess: (code) => keepCode(props.runId, code) },
    );
  const code = create.data ?? keptCode(props.runId);

  if (code)
    return (
      <Paper withBorder radius="md" p="sm" bg="gray.0" role="status" aria-live="polite">
        <Stack gap={4}>
          <Text size="sm">{t("diagnostics.codeReadAloud")}</Text>
          <Text
            ff="monospace"
            fz={28}
            fw={700}
            lts={2}
            data-testid="diagnostic-code"
            style={{ userSelect: "all" }}
          >
            {readableCode(code.code)}
          </Text>
          <Text size="xs" c="dimmed">
            {t("diagnostics.codeExpires", { time: formatDateTime(code.expiresAt, i18n.language) })}
          </Text>
          <Group>
            <Button size="compact-xs" variant="subtle" onClick={request} loading={create.isPending}>
              {t("diagnostics.codeNew")}
            </Button>
          </Group>
        </Stack>
      </Paper>
    );

  return (
    <Stack gap={4}>
      <Group>
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconStethoscope size={14} aria-hidden />}
          onClick={request}
          loading={create.isPending}
        >
          {t("diagnostics.getCode")}
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
