import { useTranslation } from "react-i18next";
import { useMembers, useTeams } from "../inbox/inboxApi.ts";

/** Owner and team choices, as the case page offers assignee and team. */
export function usePeopleOptions(current?: {
  owner?: { id: string; name: string } | null;
  team?: { id: string; name: string } | null;
}) {
  const { t } = useTranslation();
  const members = useMembers();
  const teams = useTeams();
  const staff = (members.data?.items ?? []).filter((m) => m.status === "active" && m.role !== "customer");
  const owners = [
    { value: "", label: t("problems.noOwner") },
    ...staff.map((m) => ({ value: m.id, label: m.name })),
  ];
  // A deactivated owner stays selectable, as on the case page.
  if (current?.owner && !owners.some((o) => o.value === current.owner?.id))
    owners.push({ value: current.owner.id, label: current.owner.name });
  const teamOptions = [
    { value: "", label: t("problems.noTeam") },
    ...(teams.data?.items.map((team) => ({ value: team.id, label: team.name })) ?? []),
  ];
  if (current?.team && !teamOptions.some((o) => o.value === current.team?.id))
    teamOptions.push({ value: current.team.id, label: current.team.name });
  return { owners, teams: teamOptions };
}
