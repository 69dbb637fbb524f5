import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconLinkOff } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import type { ProblemDetail } from "../../../../contracts/problems.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { useEscalationQueue } from "../escalations/escalationsApi.ts";
import { notifyDone } from "../escalations/notify.ts";
import {
  AffectedProductsEditor,
  firmwareValid,
  type ProductRow,
  productRow,
  toAffectedProducts,
} from "./AffectedProductsEditor.tsx";
import { splitError } from "./fieldErrors.ts";
import { PerDayChart } from "./PerDayChart.tsx";
import { linkEscalation, patchProblem, unlinkEscalation, useProblemWrite } from "./problemsApi.ts";
import { useProblemsText } from "./problemsText.ts";
import { usePeopleOptions } from "./usePeopleOptions.ts";

function Stat(props: { label: string; value: string | number }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text fw={700} size={typeof props.value === "number" ? "xl" : "sm"}>
        {props.value}
      </Text>
    </div>
  );
}

/** How big the problem is: cases, customers, when it was seen, and new cases per day. */
export function StatsCard(props: { problem: ProblemDetail }) {
  const { t, i18n } = useProblemsText();
  const p = props.problem;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : t("problems.never"));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="problem-stats">
      <Stack gap="sm">
        <Title order={2} size="h4" id="problem-stats">
          {t("problems.stats.title")}
        </Title>
        <SimpleGrid cols={3} spacing="sm">
          <Stat label={t("problems.stats.cases")} value={p.caseCount} />
          <Stat label={t("problems.stats.open")} value={p.openCaseCount} />
          <Stat label={t("problems.stats.customers")} value={p.customerCount} />
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="sm">
          <Stat label={t("problems.stats.firstSeen")} value={when(p.firstSeenAt)} />
          <Stat label={t("problems.stats.lastSeen")} value={when(p.lastSeenAt)} />
        </SimpleGrid>
        <PerDayChart perDay={p.perDay} />
      </Stack>
    </Paper>
  );
}

/** Owner and team, changed as soon as they are picked. */
export function OwnershipCard(props: { problem: ProblemDetail; canWork: boolean }) {
  const { t } = useProblemsText();
  const p = props.problem;
  const people = usePeopleOptions(p);
  const patch = useProblemWrite((input: { ownerId?: string | null; teamId?: string | null }) =>
    patchProblem(p.id, input),
  );
  const errors = splitError(patch.error, t("common.genericError"));
  const done = () => notifyDone(t, t("problems.saved"));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="problem-people">
      <Stack gap="sm">
        <Title order={2} size="h4" id="problem-people">
          {t("problems.people.title")}
        </Title>
        <Select
          label={t("problems.people.owner")}
          data={people.owners}
          value={p.owner?.id ?? ""}
          onChange={(v) => patch.mutate({ ownerId: v || null }, { onSuccess: done })}
          error={errors.fields.ownerId}
          allowDeselect={false}
          searchable
          disabled={!props.canWork}
        />
        <Select
          label={t("problems.people.team")}
          data={people.teams}
          value={p.team?.id ?? ""}
          onChange={(v) => patch.mutate({ teamId: v || null }, { onSuccess: done })}
          error={errors.fields.teamId}
          allowDeselect={false}
          disabled={!props.canWork}
        />
        {errors.form && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {errors.form}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** The models and firmware ranges that make this problem a known issue. */
export function ProductsCard(props: { problem: ProblemDetail; canWork: boolean }) {
  const { t } = useProblemsText();
  const p = props.problem;
  const initial = () => p.affectedProducts.map((a) => productRow(a.model, a.firmware ?? ""));
  const [rows, setRows] = useState<ProductRow[]>(initial);
  const patch = useProblemWrite((affectedProducts: ReturnType<typeof toAffectedProducts>) =>
    patchProblem(p.id, { affectedProducts }),
  );
  const errors = splitError(patch.error, t("common.genericError"));
  const next = toAffectedProducts(rows);
  const dirty =
    JSON.stringify(next) !==
    JSON.stringify(p.affectedProducts.map((a) => (a.firmware ? a : { model: a.model })));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="problem-products">
      <Stack gap="sm">
        <Title order={2} size="h4" id="problem-products">
          {t("problems.products.title")}
        </Title>
        {props.canWork ? (
          <>
            <AffectedProductsEditor rows={rows} onChange={setRows} errors={errors.fields} heading={null} />
            {dirty && (
              <Group>
                <Button
                  size="xs"
                  loading={patch.isPending}
                  disabled={rows.some((r) => !firmwareValid(r.firmware))}
                  onClick={() => patch.mutate(next, { onSuccess: () => notifyDone(t, t("problems.saved")) })}
                >
                  {t("problems.save")}
                </Button>
                <Button size="xs" variant="default" onClick={() => setRows(initial())}>
                  {t("common.cancel")}
                </Button>
              </Group>
            )}
            {errors.form && (
              <Text size="sm" c="var(--mantine-color-error)" role="alert">
                {errors.form}
              </Text>
            )}
          </>
        ) : p.affectedProducts.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("problems.products.none")}
          </Text>
        ) : (
          p.affectedProducts.map((a) => (
            <Text size="sm" key={`${a.model}|${a.firmware ?? ""}`}>
              {a.model} · {a.firmware ?? t("problems.products.allVersions")}
            </Text>
          ))
        )}
      </Stack>
    </Paper>
  );
}

