import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Fact } from "../../../../contracts/customers.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { useFacts } from "./customersApi.ts";
import { factLabel, factText } from "./factValue.ts";
import { RecordFactModal } from "./RecordFactModal.tsx";

/** Every fact with its history: who recorded which value, when and where it came from. */
export function FactsHistory(props: { customer: { id: string; name: string } }) {
  const { t, i18n } = useTranslation();
  const facts = useFacts(props.customer.id);
  const [opened, { open, close }] = useDisclosure();
  const groups = new Map<string, Fact[]>();
  for (const fact of facts.data?.items ?? []) groups.set(fact.key, [...(groups.get(fact.key) ?? []), fact]);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="facts-heading">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5" id="facts-heading">
            {t("customers.facts")}
          </Title>
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={open}>
            {t("customers.recordFactLabel")}
          </Button>
        </Group>
        {groups.size === 0 && <Text c="dimmed">{t("customers.noFacts")}</Text>}
        {[...groups.entries()].map(([key, values]) => (
          <Stack gap={4} key={key}>
            <Title order={3} size="h6">
              {factLabel(t, key)}
            </Title>
            <Stack gap={4} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
              {[...values]
                .sort(
                  (a, b) => Number(b.current) - Number(a.current) || b.recordedAt.localeCompare(a.recordedAt),
                )
                .map((f) => (
                  <Group component="li" key={f.id} gap="xs" wrap="wrap" data-current={f.current}>
                    <Text
                      size="sm"
                      fw={f.current ? 600 : undefined}
                      td={f.current ? undefined : "line-through"}
                    >
                      {factText(f.value, key, i18n.language)}
                    </Text>
                    <Badge size="sm" variant="light" color={f.current ? "teal" : "gray"}>
                      {f.current ? t("customers.current") : t("customers.previous")}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {t("customers.recordedBy", {
                        name: f.recordedBy?.name ?? t("timeline.system"),
                        when: formatDateTime(f.recordedAt, i18n.language),
                      })}
                      {f.sourceChannel ? ` · ${t("customers.viaChannel", { channel: f.sourceChannel })}` : ""}
                    </Text>
                    {f.sourceCaseId && (
                      <Anchor component={Link} to={`/app/cases/${f.sourceCaseId}`} size="xs">
                        {t("customers.fromCase")}
                      </Anchor>
                    )}
                  </Group>
                ))}
            </Stack>
          </Stack>
        ))}
      </Stack>
      <RecordFactModal opened={opened} onClose={close} customer={props.customer} />
    </Paper>
  );
}
