import { Avatar, Badge, Button, Group, Paper, Select, Skeleton, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { STAFF_ROLES } from "../../../../contracts/team.ts";
import { ApiError } from "../../api/client.ts";
import { type Member, type StaffRole, useUpdateMember } from "./teamApi.ts";

// The join date alone is enough here and keeps the table narrow enough for the role picker.
const formatDay = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));

const isStaffRole = (v: string | null): v is StaffRole => STAFF_ROLES.includes(v as StaffRole);

function RoleCell(props: { member: Member; canManage: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateMember();
  const m = props.member;
  if (!props.canManage || m.status !== "active") return <Text size="sm">{t(`shell.roles.${m.role}`)}</Text>;
  return (
    <Select
      aria-label={t("team.roleLabel", { name: m.name })}
      data={STAFF_ROLES.map((r) => ({ value: r, label: t(`shell.roles.${r}`) }))}
      value={m.role}
      allowDeselect={false}
      size="xs"
      w={150}
      disabled={update.isPending}
      onChange={async (role) => {
        if (!isStaffRole(role) || role === m.role) return;
        try {
          await update.mutateAsync({ id: m.id, role });
          notifications.show({
            color: "teal",
            message: t("team.roleChanged", { name: m.name, role: t(`shell.roles.${role}`) }),
            closeButtonProps: { "aria-label": t("common.close") },
          });
        } catch (err) {
          // e.g. 409: the last active admin cannot be demoted; the server says so in words.
          notifications.show({
            color: "red",
            message: err instanceof ApiError ? err.message : t("common.genericError"),
            closeButtonProps: { "aria-label": t("common.close") },
          });
        }
      }}
    />
  );
}

/** Everyone on staff; admins change roles inline and (de)activate through a confirmation. */
export function MembersTable(props: {
  members: Member[] | undefined;
  loading: boolean;
  canManage: boolean;
  myUserId: string;
  onToggleStatus: (member: Member) => void;
}) {
  const { t, i18n } = useTranslation();
  const columns: ("name" | "email" | "role" | "status" | "joined" | "actions")[] = [
    "name",
    "email",
    "role",
    "status",
    "joined",
  ];
  if (props.canManage) columns.push("actions");
  return (
    <Paper withBorder radius="lg">
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-labelledby="people-title">
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c}>{t(`team.columns.${c}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.loading && (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>
                  <Skeleton h={20} />
                </Table.Td>
              </Table.Tr>
            )}
            {props.members?.map((m) => {
              const active = m.status === "active";
              const self = m.userId === props.myUserId;
              return (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Avatar
                        name={m.name}
                        color={active ? "blue" : "gray"}
                        size={32}
                        radius="xl"
                        aria-hidden
                      />
                      <Stack gap={0}>
                        <Text size="sm" fw={600} style={{ whiteSpace: "nowrap" }}>
                          {m.name}
                        </Text>
                        {self && (
                          <Text size="xs" c="dimmed">
                            {t("team.you")}
                          </Text>
                        )}
                      </Stack>
                    </Group>
                  </Table.Td>
                  <Table.Td>{m.email}</Table.Td>
                  <Table.Td>
                    <RoleCell member={m} canManage={props.canManage} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Badge variant="light" color={active ? "teal" : "gray"} style={{ flexShrink: 0 }}>
                      {t(`team.status.${m.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {formatDay(m.createdAt, i18n.language)}
                  </Table.Td>
                  {props.canManage && (
                    <Table.Td>
                      {!self && (
                        <Button
                          size="xs"
                          variant={active ? "default" : "light"}
                          color={active ? "red" : "teal"}
                          aria-label={t(active ? "team.deactivateLabel" : "team.reactivateLabel", {
                            name: m.name,
                          })}
                          onClick={() => props.onToggleStatus(m)}
                        >
                          {t(active ? "team.deactivate" : "team.reactivate")}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
            {props.members?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columns.length} ta="center" c="dimmed" py="xl">
                  {t("team.empty")}
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
