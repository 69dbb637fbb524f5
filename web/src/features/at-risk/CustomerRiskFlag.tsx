import { Alert } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useCustomerRisk } from "./atRiskApi.ts";
import { useAtRiskText } from "./atRiskText.ts";
import { ReasonList } from "./ReasonList.tsx";
import { useLiveRisk } from "./useLiveRisk.ts";

/** On the customer panel: an at-risk flag with its reasons; nothing when they are not at risk. */
export function CustomerRiskFlag(props: { customerId: string }) {
  const { t } = useAtRiskText();
  const risk = useCustomerRisk(props.customerId);
  useLiveRisk(props.customerId);
  if (!risk.data?.atRisk) return null;
  return (
    <Alert
      color="grape"
      variant="light"
      icon={<IconAlertTriangle size={18} aria-hidden />}
      title={t("atRisk.flagTitle", { score: risk.data.score })}
      aria-label={t("atRisk.flag")}
    >
      <ReasonList reasons={risk.data.reasons} />
    </Alert>
  );
}
