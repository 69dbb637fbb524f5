import { Alert, Button, Group, NumberInput, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { alertPrefs, askDesktopPermission } from "./alerts.ts";
import { useMyCapacity, useSetMyCapacity } from "./chatApi.ts";
import { useChatText } from "./chatText.ts";

/** The agent's own chat capacity, and how this browser tells them of a new chat. */
export function MyChatSettings() {
  const { t } = useChatText();
  const capacity = useMyCapacity();
  const save = useSetMyCapacity();
  const [value, setValue] = useState<number | string>("");
  const [desktop, setDesktop] = useState(alertPrefs.desktop());
  const [sound, setSound] = useState(alertPrefs.sound());
  const [denied, setDenied] = useState(false);
  useEffect(() => {
    if (capacity.data) setValue(capacity.data.capacity);
  }, [capacity.data]);
  const error = save.error instanceof ApiError ? save.error.message : undefined;

  const toggleDesktop = async (on: boolean) => {
    const allowed = on ? await askDesktopPermission() : true;
    setDenied(on && !allowed);
    alertPrefs.setDesktop(on && allowed);
    setDesktop(on && allowed);
  };

  return (
    <Stack gap="md" maw={560}>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="my-capacity-heading">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(Number(value), {
              onSuccess: () =>
                notifications.show({
                  color: "teal",
                  message: t("chat.settings.saved"),
                  closeButtonProps: { "aria-label": t("chat.widget.cancel") },
                }),
            });
          }}
        >
          <Stack gap="sm">
            <Title order={2} size="h5" id="my-capacity-heading">
              {t("chat.settings.myCapacity")}
            </Title>
            <Group align="flex-end" gap="sm">
              <NumberInput
                label={t("chat.settings.myCapacity")}
                description={t("chat.settings.myCapacityHint")}
                min={0}
                max={50}
                value={value}
                onChange={setValue}
                error={error}
                w={220}
              />
              <Button type="submit" loading={save.isPending}>
                {t("chat.settings.save")}
              </Button>
            </Group>
            {capacity.data && (
              <Text size="sm" c="dimmed">
                {t("chat.settings.inHand", { active: capacity.data.active })}
              </Text>
            )}
          </Stack>
        </form>
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Switch
            label={t("chat.settings.sound")}
            checked={sound}
            onChange={(e) => {
              alertPrefs.setSound(e.currentTarget.checked);
              setSound(e.currentTarget.checked);
            }}
          />
          <Switch
            label={t("chat.settings.desktop")}
            description={t("chat.settings.desktopHint")}
            checked={desktop}
            onChange={(e) => void toggleDesktop(e.currentTarget.checked)}
          />
          {denied && <Alert color="orange">{t("chat.settings.desktopDenied")}</Alert>}
        </Stack>
      </Paper>
    </Stack>
  );
}
