import { Alert, Anchor, Badge, Button, Group, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowLeft, IconDownload, IconEye, IconPlus, IconRocket } from "@tabler/icons-react";
import { useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { Definition, PlaybookDetail, Step } from "../../../../contracts/playbooks.ts";
import { ApiError } from "../../api/client.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { OutcomeLessonSlot } from "../academy-support/slots.tsx";
import { AnalyticsCard } from "./AnalyticsCard.tsx";
import { newDefinition, nextStepId, problemsOf, valueAt } from "./draft.ts";
import { PreviewModal } from "./PreviewModal.tsx";
import { exportPlaybook, useCreatePlaybook, usePlaybook, usePublish, useSaveDraft } from "./playbooksApi.ts";
import { usePlaybooksText } from "./playbooksText.ts";
import { StepEditor } from "./StepEditor.tsx";

/** /app/playbooks/:id (or /new): the draft's form, inline problems, preview, publish, YAML, analytics. */
export function PlaybookEditorPage() {
  const { id = "new" } = useParams();
  // "new" is a route, not a playbook id: nothing to fetch for it.
  const found = usePlaybook(id === "new" ? undefined : id);
  const { t } = usePlaybooksText();
  if (id === "new") return <Editor key="new" playbook={null} />;
  if (found.isPending) return <Text>{t("common.loading")}</Text>;
  if (!found.data)
    return (
      <Alert color="red" role="alert" title={t("playbooks.notFound")}>
        <Anchor component={Link} to="/app/playbooks">
          {t("playbooks.back")}
        </Anchor>
      </Alert>
    );
  return <Editor key={found.data.id} playbook={found.data} />;
}

function Editor(props: { playbook: PlaybookDetail | null }) {
  const { t } = usePlaybooksText();
  const navigate = useNavigate();
  const p = props.playbook;
  const [slug, setSlug] = useState("");
  const [def, setDef] = useState<Definition>(
    p ? structuredClone((p.draft ?? p.published)?.definition ?? newDefinition()) : newDefinition(),
  );
  const [topicsText, setTopicsText] = useState(def.topics.join(", "));
  const [preview, setPreview] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const initial = useRef(def);
  const touched = useRef(new Set<string>());
  const create = useCreatePlaybook();
  const save = useSaveDraft(p?.id ?? "");
  const publish = usePublish(p?.id ?? "");
  const all = problemsOf(def, t);
  // Only outcome steps the server knows (a saved draft or the published version) can recommend a lesson.
  const savedOutcomes = new Set(
    [p?.draft, p?.published]
      .flatMap((v) => v?.definition.steps ?? [])
      .flatMap((s) => (s.kind === "outcome" ? [s.id] : [])),
  );
  // An empty field is pointed out once the person changed it or tried to save, not on a
  // fresh form; other problems (a broken link between steps) show as soon as they appear.
  for (const key of all.keys()) {
    if ((valueAt(def, key) ?? "") !== (valueAt(initial.current, key) ?? "")) touched.current.add(key);
  }
  const problems = new Map(
    [...all]
      .filter(([key, pr]) => submitted || !pr.missing || touched.current.has(key))
      .map(([key, pr]) => [key, pr.message]),
  );
  const stepIds = def.steps.map((s) => s.id);
  const top = (field: string) => problems.get(field);
  const update = (patch: Partial<Definition>) => setDef({ ...def, ...patch });
  const setStep = (i: number, step: Step) => update({ steps: def.steps.map((s, j) => (j === i ? step : s)) });
  const toast = (message: string) =>
    notifications.show({ color: "teal", message, closeButtonProps: { "aria-label": t("common.close") } });
  const fail = (err: unknown) =>
    setServerError(err instanceof ApiError ? err.message : t("common.genericError"));

  const onSave = () => {
    setServerError(null);
    setSubmitted(true);
    if (all.size > 0) return;
    if (!p) {
      create.mutate(
        { slug, definition: def },
        {
          onSuccess: (created) => navigate(`/app/playbooks/${created.id}`, { replace: true }),
          onError: fail,
        },
      );
      return;
    }
    save.mutate(def, {
      onSuccess: (saved) => toast(t("playbooks.saved", { version: saved.draftVersion ?? 0 })),
      onError: fail,
    });
  };
  const onPublish = () => {
    setServerError(null);
    setSubmitted(true);
    if (all.size > 0) return;
    // Publish what is on screen: save first so the published version is exactly this.
    save.mutate(def, {
      onSuccess: () =>
        publish.mutate(undefined, {
          onSuccess: (done) => toast(t("playbooks.published", { version: done.publishedVersion ?? 0 })),
          onError: fail,
        }),
      onError: fail,
    });
  };
  const onExport = async () => {
    if (!p) return;
    const file = await exportPlaybook(p.id);
    const url = URL.createObjectURL(new Blob([file.yaml], { type: "application/yaml" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = file.filename;
    a.click();
    URL.revokeObjectURL(url);
  };

  const editing = p
    ? p.draftVersion !== null
      ? t("playbooks.statusDraft", { version: p.draftVersion })
      : t("playbooks.statusPublishedOnly", { version: (p.publishedVersion ?? 0) + 1 })
    : null;

  return (
    <Stack gap="lg" maw={900}>
      <Anchor component={Link} to="/app/playbooks" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t("playbooks.back")}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <PageTitle>{p ? p.name : t("playbooks.createTitle")}</PageTitle>
          <Group gap="xs">
            {p?.publishedVersion && (
              <Badge color="teal" variant="light">
                {t("playbooks.columns.published")} {t("playbooks.versionN", { version: p.publishedVersion })}
              </Badge>
            )}
            {editing && (
              <Text size="sm" c="dimmed">
                {editing}
              </Text>
            )}
          </Group>
        </Stack>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconEye size={16} aria-hidden />}
            onClick={() => setPreview(true)}
            disabled={all.size > 0}
          >
            {t("playbooks.preview")}
          </Button>
          {p && (
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={onExport}>
              {t("playbooks.exportYaml")}
            </Button>
          )}
        </Group>
      </Group>
      {p && <AnalyticsCard playbookId={p.id} />}
      {!p && (
        <TextInput
          label={t("playbooks.slug")}
          description={t("playbooks.slugHint")}
          value={slug}
          onChange={(e) => setSlug(e.currentTarget.value)}
          required
        />
      )}
      <TextInput
        label={t("playbooks.name")}
        value={def.name}
        onChange={(e) => update({ name: e.currentTarget.value })}
        error={top("name")}
        required
      />
      <Textarea
        label={t("playbooks.summary")}
        value={def.summary ?? ""}
        autosize
        minRows={2}
        onChange={(e) => update({ summary: e.currentTarget.value || undefined })}
      />
      <TextInput
        label={t("playbooks.topics")}
        description={t("playbooks.topicsHint")}
        value={topicsText}
        onChange={(e) => {
          setTopicsText(e.currentTarget.value);
          update({
            topics: e.currentTarget.value
              .split(",")
              .map((x) => x.trim())
              .filter(Boolean),
          });
        }}
        error={[...problems].find(([k]) => k.startsWith("topics"))?.[1]}
      />
      <Select
        label={t("playbooks.start")}
        data={stepIds.filter(Boolean).map((s) => ({ value: s, label: s }))}
        value={def.start || null}
        onChange={(v) => update({ start: v ?? "" })}
        error={top("start")}
        allowDeselect={false}
      />
      <Stack gap="sm" component="section" aria-label={t("playbooks.steps")}>
        {def.steps.map((s, i) => (
          <StepEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are edited in place; ids change while typing
            key={i}
            step={s}
            index={i}
            stepIds={stepIds}
            problems={problems}
            onChange={(step) => setStep(i, step)}
            lessonSlot={
              p && s.kind === "outcome" && savedOutcomes.has(s.id) ? (
                <OutcomeLessonSlot playbookId={p.id} stepId={s.id} />
              ) : undefined
            }
            onRemove={() => update({ steps: def.steps.filter((_, j) => j !== i) })}
            onMoveUp={
              i === 0
                ? null
                : () => {
                    const steps = [...def.steps];
                    [steps[i - 1], steps[i]] = [steps[i] as Step, steps[i - 1] as Step];
                    update({ steps });
                  }
            }
          />
        ))}
        {top("steps") && (
          <Text c="red" size="sm">
            {top("steps")}
          </Text>
        )}
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() =>
              update({
                steps: [...def.steps, { id: nextStepId(def), kind: "instruction", title: "", next: "" }],
              })
            }
          >
            {t("playbooks.addStep")}
          </Button>
        </Group>
      </Stack>
      {submitted && problems.size > 0 && (
        <Alert color="red" role="status" title={t("playbooks.problems", { count: problems.size })}>
          <Stack gap={2} data-testid="problems">
            {[...problems].slice(0, 8).map(([k, m]) => (
              <Text key={k} size="sm">
                {m}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {serverError && (
        <Alert color="red" role="alert">
          {serverError}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button
          variant="default"
          onClick={onSave}
          loading={create.isPending || (save.isPending && !publish.isPending)}
        >
          {p ? t("playbooks.saveDraft") : t("playbooks.create")}
        </Button>
        {p && (
          <Button
            leftSection={<IconRocket size={16} aria-hidden />}
            onClick={onPublish}
            loading={publish.isPending}
          >
            {t("playbooks.publish")}
          </Button>
        )}
      </Group>
      <PreviewModal definition={def} opened={preview} onClose={() => setPreview(false)} />
    </Stack>
  );
}
