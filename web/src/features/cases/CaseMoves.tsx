import { Alert, Anchor, Button, Checkbox, Group, Modal, Radio, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { type Case, casePageSchema } from "../../../../contracts/cases.ts";
import { ApiError, apiParsed } from "../../api/client.ts";
import { mergeCases, notifyWithUndo, splitCase } from "../inbox/caseMovesApi.tsx";
import { useMessages } from "./casesApi.ts";

/** A merged case is a tombstone: say so, and lead to the case it lives on now. */
export function MergedBanner(props: { case: Case }) {
  const { t } = useTranslation();
  const into = props.case.mergedInto;
  if (!into) return null;
  return (
    <Alert color="blue" title={t("caseMoves.mergedBanner", { number: into.number })}>
      <Anchor component={Link} to={`/app/cases/${into.id}`}>
        {t("caseMoves.openSurvivor", { number: into.number })}
      </Anchor>
    </Alert>
  );
}

/** "Merge into…" and "Split…" on the case page. */
export function CaseMoveButtons(props: { case: Case }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<"merge" | "split" | null>(null);
  if (props.case.mergedInto) return null;
  return (
    <Group gap="xs">
      <Button size="xs" variant="default" onClick={() => setOpen("merge")}>
        {t("caseMoves.mergeInto")}
      </Button>
      <Button size="xs" variant="default" onClick={() => setOpen("split")}>
        {t("caseMoves.split")}
      </Button>
      {open === "merge" && <MergeIntoModal case={props.case} onClose={() => setOpen(null)} />}
      {open === "split" && <SplitModal case={props.case} onClose={() => setOpen(null)} />}
    </Group>
  );
}

const failed = (t: TFunction, err: unknown) =>
  notifications.show({
    closeButtonProps: { "aria-label": t("common.close") },
    color: "red",
    message: err instanceof ApiError ? err.message : t("common.genericError"),
  });

function MergeIntoModal(props: { case: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const c = props.case;
  // Merges keep to one customer, so the candidates are that customer's other unsolved cases.
  const candidates = useQuery({
    queryKey: ["cases", "customer", c.customer.id, "open"],
    queryFn: () => apiParsed(casePageSchema, `/api/v1/cases?customer=${c.customer.id}&limit=100`),
  });
  const others = (candidates.data?.items ?? []).filter((o) => o.id !== c.id);
  const [target, setTarget] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!target) return;
    setBusy(true);
    try {
      const res = await mergeCases(target, [c.id]);
      await queryClient.invalidateQueries({ queryKey: ["cases"] });
      await queryClient.invalidateQueries({ queryKey: ["case"] });
      notifyWithUndo(t, queryClient, {
        message: t("caseMoves.merged", { number: res.case.number }),
        undoPath: `/api/v1/cases/${target}/merge/undo`,
        undoUntil: res.undoUntil,
        onUndone: () => navigate(`/app/cases/${c.id}`),
      });
      navigate(`/app/cases/${target}`);
    } catch (err) {
      failed(t, err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t("caseMoves.mergeIntoTitle", { number: c.number })}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t("caseMoves.mergeIntoHelp")}
        </Text>
        {candidates.data && others.length === 0 && <Text size="sm">{t("caseMoves.noTargets")}</Text>}
        <Radio.Group label={t("caseMoves.mergeTarget")} value={target} onChange={setTarget}>
          <Stack gap="xs" mt="xs">
            {others.map((o) => (
              <Radio
                key={o.id}
                value={o.id}
                label={`${t("cases.number", { number: o.number })} ${o.subject}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("common.cancel")}
          </Button>
          <Button loading={busy} disabled={!target} onClick={() => void submit()}>
            {t("caseMoves.mergeSubmit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SplitModal(props: { case: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const messages = useMessages(props.case.id).data?.items ?? [];
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const c = props.case;

  const submit = async () => {
    setBusy(true);
    try {
      const res = await splitCase(c.id, picked);
      await queryClient.invalidateQueries({ queryKey: ["cases"] });
      await queryClient.invalidateQueries({ queryKey: ["case", c.id] });
      notifyWithUndo(t, queryClient, {
        message: t("caseMoves.splitDone", { number: res.case.number }),
        undoPath: `/api/v1/cases/${c.id}/split/undo`,
        undoUntil: res.undoUntil,
        onUndone: () => navigate(`/app/cases/${c.id}`),
      });
      navigate(`/app/cases/${res.case.id}`);
    } catch (err) {
      failed(t, err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={props.onClose}
      size="lg"
      title={t("caseMoves.splitTitle")}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t("caseMoves.splitHelp")}
        </Text>
        <Checkbox.Group value={picked} onChange={setPicked}>
          <Stack gap="xs">
            {messages.map((m) => (
              <Checkbox
                key={m.id}
                value={m.id}
                label={`${m.author.name}: ${m.body.length > 120 ? `${m.body.slice(0, 117)}…` : m.body}`}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            loading={busy}
            disabled={picked.length === 0 || picked.length === messages.length}
            onClick={() => void submit()}
          >
            {t("caseMoves.splitSubmit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
