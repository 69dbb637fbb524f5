import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAlertTriangle, IconBolt, IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { PROBLEM_STATUSES, type ProblemStatus } from "../../../../contracts/problems.ts";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { formatDateTime } from "../../ui/formatDate.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "../auth/session.ts";
import { NewProblemModal } from "./NewProblemModal.tsx";
import { ProblemStatusBadge } from "./ProblemStatusBadge.tsx";
import { type ListStatus, useProblemList } from "./problemsApi.ts";
import { useProblemsText } from "./problemsText.ts";

/** Problems: the recurring faults being worked on, the most recently seen first. */
export function ProblemsPage() {
  const { t, i18n } = useProblemsText();
  const [params, setParams] = useSearchParams();
  const asked = params.get("status") ?? "active";
  const status: ListStatus =
    asked === "all" || (PROBLEM_STATUSES as readonly string[]).includes(asked)
      ? (asked as ListStatus)
      : "active";
  const [q, setQ] = useState(params.get("q") ?? "");
  const [debounced] = useDebouncedValue(q, 250);
  const list = useProblemList(status, debounced);
  const [creating, setCreating] = useState(false);
  const canWork = useMe().data?.permissions.includes("cases.work") ?? false;
  const items = list.data?.items ?? [];
  const statusLabel: Record<ProblemStatus, string> = {
    investigating: t("problemStatus.investigating"),
    identified: t("problemStatus.identified"),
    workaround_available: t("problemStatus.workaround_available"),
    fix_in_progress: t("problemStatus.fix_in_progress"),
    fixed: t("problemStatus.fixed"),
    closed: t("problemStatus.closed"),
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap">
        <PageTitle>{t("problems.title")}</PageTitle>
        <Group gap="sm">
          <Button
            component={Link}
            to="/app/problems/emerging"
            variant="default"
            leftSection={<IconBolt size={16} aria-hidden />}
          >
            {t("problems.emerging")}
          </Button>
          {canWork && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t("problems.newProblem")}
            </Button>
          )}
        </Group>
      </Group>
      <Group gap="sm" wrap="wrap">
        <Select
          aria-label={t("problems.filterLabel")}
          value={status}
          onChange={(v) => {
            const next = new URLSearchParams(params);
            if (v && v !== "active") next.set("status", v);
            else next.delete("status");
            setParams(next, { replace: true });
          }}
          data={[
            { value: "active", label: t("problems.filters.active") },
            { value: "all", label: t("problems.filters.all") },
            ...PROBLEM_STATUSES.map((s) => ({ value: s, label: statusLabel[s] })),
          ]}
          allowDeselect={false}
          w={220}
        />
        <TextInput
          type="search"
          aria-label={t("problems.searchLabel")}
          placeholder={t("problems.searchPlaceholder")}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={
            list.isFetching && !list.isPending ? <Loader size={14} aria-label={t("common.loading")} /> : null
          }
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: "100%", xs: 300 }}
        />
      </Group>
      {list.isPending ? (
        <Center py="xl">
          <Loader aria-label={t("common.loading")} />
        </Center>
      ) : list.isError ? (
        <Alert color="red" role="alert" title={t("problems.loadError")}>
          {list.error.message}
        </Alert>
      ) : items.length === 0 ? (
        <EmptyState
          icon={<IconAlertTriangle size={28} />}
          title={t("problems.emptyTitle")}
          body={debounced.trim() ? t("problems.emptySearchBody") : t("problems.emptyBody")}
        />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" highlightOnHover aria-label={t("problems.listLabel")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("problems.columns.number")}</Table.Th>
                  <Table.Th scope="col">{t("problems.columns.title")}</Table.Th>
                  <Table.Th scope="col">{t("problems.columns.status")}</Table.Th>
                  <Table.Th scope="col">{t("problems.columns.cases")}</Table.Th>
                  <Table.Th scope="col">{t("problems.columns.customers")}</Table.Th>
                  <Table.Th scope="col">{t("problems.columns.lastSeen")}</Table.Th>
                  <Table.Th scope="col">{t("problems.columns.owner")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id} data-problem-id={p.id}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Text size="sm" c="dimmed" fw={700}>
                        {t("problems.number", { number: p.number })}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={420}>
                      <Anchor component={Link} to={`/app/problems/${p.id}`} size="sm" fw={600}>
                        {p.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td miw={150}>
                      <ProblemStatusBadge status={p.status} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {t("problems.casesOpen", { cases: p.caseCount, open: p.openCaseCount })}
                    </Table.Td>
                    <Table.Td>{p.customerCount}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Text size="sm">
                        {p.lastSeenAt ? formatDateTime(p.lastSeenAt, i18n.language) : t("problems.never")}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Text size="sm" c={p.owner ? undefined : "dimmed"}>
                        {p.owner?.name ?? t("problems.noOwner")}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {creating && <NewProblemModal opened onClose={() => setCreating(false)} />}
    </Stack>
  );
}
