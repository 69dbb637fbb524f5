import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  List,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconBolt, IconPlus } from "@tabler/icons-react";
import { Link, useNavigate } from "react-router";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { formatDateTime } from "../../ui/formatDate.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useMe } from "../auth/session.ts";
import { useShieldText } from "../conduct-shield/shieldText.ts";
import { notifyDone } from "../escalations/notify.ts";
import { createFromEmerging, type EmergingGroup, useEmerging, useProblemWrite } from "./problemsApi.ts";
import { useProblemsText } from "./problemsText.ts";

/** Emerging issues: groups of alike recent cases, each one click from becoming a problem. */
export function EmergingPage() {
  const { t } = useProblemsText();
  const emerging = useEmerging();
  const canWork = useMe().data?.permissions.includes("cases.work") ?? false;
  const items = emerging.data?.items ?? [];
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/app/problems" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t("problems.emergingPage.back")}
        </Group>
      </Anchor>
      <Stack gap={4}>
        <PageTitle>{t("problems.emergingPage.title")}</PageTitle>
        <Text c="dimmed">{t("problems.emergingPage.intro")}</Text>
      </Stack>
      {emerging.isPending ? (
        <Center py="xl">
          <Loader aria-label={t("common.loading")} />
        </Center>
      ) : emerging.isError ? (
        <Alert color="red" role="alert" title={t("problems.emergingPage.loadError")}>
          {emerging.error.message}
        </Alert>
      ) : items.length === 0 ? (
        <EmptyState
          icon={<IconBolt size={28} />}
          title={t("problems.emergingPage.emptyTitle")}
          body={t("problems.emergingPage.emptyBody")}
        />
      ) : (
        <SimpleGrid
          cols={{ base: 1, md: 2 }}
          spacing="lg"
          component="ul"
          m={0}
          p={0}
          style={{ listStyle: "none" }}
          aria-label={t("problems.emergingPage.listLabel")}
        >
          {items.map((g) => (
            <GroupCard key={g.key} group={g} canWork={canWork} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function GroupCard(props: { group: EmergingGroup; canWork: boolean }) {
  const { t, i18n } = useProblemsText();
  const navigate = useNavigate();
  const g = props.group;
  const create = useProblemWrite(() => createFromEmerging(g.key));
  const kind =
    g.kind === "signature"
      ? t("problems.emergingPage.kinds.signature")
      : t("problems.emergingPage.kinds.text");
  const headingId = `emerging-${g.key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  return (
    <Paper withBorder radius="md" p="md" component="li" aria-labelledby={headingId} data-emerging-key={g.key}>
      <Stack gap="sm" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Title order={2} size="h4" id={headingId} style={{ overflowWrap: "anywhere" }}>
            {g.label}
          </Title>
          <Badge
            variant="light"
            color={g.kind === "signature" ? "red" : "indigo"}
            style={{ minWidth: "max-content" }}
          >
            {kind}
          </Badge>
        </Group>
        <Group gap="lg">
          <div>
            <Text fw={700} size="xl">
              {g.caseCount}
            </Text>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t("problems.stats.cases")}
            </Text>
          </div>
          <div>
            <Text fw={700} size="xl">
              {g.customerCount}
            </Text>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t("problems.stats.customers")}
            </Text>
          </div>
          {g.frustratedCount > 0 && <FrustratedStat count={g.frustratedCount} />}
        </Group>
        <Text size="sm" c="dimmed">
          {t("problems.emergingPage.seen", {
            first: formatDateTime(g.firstSeenAt, i18n.language),
            last: formatDateTime(g.lastSeenAt, i18n.language),
          })}
        </Text>
        <div>
          <Text size="sm" fw={600}>
            {t("problems.emergingPage.samples")}
          </Text>
          <List size="sm" spacing={2}>
            {g.sampleCases.map((c) => (
              <List.Item key={c.id}>
                <Anchor component={Link} to={`/app/cases/${c.id}`} size="sm">
                  #{c.number} {c.subject}
                </Anchor>{" "}
                <Text span size="sm" c="dimmed">
                  · {c.customerName}
                </Text>
              </List.Item>
            ))}
          </List>
        </div>
        {create.error && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {create.error.message}
          </Text>
        )}
        {props.canWork && (
          <Group mt="auto">
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              loading={create.isPending}
              aria-describedby={headingId}
              onClick={() =>
                create.mutate(undefined, {
                  onSuccess: (p) => {
                    notifyDone(t, t("problems.create.created", { number: p.number }));
                    navigate(`/app/problems/${p.id}`);
                  },
                })
              }
            >
              {t("problems.emergingPage.create")}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** Cases whose customer wrote in frustration (issue #20): how much the fault hurts. */
function FrustratedStat(props: { count: number }) {
  const { t } = useShieldText();
  return (
    <div>
      <Text fw={700} size="xl">
        {props.count}
      </Text>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {t("shield.outcome.frustrated")}
      </Text>
    </div>
  );
}
