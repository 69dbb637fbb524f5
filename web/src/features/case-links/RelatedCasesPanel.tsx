import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconLink, IconX } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { useRealtimeEvent } from "../realtime/useRealtime.ts";
import { caseLinksKey, useCaseLinks, useLinkCase, useUnlinkCase } from "./caseLinksApi.ts";
import { useCaseLinksText } from "./caseLinksText.ts";

/**
 * The case page's Related cases: the cases linked to this one (either way round), linking
 * another by its number, and unlinking. A link to a recent case of the same customer makes
 * this a repeat contact, which the repeat badge above then shows.
 */
export function RelatedCasesPanel(props: { caseId: string; canWork: boolean }) {
  const { t } = useCaseLinksText();
  const qc = useQueryClient();
  const links = useCaseLinks(props.caseId);
  const link = useLinkCase(props.caseId);
  const unlink = useUnlinkCase(props.caseId);
  const [number, setNumber] = useState<number | string>("");
  // Someone else linked or unlinked this case: the server announces it as case.updated.
  useRealtimeEvent((event) => {
    if (event.type === "case.updated" && event.caseId === props.caseId)
      void qc.invalidateQueries({ queryKey: caseLinksKey(props.caseId) });
  });
  const items = links.data?.items ?? [];
  const error = link.error ?? unlink.error;
  const submit = () => {
    if (typeof number !== "number") return;
    link.mutate(number, { onSuccess: () => setNumber("") });
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="case-links-title">
      <Stack gap="sm">
        <Title order={2} size="h6" tt="uppercase" c="dimmed" id="case-links-title">
          {t("caseLinks.title")}
        </Title>
        {links.isPending ? (
          <Loader size="sm" aria-label={t("common.loading")} />
        ) : links.isError ? (
          <Text size="sm" c="var(--mantine-color-error)">
            {links.error.message}
          </Text>
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("caseLinks.none")}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: "none" }}>
            {items.map((l) => (
              <Group key={l.caseId} component="li" gap="xs" wrap="nowrap" justify="space-between">
                <Stack gap={0} miw={0}>
                  <Anchor component={Link} to={`/app/cases/${l.caseId}`} size="sm" fw={600}>
                    {t("caseLinks.ref", { number: l.number, subject: l.subject })}
                  </Anchor>
                  <Group gap={6}>
                    <Badge size="xs" variant="light" color="gray">
                      {l.status}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {l.customerName}
                    </Text>
                  </Group>
                </Stack>
                {props.canWork && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t("caseLinks.unlink", { number: l.number })}
                    loading={unlink.isPending && unlink.variables === l.caseId}
                    onClick={() => unlink.mutate(l.caseId)}
                  >
                    <IconX size={14} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {props.canWork && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <NumberInput
                label={t("caseLinks.numberLabel")}
                description={t("caseLinks.numberHint")}
                value={number}
                onChange={setNumber}
                min={1}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                size="xs"
                style={{ flex: 1 }}
                error={error?.message}
              />
              <Button
                type="submit"
                size="xs"
                variant="light"
                leftSection={<IconLink size={12} aria-hidden />}
                loading={link.isPending}
                disabled={typeof number !== "number"}
              >
                {t("caseLinks.link")}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
