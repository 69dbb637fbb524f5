import {
  Avatar,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Tooltip,
} from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EditDeleteButtons } from "../../ui/EditDeleteButtons.tsx";
import { DeleteTeamModal } from "./DeleteTeamModal.tsx";
import { TeamFormModal } from "./TeamFormModal.tsx";
import { type Member, type Team, useTeams } from "./teamApi.ts";
import { useTeamLeadText } from "./teamLeadText.ts";

function TeamCard(props: { team: Team; canManage: boolean; onEdit: () => void; onDelete: () => void }) {
  const { t } = useTeamLeadText();
  const { team } = props;
  return (
    <Paper withBorder radius="lg" p="md" component="li">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text component="h3" fw={700} m={0} truncate="end">
              {team.name}
            </Text>
            <Text size="xs" c="dimmed">
              {t("team.teams.memberCount", { count: team.members.length })}
            </Text>
          </Stack>
          {props.canManage && (
            <EditDeleteButtons
              edit={{
                text: t("team.teams.edit"),
                label: t("team.teams.editLabel", { name: team.name }),
                onClick: props.onEdit,
              }}
              remove={{
                text: t("team.teams.delete"),
                label: t("team.teams.deleteLabel", { name: team.name }),
                onClick: props.onDelete,
              }}
            />
          )}
        </Group>
        {team.members.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("team.teams.noMembers")}
          </Text>
        ) : (
          <Group gap={6}>
            {team.members.map((m) => (
              <Tooltip key={m.id} label={m.email}>
                <Group
                  gap={6}
                  wrap="nowrap"
                  px={8}
                  py={2}
                  bg="light-dark(var(--mantine-color-gray-1), var(--mantine-color-dark-5))"
                  style={{ borderRadius: 999 }}
                >
                  <Avatar name={m.name} size={20} radius="xl" color="blue" aria-hidden />
                  <Text size="sm">{m.name}</Text>
                  {m.isLead && (
                    <Badge size="xs" variant="light" color="grape">
                      {t("teamLeads.badge")}
                    </Badge>
                  )}
                </Group>
              </Tooltip>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** Teams cases can be routed to. Agents see them; admins create, rename, staff and delete them. */
export function TeamsSection(props: { staff: Member[]; canManage: boolean }) {
  const { t } = useTranslation();
  const teams = useTeams();
  // undefined = no form open; null = creating a new team.
  const [editing, setEditing] = useState<Team | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Team | null>(null);

  return (
    <Stack gap="sm" component="section" aria-labelledby="teams-title">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Text component="h2" id="teams-title" fw={700} size="lg" m={0}>
            {t("team.teams.title")}
          </Text>
          <Text size="sm" c="dimmed">
            {t("team.teams.intro")}
          </Text>
        </Stack>
        {props.canManage && (
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing(null)}
          >
            {t("team.teams.create")}
          </Button>
        )}
      </Group>
      {teams.isPending && <Skeleton h={96} radius="lg" />}
      {teams.data?.items.length === 0 && (
        <Paper withBorder radius="lg" p="lg">
          <Text c="dimmed" ta="center" size="sm">
            {t("team.teams.empty")}
          </Text>
        </Paper>
      )}
      {teams.data && teams.data.items.length > 0 && (
        <SimpleGrid
          cols={{ base: 1, sm: 2 }}
          spacing="md"
          component="ul"
          m={0}
          p={0}
          style={{ listStyle: "none" }}
        >
          {teams.data.items.map((team) => (
            <TeamCard
              key={team.id}
              team={team}
              canManage={props.canManage}
              onEdit={() => setEditing(team)}
              onDelete={() => setDeleting(team)}
            />
          ))}
        </SimpleGrid>
      )}
      <TeamFormModal team={editing} staff={props.staff} onClose={() => setEditing(undefined)} />
      <DeleteTeamModal team={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
