import { Alert, Group, Stack, Text } from "@mantine/core";
import { IconAlertCircle, IconLock } from "@tabler/icons-react";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "../auth/session.ts";
import { InvitationsList } from "./InvitationsList.tsx";
import { InviteCard } from "./InviteCard.tsx";
import { MemberStatusModal } from "./MemberStatusModal.tsx";
import { MembersTable } from "./MembersTable.tsx";
import { ReassignModal } from "./ReassignModal.tsx";
import { TeamsSection } from "./TeamsSection.tsx";
import { type Member, useInvitations, useStaff } from "./teamApi.ts";

// Snippets (issue #18) are managed here, beside the teams that share them; their own chunk.
const SnippetsManager = lazy(() =>
  import("../snippets/SnippetsManager.tsx").then((m) => ({ default: m.SnippetsManager })),
);

/** Who works here: invite people, set roles, (de)activate, hand over cases, group people in teams, share snippets. */
export function TeamPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  // The server enforces this too; the UI only hides what the person cannot do.
  const canManage = me?.permissions.includes("team.manage") ?? false;
  const staff = useStaff();
  const invitations = useInvitations(canManage);
  const [toggling, setToggling] = useState<Member | null>(null);
  const [reassigning, setReassigning] = useState<{ member: Member; openCases: number } | null>(null);

  return (
    <Stack gap="xl" maw={1100}>
      <Stack gap={4}>
        <PageTitle>{t("team.title")}</PageTitle>
        <Text c="dimmed">{t("team.intro")}</Text>
      </Stack>
      {!canManage && (
        <Alert variant="light" color="gray" icon={<IconLock aria-hidden />}>
          {t("team.readOnly")}
        </Alert>
      )}
      {canManage && <InviteCard />}

      <Stack gap="sm" component="section" aria-labelledby="people-title">
        <Group justify="space-between">
          <Text component="h2" id="people-title" fw={700} size="lg" m={0}>
            {t("team.peopleTitle")}
          </Text>
        </Group>
        {staff.isError && (
          <Alert color="red" role="alert" icon={<IconAlertCircle aria-hidden />}>
            {staff.error.message}
          </Alert>
        )}
        <MembersTable
          members={staff.data}
          loading={staff.isPending}
          canManage={canManage}
          myUserId={me?.user.id ?? ""}
          onToggleStatus={setToggling}
        />
      </Stack>

      {canManage && invitations.data && <InvitationsList invitations={invitations.data.items} />}
      <TeamsSection staff={staff.data ?? []} canManage={canManage} />
      <Suspense fallback={null}>
        <SnippetsManager />
      </Suspense>

      <MemberStatusModal
        member={toggling}
        onClose={() => setToggling(null)}
        onNeedsReassign={(member, openCases) => setReassigning({ member, openCases })}
      />
      <ReassignModal target={reassigning} staff={staff.data ?? []} onClose={() => setReassigning(null)} />
    </Stack>
  );
}
