import { Button, Group, Modal, SegmentedControl, Select, Stack, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { ErrorText } from "../../ui/AdminList.tsx";
import { useMe } from "../auth/session.ts";
import { useStaff, useTeams } from "../team/teamApi.ts";
import { useChatAgents, useTransfer } from "./chatApi.ts";
import { useChatText } from "./chatText.ts";

/**
 * Hands the chat to another agent or a team, with a note for them. Admins and team leads also
 * see each agent's chats in hand and whether they are online (chat-availability's list).
 */
export function TransferModal(props: { caseId: string; onClose: () => void }) {
  const { t } = useChatText();
  const me = useMe().data;
  const staff = useStaff();
  const teams = useTeams();
  const seesLoad = Boolean(me && (me.permissions.includes("team.manage") || me.leadsTeams));
  const load = useChatAgents(seesLoad);
  const transfer = useTransfer(props.caseId);
  const [to, setTo] = useState<"agent" | "team">("agent");
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const error = transfer.error instanceof ApiError ? transfer.error : null;
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);

  const agents = (staff.data ?? [])
    .filter((m) => m.status === "active" && (m.role === "agent" || m.role === "admin"))
    .filter((m) => m.userId !== me?.user.id)
    .map((m) => {
      const l = load.data?.items.find((a) => a.id === m.id);
      const extra = l
        ? ` · ${t("chat.transfer.chats", { active: l.active, capacity: l.capacity })}${l.online ? "" : ` · ${t("chat.transfer.offline")}`}`
        : "";
      return { value: m.id, label: `${m.name}${extra}` };
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body =
      to === "agent" ? { assigneeId: assigneeId ?? undefined, note } : { teamId: teamId ?? undefined, note };
    transfer.mutate(body, {
      onSuccess: () => {
        const name =
          to === "agent"
            ? agents.find((a) => a.value === assigneeId)?.label.split(" · ")[0]
            : teams.data?.items.find((x) => x.id === teamId)?.name;
        notifications.show({
          color: "teal",
          message: t("chat.transfer.done", { name: name ?? "" }),
          closeButtonProps: { "aria-label": t("chat.transfer.cancel") },
        });
        props.onClose();
      },
    });
  };

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t("chat.transfer.title")}
      closeButtonProps={{ "aria-label": t("chat.transfer.cancel") }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SegmentedControl
            aria-label={t("chat.transfer.to")}
            value={to}
            onChange={(v) => setTo(v as "agent" | "team")}
            data={[
              { value: "agent", label: t("chat.transfer.agent") },
              { value: "team", label: t("chat.transfer.team") },
            ]}
          />
          {to === "agent" ? (
            <Select
              label={t("chat.transfer.agentLabel")}
              data={agents}
              value={assigneeId}
              onChange={setAssigneeId}
              searchable
              required
              error={fieldError("assigneeId")}
            />
          ) : (
            <Select
              label={t("chat.transfer.teamLabel")}
              data={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
              value={teamId}
              onChange={setTeamId}
              searchable
              required
              error={fieldError("teamId")}
            />
          )}
          <Textarea
            label={t("chat.transfer.note")}
            description={t("chat.transfer.noteHint")}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={2000}
            required
            error={fieldError("note")}
          />
          <ErrorText>
            {error && !["assigneeId", "teamId", "note"].includes(error.field ?? "") ? error.message : null}
          </ErrorText>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onClose}>
              {t("chat.transfer.cancel")}
            </Button>
            <Button type="submit" loading={transfer.isPending}>
              {t("chat.transfer.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
