import { Anchor, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { z } from "zod";
import type { emailHealthSchema } from "../../../../contracts/email.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { HealthCard } from "./HealthCard.tsx";
import { ERROR_TEXT } from "./tone.ts";

type FailedOutbound = z.infer<typeof emailHealthSchema>["failedOutbound"][number];

/**
 * Mail the relay refused: agent replies link to their case so someone can follow up; mail
 * Rapport wrote itself (sign-in links, invitations, acknowledgements) names its kind and recipient.
 */
export function FailedOutboundCard(props: { items: FailedOutbound[] }) {
  const { t, i18n } = useTranslation();
  return (
    <HealthCard
      titleId="email-failed-out-title"
      title={t("email.settings.failedOutboundTitle")}
      intro={t("email.settings.failedOutboundIntro")}
      empty={props.items.length === 0 ? t("email.settings.noFailedOutbound") : null}
    >
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="sm" aria-labelledby="email-failed-out-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("email.settings.case")}</Table.Th>
              <Table.Th>{t("email.settings.written")}</Table.Th>
              <Table.Th>{t("email.settings.error")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.items.map((f) => (
              <Table.Tr key={f.messageId}>
                <Table.Td>
                  {f.caseId ? (
                    <Anchor component={Link} to={`/app/cases/${f.caseId}`} fw={600}>
                      {t("cases.number", { number: f.caseNumber })}
                    </Anchor>
                  ) : (
                    <Stack gap={0}>
                      <Text size="sm" fw={600}>
                        {t(`email.settings.mailKind.${f.kind}`)}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {t("email.settings.mailTo", { to: f.to ?? "" })}
                      </Text>
                    </Stack>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {formatDateTime(f.createdAt, i18n.language)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={ERROR_TEXT}>
                    {f.error ?? t("email.delivery.unknownReason")}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </HealthCard>
  );
}
