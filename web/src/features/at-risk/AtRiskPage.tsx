import { Alert, Anchor, Badge, Button, Center, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { useMe } from "../auth/session.ts";
import { useAtRiskList } from "./atRiskApi.ts";
import { useAtRiskText } from "./atRiskText.ts";
import { ReachOutModal } from "./ReachOutModal.tsx";
import { ReasonList } from "./ReasonList.tsx";
import { useLiveRisk } from "./useLiveRisk.ts";

/** The at-risk customers, highest score first, with reasons and a Reach out action (issue #19). */
export function AtRiskPage() {
  const { t, i18n } = useAtRiskText();
  const [limit, setLimit] = useState(50);
  const list = useAtRiskList(limit);
  useLiveRisk();
  const canWork = !!useMe().data?.permissions.includes("cases.work");
  const [target, setTarget] = useState<{ id: string; name: string } | null>(null);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium" });
  return (
    <Stack gap="md" p="md">
      <Title order={1} size="h2">
        {t("atRisk.title")}
      </Title>
      <Text c="dimmed">{t("atRisk.intro")}</Text>
      {list.isPending && (
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      )}
      {list.error && <Alert color="red">{t("atRisk.loadError", { message: list.error.message })}</Alert>}
      {list.data && list.data.items.length === 0 && <Text>{t("atRisk.empty")}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" aria-label={t("atRisk.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("atRisk.columns.customer")}</Table.Th>
                <Table.Th>{t("atRisk.columns.score")}</Table.Th>
                <Table.Th>{t("atRisk.columns.reasons")}</Table.Th>
                <Table.Th>{t("atRisk.columns.since")}</Table.Th>
                <Table.Th>{t("atRisk.columns.action")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.customerId} data-testid="at-risk-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/app/customers/${c.customerId}`}>
                      {c.customerName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={c.score >= 75 ? "red" : "grape"} variant="light">
                      {c.score}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <ReasonList reasons={c.reasons} />
                  </Table.Td>
                  <Table.Td>{c.since ? date.format(new Date(c.since)) : ""}</Table.Td>
                  <Table.Td>
                    {canWork && (
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => setTarget({ id: c.customerId, name: c.customerName })}
                        aria-label={t("atRisk.reachOutTo", { name: c.customerName })}
                      >
                        {t("atRisk.reachOut")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data?.nextCursor && (
        <Button
          variant="subtle"
          onClick={() => setLimit((n) => Math.min(100, n + 50))}
          disabled={limit >= 100}
        >
          {t("atRisk.more")}
        </Button>
      )}
      <ReachOutModal customer={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}
