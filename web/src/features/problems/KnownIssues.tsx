import { Alert, Anchor, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { Link } from "react-router";
import type { KnownIssue } from "../../../../contracts/problems.ts";
import { useCustomerContext } from "../customers/contextApi.ts";
import { WARN_TEXT } from "../email/tone.ts";
import { ProblemStatusBadge } from "./ProblemStatusBadge.tsx";
import { useProblemsText } from "./problemsText.ts";
import { WorkaroundHtml } from "./WorkaroundHtml.tsx";

/**
 * Known issues for a customer: open problems whose affected products match one of their
 * devices. Shown before anything else about the customer (case panel, screen pop, customer
 * page), so the agent knows the answer before the customer explains.
 */
export function KnownIssues(props: { issues: KnownIssue[]; onNavigate?: () => void }) {
  const { t } = useProblemsText();
  if (props.issues.length === 0) return null;
  return (
    <Stack gap="xs" role="region" aria-label={t("problems.known.label")}>
      {props.issues.map((k) => (
        <Alert
          key={`${k.problemId}:${k.device.id}`}
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          data-known-issue={k.problemId}
          title={
            <Anchor
              component={Link}
              to={`/app/problems/${k.problemId}`}
              onClick={props.onNavigate}
              inherit
              c={WARN_TEXT}
              fw={700}
              underline="always"
            >
              {t("problems.known.title", { number: k.number, title: k.title })}
            </Anchor>
          }
        >
          <Stack gap={6}>
            <ProblemStatusBadge status={k.status} size="sm" />
            <Text size="sm">
              {k.device.firmware
                ? t("problems.known.deviceFirmware", {
                    model: k.device.model,
                    serial: k.device.serial,
                    firmware: k.device.firmware,
                  })
                : t("problems.known.device", { model: k.device.model, serial: k.device.serial })}
            </Text>
            {k.workaroundHtml ? (
              <div>
                <Text size="sm" fw={600}>
                  {t("problems.known.workaround")}
                </Text>
                <WorkaroundHtml html={k.workaroundHtml} />
              </div>
            ) : (
              <Text size="sm">{t("problems.known.noWorkaround")}</Text>
            )}
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}

/** Known issues of one customer, fetched with their context (the customer page). */
export function CustomerKnownIssues(props: { customerId: string; deviceId?: string }) {
  const context = useCustomerContext(props.customerId);
  const issues = context.data?.knownIssues ?? [];
  return (
    <KnownIssues issues={props.deviceId ? issues.filter((k) => k.device.id === props.deviceId) : issues} />
  );
}
