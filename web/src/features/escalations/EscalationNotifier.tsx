import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { apiParsed } from "../../api/client.ts";
import { useRealtimeEvent } from "../realtime/useRealtime.ts";
import { escalationsKey } from "./escalationsKey.ts";

// The escalation contract is needed only when findings arrive, rarely: loaded then, so it
// stays out of every page's first load.
async function fetchEscalation(id: string) {
  const { escalationSchema } = await import("../../../../contracts/escalations.ts");
  return apiParsed(escalationSchema, `/api/v1/escalations/${id}`);
}

/**
 * Keeps escalation views current, and tells the agent who escalated when engineering hands
 * back findings (the event carries ids; the escalation says who asked).
 */
export function EscalationNotifier(props: { userId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  useRealtimeEvent((event) => {
    if (event.type !== "escalation.updated") return;
    void queryClient.invalidateQueries({ queryKey: escalationsKey });
    void queryClient.invalidateQueries({ queryKey: ["case", event.caseId] });
    if (event.change !== "findings") return;
    void fetchEscalation(event.escalationId).then((e) => {
      if (e.createdBy.id !== props.userId) return;
      notifications.show({
        color: "teal",
        autoClose: 15_000,
        closeButtonProps: { "aria-label": t("common.close") },
        title: t("escalations.findingsArrived", { number: e.caseNumber }),
        message: e.findings?.slice(0, 200) ?? "",
        onClick: () => navigate(`/app/cases/${e.caseId}`),
        style: { cursor: "pointer" },
      });
    });
  });
  return null;
}
