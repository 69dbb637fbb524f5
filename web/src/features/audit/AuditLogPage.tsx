import {
  Alert,
  Button,
  Code,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import type { AuditEntryView } from "../../../../contracts/audit.ts";
import { AuditStreamCard } from "./AuditStreamCard.tsx";
import { type AuditFilters, filterQuery, useAuditLog, useVerifyChain } from "./auditApi.ts";
import { useAuditText } from "./auditText.ts";

const EMPTY: AuditFilters = { action: "", actor: "", subject: "", q: "", from: "", to: "" };

/** Settings → Audit log: filters, the list (newest first), a record's detail, exports, verify. */
export function AuditLogPage() {
  const { t } = useAuditText();
  const [draft, setDraft] = useState(EMPTY);
  const [filters, setFilters] = useState(EMPTY);
  const [open, setOpen] = useState<AuditEntryView | null>(null);
  const log = useAuditLog(filters);
  const verify = useVerifyChain();
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];
  const qs = filterQuery(filters);
  const exportHref = (format: string) => `/api/v1/audit/export?format=${format}${qs ? `&${qs}` : ""}`;
  const field = (key: keyof AuditFilters, label: string, type = "text", description?: string) => (
    <TextInput
      label={label}
      type={type}
      description={description}
      value={draft[key]}
      onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
    />
  );

  return (
    <Stack gap="md" maw={1100}>
      <Title order={1}>{t("audit.title")}</Title>
      <Text c="dimmed">{t("audit.intro")}</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <Group align="flex-end" wrap="wrap">
          {field("action", t("audit.action"), "text", t("audit.actionHint"))}
          {field("actor", t("audit.actor"))}
          {field("subject", t("audit.subject"))}
          {field("q", t("audit.search"))}
          {field("from", t("audit.from"), "datetime-local")}
          {field("to", t("audit.to"), "datetime-local")}
          <Button type="submit">{t("audit.apply")}</Button>
        </Group>
      </form>
      <Group>
        <Button component="a" variant="default" href={exportHref("csv")} download>
          {t("audit.exportCsv")}
        </Button>
        <Button component="a" variant="default" href={exportHref("jsonl")} download>
          {t("audit.exportJsonl")}
        </Button>
        <Button variant="light" loading={verify.isPending} onClick={() => verify.mutate()}>
          {t("audit.verify")}
        </Button>
      </Group>
      {verify.data && (
        <Alert role="status" color={verify.data.ok ? "green" : "red"}>
          {verify.data.broken
            ? t("audit.verifyBroken", { ...verify.data.broken })
            : t("audit.verifyOk", { count: verify.data.records })}
        </Alert>
      )}
      {log.error && <Alert color="red">{t("audit.loadError", { message: log.error.message })}</Alert>}
      {log.isPending ? (
        <Loader />
      ) : entries.length === 0 ? (
        <Text>{t("audit.empty")}</Text>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t("audit.when")}</Table.Th>
              <Table.Th>{t("audit.who")}</Table.Th>
              <Table.Th>{t("audit.what")}</Table.Th>
              <Table.Th>{t("audit.on")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => setOpen(e)}>
                    {e.seq}
                  </Button>
                </Table.Td>
                <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
                <Table.Td>{e.actor ? (e.actor.email ?? e.actor.id) : t("audit.nobody")}</Table.Td>
                <Table.Td>
                  <Code>{e.action}</Code>
                </Table.Td>
                <Table.Td>
                  {[e.subjectType, e.subjectEmail ?? e.subjectId].filter(Boolean).join(" ")}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {log.hasNextPage && (
        <Button variant="default" loading={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
          {t("audit.more")}
        </Button>
      )}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={t("audit.detail", { seq: open?.seq })}
      >
        {open && (
          <Stack gap="xs">
            <Text>
              <Code>{open.action}</Code> · {new Date(open.at).toLocaleString()}
            </Text>
            <Code block>{JSON.stringify(open.data, null, 2)}</Code>
            <Text size="sm">
              {t("audit.requestId")}: {open.requestId ?? "—"}
            </Text>
            <Text size="sm" style={{ wordBreak: "break-all" }}>
              {t("audit.hash")}: <Code>{open.hash}</Code>
            </Text>
            <Text size="sm" style={{ wordBreak: "break-all" }}>
              {t("audit.prevHash")}: <Code>{open.prevHash}</Code>
            </Text>
          </Stack>
        )}
      </Modal>
      <AuditStreamCard />
    </Stack>
  );
}
