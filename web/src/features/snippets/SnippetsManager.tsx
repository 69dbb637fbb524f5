import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  Select,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import type { Snippet } from "../../../../contracts/snippets.ts";
import { ApiError } from "../../api/client.ts";
import { EditDeleteButtons } from "../../ui/EditDeleteButtons.tsx";
import { useMe } from "../auth/session.ts";
import { useTeams } from "../team/teamApi.ts";
import { useSnippets } from "./snippetsApi.ts";
import { useDeleteSnippet, useSaveSnippet } from "./snippetsManageApi.ts";
import { useSnippetsManageText } from "./snippetsManageText.ts";

/** What a snippet may name; shown next to the text so nobody has to guess the spelling. */
const PLACEHOLDERS = [
  "{{customer.first_name}}",
  "{{customer.name}}",
  "{{case.number}}",
  "{{case.subject}}",
  "{{agent.first_name}}",
  "{{fact.address}}",
];

type Editing = { snippet: Snippet | null } | null;

/**
 * The snippets screen (issue #18): the caller's personal snippets and their teams' shared ones,
 * listed, created, edited and deleted. Edit controls appear only where the server says the
 * caller may change the snippet (`canEdit`: their own, a team's they lead, or any as admin);
 * the server checks again on every write.
 */
export function SnippetsManager() {
  const { t } = useSnippetsManageText();
  const snippets = useSnippets(true);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Snippet | null>(null);
  const items = snippets.data?.items ?? [];

  return (
    <Stack gap="sm" component="section" aria-labelledby="snippets-title">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Text component="h2" id="snippets-title" fw={700} size="lg" m={0}>
            {t("snippetsManage.title")}
          </Text>
          <Text size="sm" c="dimmed">
            {t("snippetsManage.intro")}
          </Text>
        </Stack>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setEditing({ snippet: null })}
        >
          {t("snippetsManage.create")}
        </Button>
      </Group>
      {snippets.isPending && <Skeleton h={72} radius="lg" />}
      {snippets.isError && (
        <Alert color="red" role="alert" icon={<IconAlertCircle aria-hidden />}>
          {t("snippetsManage.loadError", { message: snippets.error.message })}
        </Alert>
      )}
      {snippets.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("snippetsManage.empty")}
        </Text>
      )}
      {items.length > 0 && (
        <Stack
          gap="xs"
          component="ul"
          m={0}
          p={0}
          style={{ listStyle: "none" }}
          aria-label={t("snippetsManage.title")}
        >
          {items.map((s) => (
            <Paper key={s.id} withBorder radius="md" p="sm" component="li">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={4} style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Text fw={600}>{s.title}</Text>
                    <Badge size="sm" variant="light" color={s.teamId ? "grape" : "gray"}>
                      {s.teamName
                        ? t("snippetsManage.team", { name: s.teamName })
                        : t("snippetsManage.personal")}
                    </Badge>
                  </Group>
                  <Text size="sm" c="dimmed" lineClamp={2} style={{ whiteSpace: "pre-wrap" }}>
                    {s.body}
                  </Text>
                  {!s.canEdit && (
                    <Text size="xs" c="dimmed">
                      {t("snippetsManage.readOnly")}
                    </Text>
                  )}
                </Stack>
                {s.canEdit && (
                  <EditDeleteButtons
                    edit={{
                      text: t("snippetsManage.edit"),
                      label: t("snippetsManage.editLabel", { title: s.title }),
                      onClick: () => setEditing({ snippet: s }),
                    }}
                    remove={{
                      text: t("snippetsManage.delete"),
                      label: t("snippetsManage.deleteLabel", { title: s.title }),
                      onClick: () => setDeleting(s),
                    }}
                  />
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {editing && <SnippetForm snippet={editing.snippet} onClose={() => setEditing(null)} />}
      <DeleteSnippet snippet={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}

/** Teams the caller may write snippets for: the ones they lead, or all of them for an admin. */
function useWritableTeams() {
  const me = useMe().data;
  const teams = useTeams().data?.items ?? [];
  const admin = me?.permissions.includes("workspace.manage") ?? false;
  return teams.filter((team) => admin || team.members.some((m) => m.isLead && m.email === me?.user.email));
}

function SnippetForm(props: { snippet: Snippet | null; onClose: () => void }) {
  const { t } = useSnippetsManageText();
  const save = useSaveSnippet();
  const writable = useWritableTeams();
  const [title, setTitle] = useState(props.snippet?.title ?? "");
  const [body, setBody] = useState(props.snippet?.body ?? "");
  const [teamId, setTeamId] = useState<string | null>(null);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const whose = [
    { value: "", label: t("snippetsManage.personal") },
    ...writable.map((team) => ({ value: team.id, label: t("snippetsManage.team", { name: team.name }) })),
  ];

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const saved = await save.mutateAsync({ id: props.snippet?.id ?? null, title, body, teamId });
      notifications.show({
        color: "teal",
        message: t("snippetsManage.saved", { title: saved.title }),
        closeButtonProps: { "aria-label": t("common.close") },
      });
      props.onClose();
    } catch (err) {
      setError({
        field: err instanceof ApiError ? (err.field ?? null) : null,
        message: err instanceof Error ? err.message : String(err),
      });
    }
  };

  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ "aria-label": t("common.close") }}
      title={
        props.snippet
          ? t("snippetsManage.editTitle", { title: props.snippet.title })
          : t("snippetsManage.createTitle")
      }
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t("snippetsManage.snippetTitle")}
            required
            maxLength={120}
            data-autofocus
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={error?.field === "title" ? error.message : undefined}
          />
          {!props.snippet && whose.length > 1 && (
            <Select
              label={t("snippetsManage.whose")}
              description={t("snippetsManage.whoseHint")}
              data={whose}
              value={teamId ?? ""}
              allowDeselect={false}
              onChange={(v) => setTeamId(v ? v : null)}
              error={error?.field === "teamId" ? error.message : undefined}
            />
          )}
          <Textarea
            label={t("snippetsManage.body")}
            required
            autosize
            minRows={4}
            maxLength={10_000}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={error && error.field !== "title" && error.field !== "teamId" ? error.message : undefined}
          />
          <Text size="xs" c="dimmed">
            {t("snippetsManage.placeholderHint")}{" "}
            {PLACEHOLDERS.map((p) => (
              <Code key={p} mr={4}>
                {p}
              </Code>
            ))}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("snippetsManage.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("snippetsManage.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DeleteSnippet(props: { snippet: Snippet | null; onClose: () => void }) {
  const { t } = useSnippetsManageText();
  const remove = useDeleteSnippet();
  const [error, setError] = useState<string | null>(null);
  const { snippet } = props;
  const confirm = async () => {
    if (!snippet) return;
    try {
      await remove.mutateAsync(snippet.id);
      notifications.show({
        color: "teal",
        message: t("snippetsManage.deleted", { title: snippet.title }),
        closeButtonProps: { "aria-label": t("common.close") },
      });
      setError(null);
      props.onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Modal
      opened={snippet !== null}
      onClose={props.onClose}
      closeButtonProps={{ "aria-label": t("common.close") }}
      title={snippet ? t("snippetsManage.deleteLabel", { title: snippet.title }) : ""}
    >
      <Stack>
        <Text size="sm">{snippet ? t("snippetsManage.deleteConfirm", { title: snippet.title }) : ""}</Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("snippetsManage.cancel")}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={confirm}>
            {t("snippetsManage.delete")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