/** Engineering escalations that belong to this problem. */
export function EscalationsCard(props: { problem: ProblemDetail; canWork: boolean }) {
  const { t } = useProblemsText();
  const p = props.problem;
  const [picked, setPicked] = useState<string | null>(null);
  const queue = useEscalationQueue("active");
  const link = useProblemWrite((escalationId: string) => linkEscalation(p.id, escalationId));
  const unlink = useProblemWrite((escalationId: string) => unlinkEscalation(p.id, escalationId));
  const linkedIds = new Set(p.escalations.map((e) => e.id));
  const options = (queue.data?.items ?? [])
    .filter((e) => !linkedIds.has(e.id))
    .map((e) => ({
      value: e.id,
      label: t("problems.escalations.ref", { number: e.caseNumber, summary: e.summary }),
    }));
  const error = link.error ?? unlink.error;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="problem-escalations">
      <Stack gap="sm">
        <Title order={2} size="h4" id="problem-escalations">
          {t("problems.escalations.title")}
        </Title>
        {p.escalations.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("problems.escalations.none")}
          </Text>
        ) : (
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
            {p.escalations.map((e) => (
              <Group key={e.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
                <Stack gap={0} miw={0}>
                  <Anchor component={Link} to={`/app/escalations/${e.id}`} size="sm" lineClamp={1}>
                    {t("problems.escalations.ref", { number: e.caseNumber, summary: e.summary })}
                  </Anchor>
                  <Badge size="xs" variant="light" color="gray">
                    {e.status}
                  </Badge>
                </Stack>
                {props.canWork && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t("problems.escalations.unlinkLabel", { number: e.caseNumber })}
                    onClick={() => unlink.mutate(e.id)}
                  >
                    <IconLinkOff size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {props.canWork && options.length > 0 && (
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <Select
              label={t("problems.escalations.linkLabel")}
              placeholder={t("problems.escalations.linkPlaceholder")}
              data={options}
              value={picked}
              onChange={setPicked}
              searchable
              style={{ flex: 1 }}
            />
            <Button
              variant="light"
              disabled={!picked}
              loading={link.isPending}
              onClick={() => picked && link.mutate(picked, { onSuccess: () => setPicked(null) })}
            >
              {t("problems.escalations.link")}
            </Button>
          </Group>
        )}
        {error && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {error.message}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
