import {
  ActionIcon,
  Anchor,
  Badge,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from "@mantine/core";
import { IconLinkOff } from "@tabler/icons-react";
import { Link } from "react-router";
import type { Case } from "../../../../contracts/cases.ts";
import { StatusBadge } from "../cases/CaseBadges.tsx";
import { notifyDone } from "../escalations/notify.ts";
import { unlinkCase, useLinkedCases, useProblemWrite } from "./problemsApi.ts";
import { useProblemsText } from "./problemsText.ts";

const CASE_STATUSES = new Set(["new", "open", "pending", "on_hold", "solved", "closed"]);

/** The cases linked to a problem, with who asked and whether they wait on it. */
export function LinkedCasesCard(props: { problemId: string; canWork: boolean }) {
  const { t } = useProblemsText();
  const cases = useLinkedCases(props.problemId);
  const unlink = useProblemWrite((c: { caseId: string; number: number }) =>
    unlinkCase(props.problemId, c.caseId),
  );
  const items = cases.data?.items ?? [];

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="problem-cases">
      <Stack gap="sm">
        <Title order={2} size="h4" id="problem-cases">
          {t("problems.cases.title")} {cases.data ? `(${items.length})` : ""}
        </Title>
        {cases.isPending ? (
          <Loader size="sm" aria-label={t("common.loading")} />
        ) : cases.isError ? (
          <Text size="sm" c="var(--mantine-color-error)">
            {cases.error.message}
          </Text>
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("problems.cases.none")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={620}>
            <Table verticalSpacing="xs" aria-label={t("problems.cases.tableLabel")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("problems.cases.case")}</Table.Th>
                  <Table.Th scope="col">{t("problems.cases.subject")}</Table.Th>
                  <Table.Th scope="col">{t("problems.cases.customer")}</Table.Th>
                  <Table.Th scope="col">{t("problems.cases.status")}</Table.Th>
                  {props.canWork && (
                    <Table.Th scope="col">
                      <VisuallyHidden>{t("problems.cases.unlink")}</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.caseId} data-case-id={c.caseId}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Anchor component={Link} to={`/app/cases/${c.caseId}`} size="sm" fw={600}>
                        {t("problems.cases.ref", { number: c.number })}
                      </Anchor>
                    </Table.Td>
                    <Table.Td maw={320}>
                      <Text size="sm" lineClamp={2}>
                        {c.subject}
                      </Text>
                      {c.reason && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {c.reason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/app/customers/${c.customer.id}`} size="sm">
                        {c.customer.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        {CASE_STATUSES.has(c.status) ? (
                          <StatusBadge status={c.status as Case["status"]} />
                        ) : (
                          <Badge variant="light" color="gray">
                            {c.status}
                          </Badge>
                        )}
                        {c.waiting && (
                          <Badge
                            variant="outline"
                            color="grape"
                            size="sm"
                            style={{ minWidth: "max-content" }}
                          >
                            {t("problems.cases.waiting")}
                          </Badge>
                        )}
                      </Stack>
                    </Table.Td>
                    {props.canWork && (
                      <Table.Td>
                        <Tooltip label={t("problems.cases.unlink")}>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={t("problems.cases.unlinkLabel", { number: c.number })}
                            loading={unlink.isPending && unlink.variables?.caseId === c.caseId}
                            onClick={() =>
                              unlink.mutate(c, {
                                onSuccess: () =>
                                  notifyDone(t, t("problems.cases.unlinked", { number: c.number })),
                              })
                            }
                          >
                            <IconLinkOff size={16} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {unlink.error && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {unlink.error.message}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
