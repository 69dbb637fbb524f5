import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { slaTone } from "../sla/caseSla.ts";
import { SlaBadge } from "../sla/SlaBadge.tsx";
import { useMyCustomers, useMyQueue, useMySnippets, usePendingApprovals } from "./homeApi.ts";
import { useHomeText } from "./homeText.ts";

function Section(props: {
  title: string;
  error?: Error | null;
  empty: string;
  count: number;
  children: ReactNode;
}) {
  const { t } = useHomeText();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={props.title}>
      <Title order={2} size="h4" mb="sm">
        {props.title}
      </Title>
      {props.error ? (
        <Alert color="red">{t("agentHome.loadError", { message: props.error.message })}</Alert>
      ) : props.count === 0 ? (
        <Text c="dimmed" size="sm">
          {props.empty}
        </Text>
      ) : (
        props.children
      )}
    </Paper>
  );
}

/** An agent's own page: their queue and its SLA risks, their customers, approvals, snippets. */
export function AgentHomePage() {
  const { t } = useHomeText();
  const queue = useMyQueue();
  const customers = useMyCustomers();
  const approvals = usePendingApprovals();
  const snippets = useMySnippets();
  const cases = queue.data?.items ?? [];
  const risks = cases.filter((c) => {
    const tone = slaTone(c.sla);
    return tone === "warning" || tone === "breached";
  }).length;
  return (
    <Stack gap="lg">
      <PageTitle>{t("agentHome.title")}</PageTitle>
      <Section
        title={t("agentHome.queue")}
        error={queue.error}
        empty={t("agentHome.queueEmpty")}
        count={cases.length}
      >
        {risks > 0 && (
          <Badge color="red.9" autoContrast mb="sm" tt="none">
            {t("agentHome.risks", { count: risks })}
          </Badge>
        )}
        <Stack gap={6} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {cases.map((c) => (
            <Group key={c.id} component="li" justify="space-between" wrap="nowrap" data-case-id={c.id}>
              <Anchor component={Link} to={`/app/cases/${c.id}`} size="sm">
                #{c.number} {c.subject}
              </Anchor>
              <SlaBadge sla={c.sla} />
            </Group>
          ))}
        </Stack>
        <Anchor
          component={Link}
          to="/app/inbox?view=mine&status=open&assignee=me&sort=urgency"
          size="sm"
          mt="sm"
        >
          {t("agentHome.openInbox")}
        </Anchor>
      </Section>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Section
          title={t("agentHome.customers")}
          error={customers.error}
          empty={t("agentHome.customersEmpty")}
          count={customers.data?.length ?? 0}
        >
          <Stack gap={4}>
            {customers.data?.map((c) => (
              <Anchor key={c.id} component={Link} to={`/app/customers/${c.id}`} size="sm">
                {c.name}
                {c.organization ? ` · ${c.organization}` : ""}
              </Anchor>
            ))}
          </Stack>
        </Section>
        <Section
          title={t("agentHome.approvals")}
          error={approvals.error}
          empty={t("agentHome.approvalsEmpty")}
          count={approvals.data?.length ?? 0}
        >
          <Stack gap={4}>
            {approvals.data?.map((a) => {
              const label = a.action?.name ?? a.actionName ?? a.id;
              return a.caseId ? (
                <Anchor key={a.id} component={Link} to={`/app/cases/${a.caseId}`} size="sm">
                  {label}
                </Anchor>
              ) : (
                <Text key={a.id} size="sm">
                  {label}
                </Text>
              );
            })}
          </Stack>
        </Section>
        <Section
          title={t("agentHome.snippets")}
          error={snippets.error}
          empty={t("agentHome.snippetsEmpty")}
          count={snippets.data?.length ?? 0}
        >
          <Stack gap={6}>
            {snippets.data?.map((s) => (
              <div key={s.id}>
                <Text size="sm" fw={600}>
                  {s.title}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {s.body}
                </Text>
              </div>
            ))}
          </Stack>
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
