import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Link } from "react-router";
import type { LegalHold } from "../../../../contracts/privacy.ts";
import { HoldDialog } from "./HoldDialog.tsx";
import { useCaseHolds, useReleaseHold } from "./privacyApi.ts";
import { usePrivacyText } from "./privacyText.ts";

/**
 * The case page's "Legal hold" card, for admins: the active holds covering the case (placed on
 * it, or on its customer, which covers every case of theirs) with reason, who and when; placing
 * one on this case; releasing one placed here. A hold on the customer is released on the
 * customer's page or in Settings → Data retention, where its whole reach is visible.
 */
export function CaseHoldCard(props: { caseId: string }) {
  const { t } = usePrivacyText();
  const holds = useCaseHolds(props.caseId);
  const release = useReleaseHold();
  const [placeOpen, place] = useDisclosure(false);
  if (!holds.data) return null;
  const items = holds.data.items;
  const placed = (h: LegalHold) =>
    t("privacy.caseCard.placed", { by: h.placedByName, date: new Date(h.placedAt).toLocaleString() });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="case-hold-heading">
      <Stack gap="sm">
        <Title order={2} size="h5" id="case-hold-heading">
          {t("privacy.caseCard.title")}
        </Title>
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("privacy.caseCard.none")}
          </Text>
        )}
        {items.map((h) => (
          <Alert key={h.id} color="orange" data-testid="case-hold">
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {h.caseId
                  ? t("privacy.caseCard.onCase", { reason: h.reason })
                  : t("privacy.caseCard.onCustomer", { reason: h.reason })}
              </Text>
              <Text size="xs">{placed(h)}</Text>
              <Group gap="sm">
                {h.caseId ? (
                  <Button
                    size="xs"
                    variant="default"
                    loading={release.isPending && release.variables === h.id}
                    onClick={() => release.mutate(h.id)}
                    aria-label={`${t("privacy.hold.release")}: ${h.reason}`}
                  >
                    {t("privacy.hold.release")}
                  </Button>
                ) : (
                  <Anchor component={Link} to={`/app/customers/${h.customerId}`} size="xs">
                    {t("privacy.caseCard.customerLink")}
                  </Anchor>
                )}
              </Group>
            </Stack>
          </Alert>
        ))}
        {release.error && (
          <Alert color="red" role="alert">
            {release.error.message}
          </Alert>
        )}
        <Group>
          <Button variant="default" onClick={place.open}>
            {t("privacy.caseCard.place")}
          </Button>
        </Group>
      </Stack>
      <HoldDialog opened={placeOpen} onClose={place.close} target={{ caseId: props.caseId }} />
    </Paper>
  );
}
