import {
  Alert,
  Button,
  Checkbox,
  FileInput,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import type { Session } from "../../../../contracts/academy-sessions.ts";
import {
  useCancelSession,
  useImportAttendance,
  useMarkAttendance,
  useRegistrations,
  useSetRecording,
} from "./sessionsApi.ts";
import { useAcademySessionsText } from "./sessionsText.ts";

/** One session for its host: registrations with attendance checks, the CSV import, recording, cancel. */
export function SessionDetail(props: { session: Session; onEdit: () => void }) {
  const { t } = useAcademySessionsText();
  const s = props.session;
  const regs = useRegistrations(s.id);
  const mark = useMarkAttendance();
  const importCsv = useImportAttendance();
  const recording = useSetRecording();
  const cancel = useCancelSession();
  const [url, setUrl] = useState(s.recordingUrl ?? "");
  const onFile = async (file: File | null) => {
    if (file) importCsv.mutate({ id: s.id, csv: await file.text() });
  };
  return (
    <Paper withBorder p="md">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h3">
            {s.title}
          </Title>
          <Group>
            {s.state === "scheduled" && (
              <>
                <Button variant="default" onClick={props.onEdit}>
                  {t("academySessions.edit")}
                </Button>
                <Button
                  color="red"
                  variant="light"
                  loading={cancel.isPending}
                  onClick={() => {
                    if (window.confirm(t("academySessions.confirmCancel", { title: s.title })))
                      cancel.mutate(s.id);
                  }}
                >
                  {t("academySessions.cancelSession")}
                </Button>
              </>
            )}
          </Group>
        </Group>
        <Title order={3} size="h4">
          {t("academySessions.registrations")}
        </Title>
        {regs.data && regs.data.items.length === 0 && (
          <Text c="dimmed">{t("academySessions.noRegistrations")}</Text>
        )}
        {regs.data && regs.data.items.length > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("academySessions.customer")}</Table.Th>
                <Table.Th>{t("academySessions.email")}</Table.Th>
                <Table.Th>{t("academySessions.registration")}</Table.Th>
                <Table.Th>{t("academySessions.attended")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {regs.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.customer.name}</Table.Td>
                  <Table.Td>{r.customer.email ?? "—"}</Table.Td>
                  <Table.Td>
                    {r.status === "waitlisted"
                      ? t("academySessions.waitlistPosition", { position: r.waitlistPosition })
                      : t(`academySessions.status.${r.status}`)}
                  </Table.Td>
                  <Table.Td>
                    {r.status !== "cancelled" && (
                      <Checkbox
                        aria-label={t("academySessions.attendedOf", { name: r.customer.name })}
                        checked={r.attended === true}
                        onChange={(e) =>
                          mark.mutate({
                            id: s.id,
                            customerIds: [r.customer.id],
                            attended: e.currentTarget.checked,
                          })
                        }
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <FileInput
          label={t("academySessions.importCsv")}
          accept=".csv,text/csv"
          clearable
          onChange={(f) => void onFile(f)}
        />
        {importCsv.data && (
          <Alert color={importCsv.data.unknownEmails.length ? "yellow" : "teal"}>
            {importCsv.data.unknownEmails.length
              ? t("academySessions.imported", {
                  marked: importCsv.data.marked,
                  unknown: importCsv.data.unknownEmails.join(", "),
                })
              : t("academySessions.importedAll", { marked: importCsv.data.marked })}
          </Alert>
        )}
        {s.state !== "cancelled" && (
          <Group align="flex-end">
            <TextInput
              label={t("academySessions.fields.recordingUrl")}
              type="url"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={recording.error?.message}
              style={{ flex: 1 }}
            />
            <Button loading={recording.isPending} onClick={() => recording.mutate({ id: s.id, url })}>
              {t("academySessions.addRecording")}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
