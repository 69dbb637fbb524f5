import { ActionIcon, Group, Kbd, Modal, Table, Text, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconKeyboard } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useShortcuts } from "./useShortcuts.ts";

const SHEET = [
  { keys: ["j"], action: "next" },
  { keys: ["k"], action: "previous" },
  { keys: ["r"], action: "reply" },
  { keys: ["n"], action: "note" },
  { keys: ["a"], action: "assign" },
  { keys: ["s"], action: "solve" },
  { keys: ["g", "i"], action: "inbox" },
  { keys: ["/"], action: "search" },
  { keys: ["?"], action: "help" },
] as const;

/** The "?" sheet listing every shortcut, plus the app-wide ones (help, go to inbox). */
export function ShortcutSheet() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, { open, close }] = useDisclosure();
  useShortcuts({ "?": open, "g i": () => navigate("/app/inbox") });

  return (
    <>
      <Tooltip label={t("shortcuts.open")}>
        <ActionIcon variant="subtle" color="gray" size="lg" onClick={open} aria-label={t("shortcuts.open")}>
          <IconKeyboard size={20} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Modal
        closeButtonProps={{ "aria-label": t("common.close") }}
        opened={opened}
        onClose={close}
        title={t("shortcuts.title")}
      >
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("shortcuts.keys")}</Table.Th>
              <Table.Th>{t("shortcuts.action")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {SHEET.map((row) => (
              <Table.Tr key={row.action}>
                <Table.Td>
                  <Group gap={4}>
                    {row.keys.map((k, i) => (
                      <Group gap={4} key={k}>
                        {i > 0 && (
                          <Text size="xs" c="dimmed">
                            {t("shortcuts.followedBy")}
                          </Text>
                        )}
                        <Kbd>{k}</Kbd>
                      </Group>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{t(`shortcuts.${row.action}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Modal>
    </>
  );
}
