import { Badge, Button, Group, NumberInput, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifyDone } from "../../escalations/notify.ts";
import { Loaded } from "./CommunityStaffPage.tsx";
import { useCommunityStaffText } from "./communityStaffText.ts";
import { formatDay } from "./format.ts";
import {
  awardTerm,
  decideNomination,
  type Nomination,
  useCommunityWrite,
  useMvps,
  useNominations,
} from "./staffApi.ts";

/** Nominations with the nominee's record, decided with a note and a term; current MVPs to renew. */
export function MvpTab() {
  const { t } = useCommunityStaffText();
  const { i18n } = useTranslation();
  const nominations = useNominations();
  const mvps = useMvps();
  const renew = useCommunityWrite(awardTerm);

  return (
    <Stack gap="xl">
      <Stack gap="sm" component="section" aria-labelledby="mvp-nominations">
        <Title order={2} size="h4" id="mvp-nominations">
          {t("communityStaff.mvp.nominations")}
        </Title>
        <Loaded query={nominations}>
          {(data) =>
            data.items.length === 0 ? (
              <Text c="dimmed">{t("communityStaff.mvp.noNominations")}</Text>
            ) : (
              data.items.map((n) => <NominationCard key={n.id} nomination={n} />)
            )
          }
        </Loaded>
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="mvp-current">
        <Title order={2} size="h4" id="mvp-current">
          {t("communityStaff.mvp.current")}
        </Title>
        <Loaded query={mvps}>
          {(data) =>
            data.items.length === 0 ? (
              <Text c="dimmed">{t("communityStaff.mvp.noCurrent")}</Text>
            ) : (
              <Table aria-labelledby="mvp-current" verticalSpacing="xs">
                <Table.Tbody>
                  {data.items.map((m) => {
                    const until = m.mvpUntil ?? m.endsAt;
                    return (
                      <Table.Tr key={m.member.id}>
                        <Table.Td>{m.member.displayName}</Table.Td>
                        <Table.Td>
                          {until
                            ? t("communityStaff.mvp.until", { date: formatDay(until, i18n.language) })
                            : "—"}
                        </Table.Td>
                        <Table.Td align="right">
                          <Button
                            size="xs"
                            variant="light"
                            aria-label={t("communityStaff.mvp.renewLabel", { name: m.member.displayName })}
                            loading={renew.isPending && renew.variables?.memberId === m.member.id}
                            onClick={() =>
                              renew.mutate(
                                { memberId: m.member.id, months: 12 },
                                { onSuccess: () => notifyDone(t, t("communityStaff.mvp.renewed")) },
                              )
                            }
                          >
                            {t("communityStaff.mvp.renew")}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )
          }
        </Loaded>
        {renew.isError && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {renew.error.message}
          </Text>
        )}
      </Stack>
    </Stack>
  );
}

function NominationCard(props: { nomination: Nomination }) {
  const { t } = useCommunityStaffText();
  const n = props.nomination;
  const [note, setNote] = useState("");
  const [months, setMonths] = useState<number>(12);
  const decide = useCommunityWrite(decideNomination);
  const r = n.record ?? {};
  const go = (decision: "accept" | "decline") =>
    decide.mutate(
      {
        id: n.id,
        decision,
        note: note.trim() || undefined,
        months: decision === "accept" ? months : undefined,
      },
      { onSuccess: () => notifyDone(t, t("communityStaff.mvp.decided")) },
    );
  const headingId = `nomination-${n.id}`;
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} id={headingId}>
            {n.nominee.displayName}
          </Text>
          {n.nominatedBy && (
            <Text size="sm" c="dimmed">
              {t("communityStaff.mvp.nominatedBy", { name: n.nominatedBy.displayName })}
            </Text>
          )}
        </Group>
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {n.reason}
        </Text>
        <Group gap={6} aria-label={t("communityStaff.mvp.record")} role="group">
          <Badge variant="light">
            {t("communityStaff.mvp.reputation", { count: r.reputation ?? n.nominee.reputation ?? 0 })}
          </Badge>
          <Badge variant="light" color="teal">
            {t("communityStaff.mvp.acceptedAnswers", { count: r.acceptedAnswers ?? 0 })}
          </Badge>
          <Badge variant="light">{t("communityStaff.mvp.answers", { count: r.answers ?? 0 })}</Badge>
          <Badge variant="light" color="grape">
            {t("communityStaff.mvp.helped", { count: r.helpedCount ?? r.deflectedCases ?? 0 })}
          </Badge>
          <Badge variant="light" color={r.penalties ? "red" : "gray"}>
            {t("communityStaff.mvp.penalties", { count: r.penalties ?? 0 })}
          </Badge>
        </Group>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Textarea
            label={t("communityStaff.mvp.note")}
            autosize
            minRows={1}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            style={{ flex: "1 1 240px" }}
          />
          <NumberInput
            label={t("communityStaff.mvp.months")}
            min={1}
            max={36}
            w={140}
            value={months}
            onChange={(v) => setMonths(typeof v === "number" ? v : 12)}
          />
          <Button onClick={() => go("accept")} loading={decide.isPending}>
            {t("communityStaff.mvp.accept")}
          </Button>
          <Button variant="default" onClick={() => go("decline")} disabled={decide.isPending}>
            {t("communityStaff.mvp.decline")}
          </Button>
        </Group>
        {decide.isError && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {decide.error.message}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
