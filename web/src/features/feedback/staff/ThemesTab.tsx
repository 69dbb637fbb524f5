import { Anchor, Button, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { notifyDone } from "../../escalations/notify.ts";
import { Loaded } from "./common.tsx";
import {
  type IdeaRef,
  mergeIdea,
  type ThemeMover,
  type ThemeSeries,
  useBoards,
  useFeedbackWrite,
  useMergeSuggestions,
  useThemes,
} from "./feedbackApi.ts";
import { useFeedbackStaffText } from "./feedbackStaffText.ts";

const pointsOf = (s: ThemeSeries) => s.months ?? s.series ?? s.points ?? [];

/**
 * Complaint themes: new ideas and linked cases per month by board and by tag, the top movers
 * this month, and similar ideas not yet merged (each with a Merge button: the one with fewer
 * votes goes into the other).
 */
export function ThemesTab() {
  const { t } = useFeedbackStaffText();
  const [months, setMonths] = useState("6");
  const themes = useThemes(Number(months));
  const boards = useBoards();
  const boardName = new Map((boards.data?.items ?? []).map((b) => [b.id, b.name]));
  const nameOf = (s: ThemeSeries) =>
    s.name ?? s.label ?? s.tag ?? boardName.get(s.boardId ?? s.id ?? "") ?? s.boardId ?? s.id ?? "";

  return (
    <Stack gap="lg">
      <Group gap="sm" align="center">
        <Text size="sm" fw={500} id="themes-months-label">
          {t("feedbackStaff.themes.months")}
        </Text>
        <SegmentedControl
          aria-labelledby="themes-months-label"
          value={months}
          onChange={setMonths}
          data={["3", "6", "12"]}
        />
      </Group>
      <Loaded query={themes}>
        {(data) => (
          <Stack gap="lg">
            <Movers movers={data.topMovers ?? data.movers ?? []} />
            <SeriesTable
              title={t("feedbackStaff.themes.byBoard")}
              rows={data.byBoard ?? data.boards ?? []}
              nameOf={nameOf}
            />
            <SeriesTable
              title={t("feedbackStaff.themes.byTag")}
              rows={data.byTag ?? data.tags ?? []}
              nameOf={nameOf}
            />
          </Stack>
        )}
      </Loaded>
      <MergeSuggestions />
    </Stack>
  );
}

function Movers(props: { movers: ThemeMover[] }) {
  const { t } = useFeedbackStaffText();
  return (
    <Stack gap="xs" component="section" aria-labelledby="themes-movers-heading">
      <Title order={2} size="h5" id="themes-movers-heading">
        {t("feedbackStaff.themes.movers")}
      </Title>
      {props.movers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("feedbackStaff.themes.noMovers")}
        </Text>
      ) : (
        <Stack gap={4} component="ol" m={0} pl="md">
          {props.movers.map((m, i) => (
            <Text key={`${m.kind ?? ""}-${m.name ?? m.tag ?? m.label ?? i}`} component="li" size="sm">
              {t("feedbackStaff.themes.moverEntry", {
                name: m.name ?? m.label ?? m.tag ?? "",
                current: m.current ?? m.thisMonth ?? 0,
                previous: m.previous ?? m.lastMonth ?? 0,
              })}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function SeriesTable(props: { title: string; rows: ThemeSeries[]; nameOf: (s: ThemeSeries) => string }) {
  const { t } = useFeedbackStaffText();
  const months = [...new Set(props.rows.flatMap((r) => pointsOf(r).map((p) => p.month)))].sort();
  return (
    <Stack gap="xs" component="section">
      <Title order={2} size="h5">
        {props.title}
      </Title>
      {props.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("feedbackStaff.themes.empty")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table aria-label={props.title} verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("feedbackStaff.themes.name")}</Table.Th>
                {months.map((m) => (
                  <Table.Th key={m}>{m.slice(0, 7)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.rows.map((row) => {
                const byMonth = new Map(pointsOf(row).map((p) => [p.month, p]));
                return (
                  <Table.Tr key={props.nameOf(row)}>
                    <Table.Td>{props.nameOf(row)}</Table.Td>
                    {months.map((m) => {
                      const p = byMonth.get(m);
                      return (
                        <Table.Td key={m}>
                          {t("feedbackStaff.themes.cell", {
                            ideas: p?.ideas ?? p?.newIdeas ?? 0,
                            cases: p?.cases ?? p?.linkedCases ?? 0,
                          })}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function MergeSuggestions() {
  const { t } = useFeedbackStaffText();
  const suggestions = useMergeSuggestions();
  const merge = useFeedbackWrite(mergeIdea);
  const [, setParams] = useSearchParams();
  const open = (idea: IdeaRef) => (
    <Anchor component="button" type="button" size="sm" ta="left" onClick={() => setParams({ idea: idea.id })}>
      #{idea.number} {idea.title}
    </Anchor>
  );
  return (
    <Stack gap="xs" component="section" aria-labelledby="themes-suggestions-heading">
      <Title order={2} size="h5" id="themes-suggestions-heading">
        {t("feedbackStaff.themes.suggestions")}
      </Title>
      <Loaded query={suggestions}>
        {(pairs) =>
          pairs.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("feedbackStaff.themes.noSuggestions")}
            </Text>
          ) : (
            <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: "none" }}>
              {pairs.map(({ a, b, similarity, reason }) => {
                // The one fewer people asked for goes into the other, so fewer subscribers move.
                const [from, into] = (a.votes ?? 0) > (b.votes ?? 0) ? [b, a] : [a, b];
                return (
                  <Paper key={`${a.id}-${b.id}`} component="li" withBorder p="xs" radius="sm">
                    <Group justify="space-between" wrap="nowrap" gap="sm">
                      <Stack gap={2} miw={0}>
                        {open(from)}
                        {open(into)}
                        <Text size="xs" c="dimmed">
                          {t("feedbackStaff.themes.similarity", {
                            percent: Math.round((similarity <= 1 ? similarity * 100 : similarity) || 0),
                          })}
                          {reason ? ` · ${reason}` : ""}
                        </Text>
                      </Stack>
                      <Button
                        size="xs"
                        variant="light"
                        color="orange"
                        aria-label={t("feedbackStaff.themes.mergeLabel", {
                          from: from.number,
                          into: into.number,
                        })}
                        loading={merge.isPending && merge.variables?.id === from.id}
                        onClick={() =>
                          merge.mutate(
                            { id: from.id, intoId: into.id },
                            { onSuccess: () => notifyDone(t, t("feedbackStaff.merge.merged")) },
                          )
                        }
                      >
                        {t("feedbackStaff.themes.merge")}
                      </Button>
                    </Group>
                  </Paper>
                );
              })}
            </Stack>
          )
        }
      </Loaded>
      {merge.error && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {merge.error.message}
        </Text>
      )}
    </Stack>
  );
}
