import { Divider, Group, Paper, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconCircleCheck, IconDeviceSpeaker } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { KNOWN_FACT_KEYS } from "../../../../contracts/customers.ts";
import { factText, humanise } from "../customers/factValue.ts";
import type { PortalProfile } from "./portalApi.ts";

type KnownFactKey = (typeof KNOWN_FACT_KEYS)[number];
const isKnownFact = (key: string): key is KnownFactKey =>
  (KNOWN_FACT_KEYS as readonly string[]).includes(key);

function Row(props: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.4 }}>
        {props.label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: "anywhere" }}>
        {props.children}
      </Text>
    </div>
  );
}

/**
 * What we already know about the customer, shown beside a new request so they never type
 * their address, plan or serial numbers again (pillar 1: the customer never repeats themselves).
 */
export function KnownDetails(props: { profile: PortalProfile }) {
  const { t, i18n } = useTranslation();
  const { customer, identities, facts, devices } = props.profile;
  const factRows = Object.entries(facts)
    .map(([key, value]) => [key, factText(value, key, i18n.language)] as const)
    .filter(([, text]) => text !== "");
  if (!customer && identities.length === 0 && factRows.length === 0 && devices.length === 0) return null;

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="known-details-title">
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" color="teal" radius="xl" size={36} aria-hidden>
            <IconCircleCheck size={20} />
          </ThemeIcon>
          <Stack gap={2}>
            <Text component="h2" id="known-details-title" fw={700} size="md" m={0}>
              {t("portal.known.title")}
            </Text>
            <Text size="sm" c="dimmed">
              {t("portal.known.intro")}
            </Text>
          </Stack>
        </Group>
        <Stack component="dl" gap="sm" m={0}>
          {customer && <Row label={t("portal.known.name")}>{customer.name}</Row>}
          {customer?.organization && (
            <Row label={t("portal.known.organization")}>{customer.organization}</Row>
          )}
          {identities.map((i) => (
            <Row key={i.id} label={t(`portal.known.${i.kind}`)}>
              {i.display}
            </Row>
          ))}
          {factRows.map(([key, text]) => (
            <Row key={key} label={isKnownFact(key) ? t(`portal.known.facts.${key}`) : humanise(key)}>
              {text}
            </Row>
          ))}
        </Stack>
        {devices.length > 0 && (
          <>
            <Divider />
            <Stack gap="xs">
              <Text component="h3" size="sm" fw={700} m={0}>
                {t("portal.known.devices")}
              </Text>
              <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: "none" }}>
                {devices.map((d) => (
                  <Group component="li" key={d.id} gap="sm" wrap="nowrap">
                    <ThemeIcon variant="light" color="gray" radius="md" size={32} aria-hidden>
                      <IconDeviceSpeaker size={18} />
                    </ThemeIcon>
                    <div>
                      <Text size="sm" fw={600}>
                        {d.model}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t("portal.known.deviceDetail", { serial: d.serial })}
                        {d.firmware ? ` · ${t("portal.known.firmware", { version: d.firmware })}` : ""}
                      </Text>
                    </div>
                  </Group>
                ))}
              </Stack>
            </Stack>
          </>
        )}
        <Text size="xs" c="dimmed">
          {t("portal.known.outOfDate")}
        </Text>
      </Stack>
    </Paper>
  );
}
