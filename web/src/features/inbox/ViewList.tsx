import { ActionIcon, Badge, Group, NavLink, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconTrash } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { countText, useCaseCounts } from "./caseMovesApi.tsx";
import { type CaseFilters, useTeams, useViews } from "./inboxApi.ts";
import { BUILT_IN_VIEWS } from "./views.ts";

type Props = { active: string; onSelect: (view: string, filters: CaseFilters) => void };

/** The inbox's views: built-in ones, one per team and the agent's saved views. */
export function ViewList(props: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const views = useViews();
  const teams = useTeams();
  const counts = useCaseCounts().data;

  const item = (
    key: string,
    label: string,
    filters: CaseFilters,
    extra?: React.ReactNode,
    count?: number | null,
  ) => {
    const shown = counts ? countText(t, count, counts.cap) : null;
    return (
      <Group key={key} gap={0} wrap="nowrap">
        <NavLink
          component="button"
          type="button"
          label={label}
          rightSection={
            shown !== null && (
              <Badge size="sm" variant="light" color="gray" data-count={key}>
                {shown}
              </Badge>
            )
          }
          active={props.active === key}
          aria-current={props.active === key ? "true" : undefined}
          onClick={() => props.onSelect(key, filters)}
          style={{ borderRadius: 8 }}
        />
        {extra}
      </Group>
    );
  };

  const remove = async (id: string, name: string) => {
    await api(`/api/v1/views/${id}`, { method: "DELETE" });
    await queryClient.invalidateQueries({ queryKey: ["views"] });
    notifications.show({
      closeButtonProps: { "aria-label": t("common.close") },
      message: t("inbox.viewDeleted", { name }),
    });
  };

  return (
    <Stack gap={4} component="nav" aria-label={t("inbox.viewsLabel")} miw={200}>
      {item("mine", t("inbox.views.mine"), BUILT_IN_VIEWS.mine, undefined, counts?.mine)}
      {item(
        "unassigned",
        t("inbox.views.unassigned"),
        BUILT_IN_VIEWS.unassigned,
        undefined,
        counts?.unassigned,
      )}
      {item("open", t("inbox.views.allOpen"), BUILT_IN_VIEWS.open, undefined, counts?.all)}
      {(teams.data?.items.length ?? 0) > 0 && (
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="sm" px="sm">
          {t("inbox.views.teams")}
        </Text>
      )}
      {teams.data?.items.map((team) =>
        item(
          `team:${team.id}`,
          team.name,
          { status: "open", team: team.id },
          undefined,
          counts?.teams[team.id] ?? 0,
        ),
      )}
      {(views.data?.items.length ?? 0) > 0 && (
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="sm" px="sm">
          {t("inbox.views.saved")}
        </Text>
      )}
      {views.data?.items.map((view) =>
        item(
          `view:${view.id}`,
          view.name,
          view.filters,
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t("inbox.deleteView", { name: view.name })}
            onClick={() => void remove(view.id, view.name)}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>,
          counts?.views[view.id],
        ),
      )}
    </Stack>
  );
}
