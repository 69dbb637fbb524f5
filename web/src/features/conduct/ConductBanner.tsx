import { Alert, Anchor } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { conductNoticeSchema } from "../../../../contracts/conduct.ts";
import { apiParsed } from "../../api/client.ts";
import { useMe } from "../auth/session.ts";
import { useConductSettings } from "./conductApi.ts";
import { useConductText } from "./conductText.ts";

/**
 * What an agent on the case must know while a step is in force: "Contact restricted: email
 * only, through Dana, until 3 March". Only the kind and the restriction; never the evidence.
 */
export function ConductBanner(props: { customerId: string }) {
  const { t } = useConductText();
  const notice = useQuery({
    queryKey: ["conduct", "notice", props.customerId],
    queryFn: () => apiParsed(conductNoticeSchema, `/api/v1/customers/${props.customerId}/conduct/notice`),
  });
  const n = notice.data;
  if (!n?.kind || n.kind === "warning") return null;
  const until = n.expiresAt ? new Date(n.expiresAt).toLocaleDateString() : t("conduct.banner.noEnd");
  const text =
    n.kind === "restricted"
      ? t(n.agentName ? "conduct.banner.restrictedThrough" : "conduct.banner.restricted", {
          channels: (n.channels ?? []).join(", "),
          name: n.agentName,
          until,
        })
      : t(`conduct.banner.${n.kind}`, { until });
  return (
    <Alert color="orange" variant="light" role="note">
      {text}
    </Alert>
  );
}

/** "Conduct history" on the customer page, for managers only. */
export function ConductHistoryLink(props: { customerId: string }) {
  const { t } = useConductText();
  const me = useMe().data;
  const admin = me?.permissions.includes("team.manage") ?? false;
  const probe = useConductSettings(!admin && (me?.permissions.includes("cases.read") ?? false));
  if (!admin && !probe.isSuccess) return null;
  return (
    <Anchor component={Link} to={`/app/conduct/customers/${props.customerId}`} w="fit-content">
      {t("conduct.customer.historyLink")}
    </Anchor>
  );
}
