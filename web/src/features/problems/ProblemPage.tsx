import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconCheck, IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useParams } from "react-router";
import {
  PROBLEM_STATUSES,
  type ProblemDetail,
  type ProblemPatch,
  type ProblemStatus,
} from "../../../../contracts/problems.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "../auth/session.ts";
import { CommunityTopicLinks } from "../community/staff/slots.tsx";
import { notifyDone } from "../escalations/notify.ts";
import { PublishFromProblem } from "../help/PublishFromProblem.tsx";
import { splitError } from "./fieldErrors.ts";
import { LinkedCasesCard } from "./LinkedCasesCard.tsx";
import { EscalationsCard, OwnershipCard, ProductsCard, StatsCard } from "./ProblemSideCards.tsx";
import { ProblemStatusBadge } from "./ProblemStatusBadge.tsx";
import { ProblemTimeline } from "./ProblemTimeline.tsx";
import { patchProblem, useProblem, useProblemWrite } from "./problemsApi.ts";
import { useProblemsText } from "./problemsText.ts";
import { SendUpdatePanel } from "./SendUpdatePanel.tsx";
import { WorkaroundHtml } from "./WorkaroundHtml.tsx";

/** One problem: what it is, what customers see, who it affects, and the update to all of them. */
export function ProblemPage() {
  const { id = "" } = useParams();
  const { t } = useProblemsText();
  const found = useProblem(id);
  if (found.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  if (!found.data)
    return (
      <Alert color="red" title={t("problems.notFound")}>
        <Anchor component={Link} to="/app/problems">
          {t("problems.backToList")}
        </Anchor>
      </Alert>
    );
  // Keyed by problem: the editors start from the loaded values of this problem.
  return <ProblemView key={found.data.id} problem={found.data} />;
}

function useStatusLabels() {
  const { t } = useProblemsText();
  const label: Record<ProblemStatus, string> = {
    investigating: t("problemStatus.investigating"),
    identified: t("problemStatus.identified"),
    workaround_available: t("problemStatus.workaround_available"),
    fix_in_progress: t("problemStatus.fix_in_progress"),
    fixed: t("problemStatus.fixed"),
    closed: t("problemStatus.closed"),
  };
  return label;
}

function ProblemView({ problem: p }: { problem: ProblemDetail }) {
  const { t, i18n } = useProblemsText();
  const canWork = useMe().data?.permissions.includes("cases.work") ?? false;
  const statusLabel = useStatusLabels();
  const patch = useProblemWrite((input: ProblemPatch) => patchProblem(p.id, input));
  const [editingTitle, setEditingTitle] = useState(false);
  const [title, setTitle] = useState(p.title);
  const errors = splitError(patch.error, t("common.genericError"));

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/app/problems" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t("problems.backToList")}
        </Group>
      </Anchor>
      <Stack gap="xs" component="header">
        <Group gap="xs" align="center" wrap="nowrap">
          <Text c="dimmed" fw={700} fz="xl" style={{ flexShrink: 0 }}>
            {t("problems.number", { number: p.number })}
          </Text>
          {editingTitle ? (
            <form
              style={{ flex: 1 }}
              onSubmit={(e) => {
                e.preventDefault();
                if (!title.trim()) return;
                patch.mutate({ title: title.trim() }, { onSuccess: () => setEditingTitle(false) });
              }}
            >
              <Group gap="xs" wrap="nowrap">
                <TextInput
                  aria-label={t("problems.create.titleLabel")}
                  value={title}
                  onChange={(e) => setTitle(e.currentTarget.value)}
                  error={errors.fields.title}
                  style={{ flex: 1 }}
                  autoFocus
                />
                <ActionIcon type="submit" size="lg" aria-label={t("problems.save")} loading={patch.isPending}>
                  <IconCheck size={18} aria-hidden />
                </ActionIcon>
              </Group>
            </form>
          ) : (
            <>
              <PageTitle>{p.title}</PageTitle>
              {canWork && (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`${t("problems.edit")}: ${t("problems.create.titleLabel")}`}
                  onClick={() => {
                    setTitle(p.title);
                    setEditingTitle(true);
                  }}
                >
                  <IconPencil size={16} aria-hidden />
                </ActionIcon>
              )}
            </>
          )}
        </Group>
        <Group gap="sm" align="flex-end">
          {canWork ? (
            <Select
              label={t("problems.statusLabel")}
              data={PROBLEM_STATUSES.map((s) => ({ value: s, label: statusLabel[s] }))}
              value={p.status}
              onChange={(v) =>
                v &&
                patch.mutate(
                  { status: v as ProblemStatus },
                  { onSuccess: () => notifyDone(t, t("problems.statusChanged")) },
                )
              }
              allowDeselect={false}
              w={220}
            />
          ) : (
            <ProblemStatusBadge status={p.status} size="lg" />
          )}
          <Text size="sm" c="dimmed" pb={6}>
            {t("problems.createdBy", { time: formatDateTime(p.createdAt, i18n.language) })}
          </Text>
        </Group>
        {errors.form && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
      </Stack>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <DescriptionCard problem={p} canWork={canWork} />
            <PublicCard problem={p} canWork={canWork} />
            <LinkedCasesCard problemId={p.id} canWork={canWork} />
            <SendUpdatePanel problem={p} canWork={canWork} />
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="problem-history">
              <Stack gap="sm">
                <Title order={2} size="h4" id="problem-history">
                  {t("problems.timeline.title")}
                </Title>
                <ProblemTimeline problemId={p.id} />
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <StatsCard problem={p} />
            <OwnershipCard problem={p} canWork={canWork} />
            <ProductsCard problem={p} canWork={canWork} />
            <EscalationsCard problem={p} canWork={canWork} />
            <CommunityTopicLinks target={{ kind: "problem", id: p.id }} canWork={canWork} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** The staff-only description, edited in place. */
function DescriptionCard({ problem: p, canWork }: { problem: ProblemDetail; canWork: boolean }) {
  const { t } = useProblemsText();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(p.description);
  const patch = useProblemWrite((description: string) => patchProblem(p.id, { description }));
  const errors = splitError(patch.error, t("common.genericError"));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="problem-description">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="problem-description">
            {t("problems.description")}
          </Title>
          {canWork && !editing && (
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconPencil size={14} aria-hidden />}
              aria-label={`${t("problems.edit")}: ${t("problems.description")}`}
              onClick={() => {
                setText(p.description);
                setEditing(true);
              }}
            >
              {t("problems.edit")}
            </Button>
          )}
        </Group>
        {editing ? (
          <>
            <Textarea
              aria-label={t("problems.description")}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={errors.fields.description ?? errors.form}
              autosize
              minRows={4}
              maxRows={16}
              autoFocus
            />
            <Group gap="xs">
              <Button
                size="xs"
                loading={patch.isPending}
                onClick={() => patch.mutate(text.trim(), { onSuccess: () => setEditing(false) })}
              >
                {t("problems.save")}
              </Button>
              <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                {t("common.cancel")}
              </Button>
            </Group>
          </>
        ) : p.description ? (
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {p.description}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t("problems.noDescription")}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** The public title and workaround (markdown), and the workaround as customers will see it. */
function PublicCard({ problem: p, canWork }: { problem: ProblemDetail; canWork: boolean }) {
  const { t } = useProblemsText();
  const [publicTitle, setPublicTitle] = useState(p.publicTitle ?? "");
  const [workaround, setWorkaround] = useState(p.publicWorkaround ?? "");
  const patch = useProblemWrite((input: ProblemPatch) => patchProblem(p.id, input));
  const errors = splitError(patch.error, t("common.genericError"));
  const canPublish = useMe().data?.permissions.includes("help.manage") ?? false;
  const dirty =
    publicTitle.trim() !== (p.publicTitle ?? "") || workaround.trim() !== (p.publicWorkaround ?? "");
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="problem-public">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="problem-public">
            {t("problems.public.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("problems.public.hint")}
          </Text>
        </div>
        {canWork && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              patch.mutate(
                { publicTitle: publicTitle.trim() || null, publicWorkaround: workaround.trim() || null },
                { onSuccess: () => notifyDone(t, t("problems.saved")) },
              );
            }}
          >
            <Stack gap="sm">
              <TextInput
                label={t("problems.public.titleLabel")}
                placeholder={t("problems.public.titlePlaceholder")}
                value={publicTitle}
                onChange={(e) => setPublicTitle(e.currentTarget.value)}
                error={errors.fields.publicTitle}
              />
              <Textarea
                label={t("problems.public.workaround")}
                placeholder={t("problems.public.workaroundPlaceholder")}
                value={workaround}
                onChange={(e) => setWorkaround(e.currentTarget.value)}
                error={errors.fields.publicWorkaround}
                autosize
                minRows={4}
                maxRows={16}
                styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
              />
              {errors.form && (
                <Text size="sm" c="var(--mantine-color-error)" role="alert">
                  {errors.form}
                </Text>
              )}
              <Group>
                <Button type="submit" loading={patch.isPending} disabled={!dirty}>
                  {t("problems.save")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {canPublish && p.publicTitle && p.publicWorkaround && <PublishFromProblem problemId={p.id} />}
        {!p.publicTitle && (
          <Text size="sm" c="dimmed">
            {t("problems.public.notPublic")}
          </Text>
        )}
        <Stack gap={4} role="region" aria-label={t("problems.public.preview")}>
          <Text size="sm" fw={600}>
            {t("problems.public.preview")}
          </Text>
          <Paper
            withBorder
            radius="sm"
            p="sm"
            bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-6))"
          >
            {p.publicWorkaroundHtml ? (
              <WorkaroundHtml html={p.publicWorkaroundHtml} />
            ) : (
              <Text size="sm" c="dimmed">
                {t("problems.public.noWorkaround")}
              </Text>
            )}
          </Paper>
        </Stack>
      </Stack>
    </Paper>
  );
}
