import {
  Anchor,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { formatDay, Loaded, StatusBadge, useStatusLabel } from "./common.tsx";
import { type IdeaQuery, STATUSES, useBoards, useIdeas } from "./feedbackApi.ts";
import { useFeedbackStaffText } from "./feedbackStaffText.ts";
import { IdeaDrawer } from "./IdeaDrawer.tsx";

const PAGE_SIZE = 30;
type Sort = NonNullable<IdeaQuery["sort"]>;

/** Every idea staff may read, filtered and sorted; a title opens the idea's drawer (?idea=). */
export function IdeasTab() {
  const { t, i18n } = useFeedbackStaffText();
  const statusLabel = useStatusLabel();
  const boards = useBoards();
  const [params, setParams] = useSearchParams();
  const [boardId, setBoardId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [tag, setTag] = useState("");
  const [q, setQ] = useState("");
  const [sort, setSort] = useState<Sort>("votes");
  const [page, setPage] = useState(1);
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [debouncedTag] = useDebouncedValue(tag, 250);
  const ideas = useIdeas({
    boardId: boardId ?? undefined,
    status: status ?? undefined,
    tag: debouncedTag.trim().toLowerCase() || undefined,
    q: debouncedQ.trim() || undefined,
    sort,
    page,
    pageSize: PAGE_SIZE,
  });
  const boardName = new Map((boards.data?.items ?? []).map((b) => [b.id, b.name]));
  const openIdea = params.get("idea");
  const setIdea = (id: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set("idea", id);
        else next.delete("idea");
        return next;
      },
      { replace: true },
    );
  // Any filter change starts again at the first page.
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  return (
    <Stack gap="md">
      <Group align="end" gap="sm" wrap="wrap">
        <Select
          label={t("feedbackStaff.ideas.board")}
          placeholder={t("feedbackStaff.ideas.allBoards")}
          data={(boards.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
          value={boardId}
          onChange={filter(setBoardId)}
          clearable
          w={200}
        />
        <Select
          label={t("feedbackStaff.ideas.status")}
          placeholder={t("feedbackStaff.ideas.anyStatus")}
          data={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
          value={status}
          onChange={filter(setStatus)}
          clearable
          w={200}
        />
        <TextInput
          label={t("feedbackStaff.ideas.tag")}
          value={tag}
          onChange={(e) => filter(setTag)(e.currentTarget.value)}
          w={140}
        />
        <TextInput
          label={t("feedbackStaff.ideas.q")}
          placeholder={t("feedbackStaff.ideas.qPlaceholder")}
          value={q}
          onChange={(e) => filter(setQ)(e.currentTarget.value)}
          style={{ flex: "1 1 200px" }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="feedback-sort-label">
            {t("feedbackStaff.ideas.sort")}
          </Text>
          <SegmentedControl
            aria-labelledby="feedback-sort-label"
            value={sort}
            onChange={(v) => filter(setSort)(v as Sort)}
            data={(["votes", "score", "recent"] as const).map((value) => ({
              value,
              label: t(`feedbackStaff.ideas.sorts.${value}`),
            }))}
          />
        </Stack>
      </Group>
      <Loaded query={ideas}>
        {(data) => {
          const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
          return data.items.length === 0 ? (
            <Text c="dimmed">{t("feedbackStaff.ideas.empty")}</Text>
          ) : (
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t("feedbackStaff.ideas.total", { count: data.total })}
              </Text>
              <Table.ScrollContainer minWidth={640}>
                <Table aria-label={t("feedbackStaff.ideas.tableLabel")} verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("feedbackStaff.ideas.idea")}</Table.Th>
                      <Table.Th>{t("feedbackStaff.ideas.board")}</Table.Th>
                      <Table.Th>{t("feedbackStaff.ideas.status")}</Table.Th>
                      <Table.Th ta="right">{t("feedbackStaff.ideas.votes")}</Table.Th>
                      <Table.Th ta="right">{t("feedbackStaff.ideas.requesters")}</Table.Th>
                      <Table.Th ta="right">{t("feedbackStaff.ideas.cases")}</Table.Th>
                      <Table.Th>{t("feedbackStaff.ideas.created")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((idea) => (
                      <Table.Tr key={idea.id}>
                        <Table.Td>
                          <Anchor
                            component="button"
                            type="button"
                            size="sm"
                            ta="left"
                            aria-label={t("feedbackStaff.ideas.open", { title: idea.title })}
                            onClick={() => setIdea(idea.id)}
                          >
                            #{idea.number} {idea.title}
                          </Anchor>
                          {idea.tags.length > 0 && (
                            <Text size="xs" c="dimmed">
                              {idea.tags.join(", ")}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{boardName.get(idea.boardId) ?? ""}</Table.Td>
                        <Table.Td>
                          <StatusBadge status={idea.status} label={idea.statusLabel} />
                        </Table.Td>
                        <Table.Td ta="right">{idea.votes}</Table.Td>
                        <Table.Td ta="right">{idea.requesters}</Table.Td>
                        <Table.Td ta="right">{idea.caseCount}</Table.Td>
                        <Table.Td>{formatDay(idea.createdAt, i18n.language)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {pages > 1 && (
                <Group gap="sm">
                  <Button variant="default" size="xs" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    {t("feedbackStaff.ideas.previous")}
                  </Button>
                  <Text size="sm">{t("feedbackStaff.ideas.page", { page, pages })}</Text>
                  <Button
                    variant="default"
                    size="xs"
                    disabled={page >= pages}
                    onClick={() => setPage(page + 1)}
                  >
                    {t("feedbackStaff.ideas.next")}
                  </Button>
                </Group>
              )}
            </Stack>
          );
        }}
      </Loaded>
      <IdeaDrawer ideaId={openIdea} onClose={() => setIdea(null)} onOpenIdea={setIdea} />
    </Stack>
  );
}
