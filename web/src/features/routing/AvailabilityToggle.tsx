import { Menu, Switch, Text } from "@mantine/core";
import { setMyAvailability, useMyAvailability, useRoutingMutation } from "./routingApi.ts";
import { useRoutingText } from "./routingText.ts";

/**
 * The agent's own "available / away" switch in the user menu. Loaded lazily when the menu
 * opens (availabilitySlot.tsx), so the first load carries only a few lines.
 */
export function AvailabilityToggle() {
  const { t } = useRoutingText();
  const me = useMyAvailability(true);
  const set = useRoutingMutation(setMyAvailability);
  if (!me.data) return null;
  const offHours = me.data.status === "available" && me.data.effective === "away";
  return (
    <Menu.Item closeMenuOnClick={false} component="div">
      <Switch
        label={t("routing.availability")}
        checked={me.data.status === "available"}
        disabled={set.isPending}
        onChange={(e) => set.mutate(e.currentTarget.checked ? "available" : "away")}
      />
      {(me.data.status === "away" || offHours) && (
        <Text size="xs" c="dimmed" mt={4}>
          {offHours ? t("routing.offHours") : t("routing.awayHint")}
        </Text>
      )}
    </Menu.Item>
  );
}
