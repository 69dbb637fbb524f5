import { Alert, Anchor, Box, Button, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CustomerContext } from "../../../../contracts/context.ts";
import { CustomerTrainingSlot } from "../academy-support/slots.tsx";
import { CustomerRiskSlot } from "../at-risk/slots.tsx";
import { CustomerCommunitySlot } from "../community/staff/slots.tsx";
import { DiagnosticCodeButton } from "../diagnostics/DiagnosticCodeButton.tsx";
import { KnownIssues } from "../problems/KnownIssues.tsx";
import { CustomerRoutingSlot } from "../routing/slots.tsx";
import { CustomerSurveySlot } from "../surveys/slots.tsx";
import { CaseLinkList } from "./CaseLinkList.tsx";
import { useCustomerContext } from "./contextApi.ts";
import { DuplicateNotice } from "./DuplicateNotice.tsx";
import { factLabel, factText } from "./factValue.ts";
import { identityText, usePhoneFormat } from "./phone.ts";
import { RecordFactModal } from "./RecordFactModal.tsx";
import { TimelineList } from "./TimelineList.tsx";

function Section(props: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Stack gap={6} component="section">
      <Group justify="space-between" gap="xs">
        <Title order={3} size="h6" tt="uppercase" c="dimmed">
          {props.title}
        </Title>
        {props.action}
      </Group>
      {props.children}
    </Stack>
  );
}

/** Label/value rows for identities, facts and devices: scannable at a glance. */
export function KeyValues(props: {
  rows: { key: string; label: string; value: string; to?: string }[];
  empty: string;
}) {
  if (props.rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {props.empty}
      </Text>
    );
  return (
    <Stack gap={4} component="dl" m={0}>
      {props.rows.map((row) => (
        <Group key={row.key} gap="xs" wrap="nowrap" align="flex-start">
          <Text component="dt" size="sm" c="dimmed" w={110} style={{ flexShrink: 0 }}>
            {row.label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ wordBreak: "break-word" }}>
            {row.to ? (
              <Anchor component={Link} to={row.to} inherit>
                {row.value}
              </Anchor>
            ) : (
              row.value
            )}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** The panel's rows for a loaded context (null while loading); shared with the screen pop. */
export function useContextRows(context: CustomerContext | undefined) {
  const { t, i18n } = useTranslation();
  const phone = usePhoneFormat();
  if (!context) return null;
  // Spelled out instead of a template key: the typed resources are large enough that
  // TypeScript gives up expanding `customers.identityKinds.${kind}` (TS2589).
  const kindLabel: Record<CustomerContext["identities"][number]["kind"], string> = {
    email: t("customers.identityKinds.email"),
    phone: t("customers.identityKinds.phone"),
    account: t("customers.identityKinds.account"),
    social: t("customers.identityKinds.social"),
    external: t("customers.identityKinds.external"),
  };
  return {
    identities: context.identities.map((i) => ({
      key: i.id,
      label: kindLabel[i.kind],
      value: identityText(i, phone),
    })),
    facts: Object.entries(context.facts).map(([key, value]) => ({
      key,
      label: factLabel(t, key),
      value: factText(value, key, i18n.language),
    })),
    devices: context.devices.map((d) => ({
      key: d.id,
      label: d.model,
      value: [d.serial, d.firmware].filter(Boolean).join(" · "),
      to: `/app/devices/${d.id}?customer=${context.customer.id}`,
    })),
  };
}

/**
 * Everything known about the customer beside the conversation: who they are, what is on file,
 * their devices, other cases and what happened before, so nobody asks twice.
 */
export function CustomerPanel(props: { customerId: string; caseId: string }) {
  const { t } = useTranslation();
  const context = useCustomerContext(props.customerId);
  const [factOpen, fact] = useDisclosure();
  const rows = useContextRows(context.data);
  if (context.isError)
    return (
      <Alert color="red" role="alert">
        {t("common.genericError")}
      </Alert>
    );
  if (!context.data || !rows) return <Loader aria-label={t("common.loading")} />;
  const c = context.data;

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="aside"
      aria-label={t("customers.panelLabel", { name: c.customer.name })}
    >
      <Stack gap="md">
        {/* Before anything else: a known issue may be the answer to this case. */}
        <KnownIssues issues={c.knownIssues} />
        <div>
          <Title order={2} size="h4">
            <Anchor component={Link} to={`/app/customers/${c.customer.id}`} inherit>
              {c.customer.name}
            </Anchor>
          </Title>
          {c.customer.organization && <Text c="dimmed">{c.customer.organization}</Text>}
        </div>
        <DuplicateNotice customer={c.customer} />
        <Section title={t("customers.identities")}>
          <KeyValues rows={rows.identities} empty="—" />
        </Section>
        <Section
          title={t("customers.facts")}
          action={
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconPlus size={12} aria-hidden />}
              onClick={fact.open}
              aria-label={t("customers.recordFactLabel")}
            >
              {t("customers.recordFact")}
            </Button>
          }
        >
          <KeyValues rows={rows.facts} empty={t("customers.noFacts")} />
        </Section>
        <Section title={t("customers.devices")}>
          <KeyValues rows={rows.devices} empty={t("customers.noDevices")} />
          <DiagnosticCodeButton customerId={c.customer.id} caseId={props.caseId} />
        </Section>
        <CustomerCommunitySlot customerId={c.customer.id} />
        <CustomerRiskSlot customerId={c.customer.id} />
        <CustomerRoutingSlot customerId={c.customer.id} />
        <CustomerSurveySlot customerId={c.customer.id} />
        <CustomerTrainingSlot customerId={c.customer.id} caseId={props.caseId} />
        <Section title={t("customers.openCases")}>
          <CaseLinkList cases={c.openCases} currentId={props.caseId} empty={t("customers.noCases")} />
        </Section>
        <Section title={t("customers.pastCases")}>
          <CaseLinkList cases={c.recentCases} empty={t("customers.noCases")} />
        </Section>
        <Section title={t("customers.history")}>
          {c.timeline.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("customers.noTimeline")}
            </Text>
          ) : (
            // Scrolls on its own; focusable so keyboard users can scroll it too.
            <Box
              mah={360}
              style={{ overflowY: "auto" }}
              tabIndex={0}
              role="region"
              aria-label={t("customers.history")}
            >
              <TimelineList events={c.timeline} showCase />
            </Box>
          )}
        </Section>
      </Stack>
      <RecordFactModal opened={factOpen} onClose={fact.close} customer={c.customer} caseId={props.caseId} />
    </Paper>
  );
}
