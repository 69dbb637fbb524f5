import { Button, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconUserShare } from "@tabler/icons-react";
import { ApiError } from "../../api/client.ts";
import { useHandToLead } from "./shieldApi.ts";
import { useShieldText } from "./shieldText.ts";

/** "I'd rather not continue this one": one click hands the case to a lead, no reason asked. */
export function HandToLeadButton(props: { caseId: string }) {
  const { t } = useShieldText();
  const hand = useHandToLead(props.caseId);
  return (
    <Tooltip label={t("shield.handToLeadHint")} withArrow>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconUserShare size={14} aria-hidden />}
        loading={hand.isPending}
        onClick={() =>
          hand.mutate(undefined, {
            onSuccess: (r) =>
              notifications.show({ color: "teal", message: t("shield.handedTo", { name: r.assigneeName }) }),
            onError: (err) =>
              notifications.show({
                color: "red",
                message:
                  err instanceof ApiError && err.status === 409 ? t("shield.noLead") : t("shield.failed"),
              }),
          })
        }
      >
        {t("shield.handToLead")}
      </Button>
    </Tooltip>
  );
}
