import { Button, Center, Grid, Group, Loader, Modal, Paper, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { CustomerTrainingSlot } from "../academy-support/slots.tsx";
import { NewCaseForm } from "../cases/NewCaseForm.tsx";
import { ConductLinkSlot } from "../conduct/slots.tsx";
import { ErasureSlot } from "../privacy/slots.tsx";
import { CustomerExportSlot } from "../privacy-export/slots.tsx";
import { CustomerKnownIssues } from "../problems/KnownIssues.tsx";
import { CaseLinkList } from "./CaseLinkList.tsx";
import { CustomerProfile } from "./CustomerProfile.tsx";
import { useCustomer, useCustomerCases, useCustomerTimeline } from "./customersApi.ts";
import { DevicesCard } from "./DevicesCard.tsx";
import { DuplicateNotice } from "./DuplicateNotice.tsx";
import { FactsHistory } from "./FactsHistory.tsx";
import { TimelineList } from "./TimelineList.tsx";

function CasesCard(props: { customer: { id: string; name: string } }) {
  const { t } = useTranslation();
  const cases = useCustomerCases(props.customer.id);
  const [opened, { open, close }] = useDisclosure();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="cases-heading">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5" id="cases-heading">
            {t("customers.cases")}
          </Title>
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={open}>
            {t("customers.newCase")}
          </Button>
        </Group>
        <CaseLinkList cases={cases.data?.items ?? []} empty={t("customers.noCases")} />
      </Stack>
      <Modal
        closeButtonProps={{ "aria-label": t("common.close") }}
        opened={opened}
        onClose={close}
        title={t("cases.newCase.title", { name: props.customer.name })}
      >
        <NewCaseForm customerId={props.customer.id} onCancel={close} onCreated={close} />
      </Modal>
    </Paper>
  );
}

function TimelineCard(props: { customerId: string }) {
  const { t } = useTranslation();
  const timeline = useCustomerTimeline(props.customerId);
  const events = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="timeline-heading">
      <Stack gap="sm">
        <Title order={2} size="h5" id="timeline-heading">
          {t("customers.timeline")}
        </Title>
        {events.length === 0 && !timeline.isPending && <Text c="dimmed">{t("customers.noTimeline")}</Text>}
        <TimelineList events={events} showCase />
        {timeline.hasNextPage && (
          <Button
            variant="default"
            loading={timeline.isFetchingNextPage}
            onClick={() => timeline.fetchNextPage()}
            w="fit-content"
          >
            {t("customers.loadMore")}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

/** Everything about one customer: profile, facts with history, devices, cases and the full timeline. */
export function CustomerPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const customer = useCustomer(id);
  if (customer.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  if (!customer.data) return <Text role="alert">{t("common.genericError")}</Text>;
  const c = customer.data;
  return (
    <Stack gap="lg" key={c.id}>
      <CustomerProfile key={`${c.name}|${c.organization}`} customer={c} />
      <CustomerKnownIssues customerId={c.id} />
      <DuplicateNotice customer={c} />
      <ConductLinkSlot customerId={c.id} />
      <ErasureSlot customerId={c.id} name={c.name} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="lg">
            <FactsHistory customer={c} />
            <DevicesCard customerId={c.id} />
            <CasesCard customer={c} />
            <CustomerTrainingSlot customerId={c.id} />
            <CustomerExportSlot customerId={c.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <TimelineCard customerId={c.id} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
