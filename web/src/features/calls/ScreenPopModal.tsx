import { Badge, Button, Group, Loader, Modal, Stack, Text, Title } from "@mantine/core";
import { IconPhoneIncoming } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { NewCaseForm } from "../cases/NewCaseForm.tsx";
import { KeyValues, useContextRows } from "../customers/CustomerPanel.tsx";
import { useCustomerContext } from "../customers/contextApi.ts";
import { usePhoneFormat } from "../customers/phone.ts";
import { KnownIssues } from "../problems/KnownIssues.tsx";
import type { Call } from "./ScreenPop.tsx";

/** The screen pop's window (see ScreenPop.tsx): the caller's record, for one call. */
export function ScreenPopModal({ call, close }: { call: Call | null; close: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const context = useCustomerContext(call?.customerId);
  const go = (path: string) => {
    close();
    navigate(path);
  };
  const rows = useContextRows(context.data);
  // The caller's number as people write it in the workspace's region, not as stored (E.164).
  const phone = usePhoneFormat();

  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={call !== null}
      onClose={close}
      size="lg"
      title={
        <Group gap="xs" wrap="nowrap">
          <IconPhoneIncoming size={22} aria-hidden color="var(--mantine-color-teal-7)" />
          <Title order={2} size="h4" component="span">
            {t("calls.title", { name: call?.customerName ?? "" })}
          </Title>
        </Group>
      }
    >
      {call && (
        <Stack>
          <Group gap="xs">
            <Text>{phone(call.from)}</Text>
            {call.newCustomer && <Badge color="dark">{t("calls.newCaller")}</Badge>}
          </Group>
          {!rows || !context.data ? (
            <Loader aria-label={t("common.loading")} />
          ) : creating ? (
            <NewCaseForm
              customerId={call.customerId}
              defaultChannel="phone"
              defaultSubject={t("calls.callSubject", { from: phone(call.from) })}
              onCancel={() => setCreating(false)}
              onCreated={close}
            />
          ) : (
            <>
              {/* First: the caller's device may have a known issue, and its workaround. */}
              <KnownIssues issues={context.data.knownIssues} onNavigate={close} />
              <Stack gap={4}>
                <Title order={3} size="h6">
                  {t("calls.facts")}
                </Title>
                <KeyValues rows={rows.facts} empty={t("customers.noFacts")} />
              </Stack>
              <Stack gap={4}>
                <Title order={3} size="h6">
                  {t("calls.devices")}
                </Title>
                <KeyValues rows={rows.devices} empty={t("customers.noDevices")} />
              </Stack>
              <Stack gap={4}>
                <Title order={3} size="h6">
                  {t("calls.openCases")}
                </Title>
                {context.data.openCases.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t("calls.noOpenCases")}
                  </Text>
                )}
                {context.data.openCases.map((c) => (
                  <Text size="sm" key={c.id}>
                    {t("cases.number", { number: c.number })} {c.subject}
                  </Text>
                ))}
              </Stack>
              <Group>
                <Button onClick={() => go(`/app/customers/${call.customerId}`)} data-autofocus>
                  {t("calls.openCustomer")}
                </Button>
                {context.data.openCases.map((c) => (
                  <Button key={c.id} variant="light" onClick={() => go(`/app/cases/${c.id}`)}>
                    {t("calls.openCase", { number: c.number })}
                  </Button>
                ))}
                <Button variant="default" onClick={() => setCreating(true)}>
                  {t("calls.newCase")}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      )}
    </Modal>
  );
}
