import { Anchor, Group, Select, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { Loaded, StatusBadge, useStatusLabel } from "./common.tsx";
import { STATUSES, useBoards, usePriorities } from "./feedbackApi.ts";
import { useFeedbackStaffText } from "./feedbackStaffText.ts";

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Ideas ranked by the score, with every term in its own column (count × weight = points, and
 * the recency factor), so anyone can see why an idea is where it is and argue with the weights.
 */
export function PrioritiesTab() {
  const { t } = useFeedbackStaffText();
  const statusLabel = useStatusLabel();
  const boards = useBoards();
  const [boardId, setBoardId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const priorities = usePriorities({ boardId: boardId ?? undefined, status: status ?? undefined });
  const [, setParams] = useSearchParams();
  const term = (x: { count?: number; total?: number; weight: number; points: number }) =>
    t("feedbackStaff.priorities.term", {
      count: round(x.count ?? x.total ?? 0),
      weight: round(x.weight),
      points: round(x.points),
    });

  return (
    <Stack gap="md">
      <Text size="sm">{t("feedbackStaff.priorities.intro")}</Text>
      <Group gap="sm">
        <Select
          label={t("feedbackStaff.ideas.board")}
          placeholder={t("feedbackStaff.ideas.allBoards")}
          data={(boards.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
          value={boardId}
          onChange={setBoardId}
          clearable
          w={200}
        />
        <Select
          label={t("feedbackStaff.ideas.status")}
          placeholder={t("feedbackStaff.ideas.anyStatus")}
          data={STATUSES.filter((s) => s !== "duplicate").map((s) => ({ value: s, label: statusLabel(s) }))}
          value={status}
          onChange={setStatus}
          clearable
          w={200}
        />
      </Group>
      <Loaded query={priorities}>
        {(data) => (
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              {t("feedbackStaff.priorities.weights", {
                ...data.weights,
                days: data.weights.recencyHalfLifeDays,
              })}
            </Text>
            {data.items.length === 0 ? (
              <Text c="dimmed">{t("feedbackStaff.priorities.empty")}</Text>
            ) : (
              <Table.ScrollContainer minWidth={900}>
                <Table aria-label={t("feedbackStaff.priorities.tableLabel")} verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("feedbackStaff.priorities.idea")}</Table.Th>
                      <Table.Th ta="right">{t("feedbackStaff.priorities.score")}</Table.Th>
                      <Table.Th>{t("feedbackStaff.priorities.requesters")}</Table.Th>
                      <Table.Th>{t("feedbackStaff.priorities.value")}</Table.Th>
                      <Table.Th>{t("feedbackStaff.priorities.repeats")}</Table.Th>
                      <Table.Th>{t("feedbackStaff.priorities.churned")}</Table.Th>
                      <Table.Th>{t("feedbackStaff.priorities.recency")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map(({ idea, score, terms }) => (
                      <Table.Tr key={idea.id}>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Anchor
                              component="button"
                              type="button"
                              size="sm"
                              ta="left"
                              aria-label={t("feedbackStaff.ideas.open", { title: idea.title })}
                              onClick={() => setParams({ idea: idea.id })}
                            >
                              #{idea.number} {idea.title}
                            </Anchor>
                            <StatusBadge status={idea.status} label={idea.statusLabel} />
                          </Group>
                        </Table.Td>
                        <Table.Td ta="right" fw={700}>
                          {round(score)}
                        </Table.Td>
                        <Table.Td>{term(terms.requesters)}</Table.Td>
                        <Table.Td>{term(terms.value)}</Table.Td>
                        <Table.Td>{term(terms.repeats)}</Table.Td>
                        <Table.Td>{term(terms.churned)}</Table.Td>
                        <Table.Td>
                          {t("feedbackStaff.priorities.recencyTerm", {
                            factor: round(terms.recency.factor),
                            days: terms.recency.halfLifeDays,
                          })}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        )}
      </Loaded>
    </Stack>
  );
}
