import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  Loader,
  Modal,
  Radio,
  ScrollArea,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { notifyDone } from "../escalations/notify.ts";
import { splitError } from "./fieldErrors.ts";
import { ProblemStatusBadge } from "./ProblemStatusBadge.tsx";
import { createProblem, linkCases, useProblemList, useProblemWrite } from "./problemsApi.ts";
import { useProblemsText } from "./problemsText.ts";

/**
 * Links cases to a problem: pick an active one (by P-number or words of its title) or create
 * one, titled by default with the case's subject. Used by the case page and the inbox.
 */
export function LinkProblemModal(props: {
  opened: boolean;
  onClose: () => void;
  caseIds: string[];
  defaultTitle?: string;
  onLinked?: () => void;
}) {
  const { t } = useProblemsText();
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q, 250);
  const list = useProblemList("active", debounced);
  const [picked, setPicked] = useState<string | null>(null);
  const [wait, setWait] = useState(false);
  const [reason, setReason] = useState("");
  const [newTitle, setNewTitle] = useState(props.defaultTitle ?? "");
  const many = props.caseIds.length;

  const link = useProblemWrite(async (problemId: string) => {
    const number = list.data?.items.find((p) => p.id === problemId)?.number ?? 0;
    const res = await linkCases(problemId, {
      caseIds: props.caseIds,
      ...(wait ? { wait: true } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    return { ...res, number };
  });
  const create = useProblemWrite(async (title: string) => {
    const p = await createProblem({ title, affectedProducts: [], caseIds: props.caseIds });
    // Creating links the cases; waiting is set the same way as for an existing problem.
    if (wait) await linkCases(p.id, { caseIds: props.caseIds, wait: true });
    return p;
  });
  const linkErrors = splitError(link.error, t("common.genericError"));
  const createErrors = splitError(create.error, t("common.genericError"));
  const done = () => {
    props.onLinked?.();
    props.onClose();
  };
  const items = list.data?.items ?? [];

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      size="lg"
      title={many > 1 ? t("problems.link.titleMany", { count: many }) : t("problems.link.title")}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack>
        <TextInput
          type="search"
          label={t("problems.link.search")}
          placeholder={t("problems.link.searchPlaceholder")}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={list.isFetching ? <Loader size={14} aria-label={t("common.loading")} /> : null}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-autofocus
        />
        {list.isSuccess && items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("problems.link.none")}
          </Text>
        ) : (
          <Radio.Group value={picked} onChange={setPicked} label={t("problems.link.results")}>
            <ScrollArea.Autosize mah={260} type="auto" mt="xs">
              <Stack gap={6} pr="sm">
                {items.map((p) => (
                  <Radio
                    key={p.id}
                    value={p.id}
                    label={
                      <Group gap="xs" wrap="nowrap" component="span">
                        <Text size="sm" span>
                          {t("problems.ref", { number: p.number, title: p.title })}
                        </Text>
                        <ProblemStatusBadge status={p.status} size="sm" />
                      </Group>
                    }
                  />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Radio.Group>
        )}
        <Checkbox
          label={t("problems.link.wait")}
          description={t("problems.link.waitHint")}
          checked={wait}
          onChange={(e) => setWait(e.currentTarget.checked)}
        />
        <TextInput
          label={t("problems.link.reason")}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={linkErrors.fields.reason}
        />
        {linkErrors.form && (
          <Alert color="red" role="alert">
            {linkErrors.form}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            disabled={!picked}
            loading={link.isPending}
            onClick={() =>
              picked &&
              link.mutate(picked, {
                onSuccess: (res) => {
                  notifyDone(
                    t,
                    many > 1
                      ? t("problems.link.linked", {
                          linked: res.linked,
                          already: res.alreadyLinked,
                          number: res.number,
                        })
                      : t("problems.link.linkedShort", { number: res.number }),
                  );
                  done();
                },
              })
            }
          >
            {t("problems.link.submit")}
          </Button>
        </Group>
        <Divider label={t("problems.link.createFrom")} labelPosition="center" />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!newTitle.trim()) return;
            create.mutate(newTitle.trim(), {
              onSuccess: (p) => {
                notifyDone(t, t("problems.link.linkedShort", { number: p.number }));
                done();
              },
            });
          }}
        >
          <Group align="flex-start" wrap="nowrap">
            <TextInput
              label={t("problems.link.createTitle")}
              value={newTitle}
              onChange={(e) => setNewTitle(e.currentTarget.value)}
              error={createErrors.fields.title ?? createErrors.form}
              style={{ flex: 1 }}
            />
            <Button
              type="submit"
              variant="light"
              mt={25}
              loading={create.isPending}
              disabled={!newTitle.trim()}
            >
              {t("problems.link.createSubmit")}
            </Button>
          </Group>
        </form>
      </Stack>
    </Modal>
  );
}
