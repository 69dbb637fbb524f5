import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { useState } from "react";
import type { Session } from "../../../../contracts/academy-sessions.ts";
import { formatInZone } from "./LocalTime.tsx";
import { SessionDetail } from "./SessionDetail.tsx";
import { SessionForm } from "./SessionForm.tsx";
import { useStaffSessions } from "./sessionsApi.ts";
import { useAcademySessionsText } from "./sessionsText.ts";

/** Staff: the academy's live sessions (/app/academy/sessions): list, schedule, edit, run. */
export function SessionsStaffPage() {
  const { t, i18n } = useAcademySessionsText();
  const [when, setWhen] = useState<"upcoming" | "past">("upcoming");
  const [editing, setEditing] = useState<Session | "new" | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useStaffSessions(when);
  const open = list.data?.items.find((s) => s.id === openId) ?? null;
  return (
    <Stack p="md" gap="lg" maw={1200}>
      <Group justify="space-between">
        <Title order={1}>{t("academySessions.title")}</Title>
        <Button onClick={() => setEditing("new")}>{t("academySessions.newSession")}</Button>
      </Group>
      <SegmentedControl
        w="fit-content"
        value={when}
        onChange={(v) => setWhen(v as "upcoming" | "past")}
        data={[
          { value: "upcoming", label: t("academySessions.upcoming") },
          { value: "past", label: t("academySessions.past") },
        ]}
      />
      {list.isPending && <Loader size="sm" />}
      {list.isError && (
        <Alert color="red">{t("academySessions.loadError", { message: list.error.message })}</Alert>
      )}
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t("academySessions.none")}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("academySessions.fields.title")}</Table.Th>
              <Table.Th>{t("academySessions.fields.hostTimeZone")}</Table.Th>
              <Table.Th>{t("academySessions.fields.capacity")}</Table.Th>
              <Table.Th>{t("academySessions.registrations")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <UnstyledButton onClick={() => setOpenId(s.id)} fw={600}>
                    {s.title}
                  </UnstyledButton>
                  {s.state !== "scheduled" && (
                    <Badge ml="xs" color="gray" variant="light">
                      {t(`academySessions.state.${s.state}`)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatInZone(s.startsAt, i18n.language, s.hostTimeZone)}</Table.Td>
                <Table.Td>
                  {t("academySessions.seats", { taken: s.seatsTaken, capacity: s.capacity })}
                </Table.Td>
                <Table.Td>
                  {s.waitlisted > 0 ? t("academySessions.waitlisted", { count: s.waitlisted }) : "—"}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {open && <SessionDetail session={open} onEdit={() => setEditing(open)} />}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? t("academySessions.newSession") : t("academySessions.edit")}
        size="lg"
        closeButtonProps={{ "aria-label": t("academySessions.close") }}
      >
        {editing !== null && (
          <SessionForm session={editing === "new" ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </Stack>
  );
}
