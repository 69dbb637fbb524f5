import { Button, Group, Modal, Paper, Radio, Select, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { CASE_STATUSES, type Case, PRIORITIES } from "../../../../contracts/cases.ts";
import { ApiError } from "../../api/client.ts";
import { type BulkSet, bulkUpdate, mergeCases, notifyWithUndo } from "./caseMovesApi.tsx";
import { useMembers } from "./inboxApi.ts";

// The problem picker (and the problems' API, contracts and text) loads when first opened, not
// with the inbox's first load.
const LinkProblemModal = lazy(async () => ({
  default: (await import("../problems/LinkProblemModal.tsx")).LinkProblemModal,
}));

/**
 * Shown while cases are selected in the inbox: the same change for all of them at once (the
 * server applies it all or nothing), or merging them into one.
 */
export function BulkBar(props: { cases: Case[]; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const members = useMembers();
  const [busy, setBusy] = useState(false);
  const [tag, setTag] = useState("");
  const [merging, setMerging] = useState(false);
  const [linking, setLinking] = useState(false);
  const ids = props.cases.map((c) => c.id);

  const fail = (err: unknown) =>
    notifications.show({
      closeButtonProps: { "aria-label": t("common.close") },
      color: "red",
      message: err instanceof ApiError ? err.message : t("common.genericError"),
    });

  const apply = async (set: BulkSet) => {
    setBusy(true);
    try {
      const res = await bulkUpdate(ids, set);
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        color: "teal",
        message: t("caseMoves.bulkDone", { count: res.items.length }),
      });
      setTag("");
      await queryClient.invalidateQueries({ queryKey: ["cases"] });
      props.onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const staff = (members.data?.items ?? []).filter((m) => m.status === "active" && m.role !== "customer");
  const cleanTag = tag.trim().toLowerCase();

  return (
    <Paper withBorder radius="md" p="sm" role="region" aria-label={t("caseMoves.bulkLabel")}>
      <Group gap="sm" align="center">
        <Text size="sm" fw={600}>
          {t("caseMoves.selected", { count: ids.length })}
        </Text>
        <Select
          aria-label={t("caseMoves.assign")}
          placeholder={t("caseMoves.assign")}
          data={[
            { value: "none", label: t("caseMoves.unassign") },
            ...staff.map((m) => ({ value: m.id, label: m.name })),
          ]}
          value={null}
          onChange={(v) => v && void apply({ assigneeId: v === "none" ? null : v })}
          searchable
          disabled={busy}
          w={170}
        />
        <Select
          aria-label={t("caseMoves.status")}
          placeholder={t("caseMoves.status")}
          data={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))}
          value={null}
          onChange={(v) => v && void apply({ status: v })}
          disabled={busy}
          w={150}
        />
        <Select
          aria-label={t("caseMoves.priority")}
          placeholder={t("caseMoves.priority")}
          data={PRIORITIES.map((p) => ({ value: p, label: t(`cases.priorities.${p}`) }))}
          value={null}
          onChange={(v) => v && void apply({ priority: v })}
          disabled={busy}
          w={150}
        />
        <Group gap={4} wrap="nowrap">
          <TextInput
            aria-label={t("caseMoves.tagPlaceholder")}
            placeholder={t("caseMoves.tagPlaceholder")}
            value={tag}
            onChange={(e) => setTag(e.currentTarget.value)}
            w={110}
          />
          <Button
            variant="default"
            disabled={!cleanTag || busy}
            onClick={() => void apply({ addTags: [cleanTag] })}
          >
            {t("caseMoves.addTag")}
          </Button>
          <Button
            variant="default"
            disabled={!cleanTag || busy}
            onClick={() => void apply({ removeTags: [cleanTag] })}
          >
            {t("caseMoves.removeTag")}
          </Button>
        </Group>
        <Button variant="default" disabled={ids.length < 2 || busy} onClick={() => setMerging(true)}>
          {t("caseMoves.merge")}
        </Button>
        <Button variant="default" disabled={busy} onClick={() => setLinking(true)}>
          {t("caseMoves.linkProblem")}
        </Button>
        <Button variant="subtle" onClick={props.onDone}>
          {t("caseMoves.clearSelection")}
        </Button>
      </Group>
      {linking && (
        <Suspense fallback={null}>
          <LinkProblemModal
            opened
            caseIds={ids}
            defaultTitle={props.cases[0]?.subject}
            onClose={() => setLinking(false)}
            onLinked={props.onDone}
          />
        </Suspense>
      )}
      <MergeModal
        opened={merging}
        cases={props.cases}
        onClose={() => setMerging(false)}
        onMerged={() => {
          setMerging(false);
          props.onDone();
        }}
        onError={fail}
      />
    </Paper>
  );
}

/** Merging from the inbox: the agent chooses which selected case survives. */
function MergeModal(props: {
  opened: boolean;
  cases: Case[];
  onClose: () => void;
  onMerged: () => void;
  onError: (err: unknown) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [survivor, setSurvivor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keep = survivor ?? props.cases[0]?.id ?? null;

  const submit = async () => {
    if (!keep) return;
    setBusy(true);
    try {
      const others = props.cases.filter((c) => c.id !== keep).map((c) => c.id);
      const res = await mergeCases(keep, others);
      await queryClient.invalidateQueries({ queryKey: ["cases"] });
      notifyWithUndo(t, queryClient, {
        message: t("caseMoves.merged", { number: res.case.number }),
        undoPath: `/api/v1/cases/${keep}/merge/undo`,
        undoUntil: res.undoUntil,
      });
      props.onMerged();
    } catch (err) {
      props.onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t("caseMoves.mergeTitle")}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t("caseMoves.mergeHelp")}
        </Text>
        <Radio.Group label={t("caseMoves.survivor")} value={keep} onChange={setSurvivor}>
          <Stack gap="xs" mt="xs">
            {props.cases.map((c) => (
              <Radio
                key={c.id}
                value={c.id}
                label={`${t("cases.number", { number: c.number })} ${c.subject} — ${c.customer.name}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("common.cancel")}
          </Button>
          <Button loading={busy} onClick={() => void submit()}>
            {t("caseMoves.mergeSubmit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
