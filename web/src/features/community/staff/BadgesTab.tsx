import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { notifyDone } from "../../escalations/notify.ts";
import { splitError } from "../../problems/fieldErrors.ts";
import { Loaded } from "./CommunityStaffPage.tsx";
import { useCommunityStaffText } from "./communityStaffText.ts";
import { type Badge as BadgeRow, createBadge, useBadges, useCommunityWrite } from "./staffApi.ts";

const TIER_COLOR = { bronze: "orange", silver: "gray", gold: "yellow" } as const;
const TIERS = ["bronze", "silver", "gold"] as const;

/** Badges with how many people hold each, and a form to add one: its rule is data (JSON). */
export function BadgesTab() {
  const { t } = useCommunityStaffText();
  const badges = useBadges();
  const tier = (x: BadgeRow["tier"]) => t(`communityStaff.badges.tiers.${x}`);
  return (
    <Stack gap="xl">
      <Loaded query={badges}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t("communityStaff.badges.empty")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table aria-label={t("communityStaff.badges.tableLabel")} verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("communityStaff.badges.name")}</Table.Th>
                    <Table.Th scope="col">{t("communityStaff.badges.tier")}</Table.Th>
                    <Table.Th scope="col">{t("communityStaff.badges.rule")}</Table.Th>
                    <Table.Th scope="col">{t("communityStaff.badges.awarded")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {b.name}
                        </Text>
                        {b.description && (
                          <Text size="xs" c="dimmed">
                            {b.description}
                          </Text>
                        )}
                        {b.enabled === false && (
                          <Badge size="xs" color="gray">
                            {t("communityStaff.badges.disabled")}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {/* Outlined with body-coloured text: the tier colours alone fail contrast. */}
                        <Badge color={TIER_COLOR[b.tier]} variant="outline" c="var(--mantine-color-text)">
                          {tier(b.tier)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace" style={{ wordBreak: "break-word" }}>
                          {JSON.stringify(b.rule)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{b.awardedCount ?? 0}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Loaded>
      <NewBadgeForm tierLabel={tier} />
    </Stack>
  );
}

function NewBadgeForm(props: { tierLabel: (x: BadgeRow["tier"]) => string }) {
  const { t } = useCommunityStaffText();
  const empty = { name: "", slug: "", description: "", tier: "bronze" as BadgeRow["tier"], rule: "" };
  const [form, setForm] = useState(empty);
  const [ruleError, setRuleError] = useState<string | null>(null);
  const add = useCommunityWrite(createBadge);
  const errors = splitError(add.error, t("common.genericError"));
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="badge-new">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          let rule: unknown;
          try {
            rule = JSON.parse(form.rule);
          } catch {
            rule = null;
          }
          if (!rule || typeof rule !== "object" || Array.isArray(rule)) {
            setRuleError(t("communityStaff.badges.ruleInvalid"));
            return;
          }
          setRuleError(null);
          add.mutate(
            {
              name: form.name.trim(),
              slug: form.slug.trim(),
              tier: form.tier,
              rule,
              ...(form.description.trim() ? { description: form.description.trim() } : {}),
            },
            {
              onSuccess: () => {
                setForm(empty);
                notifyDone(t, t("communityStaff.badges.added"));
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4" id="badge-new">
            {t("communityStaff.badges.add")}
          </Title>
          <Group grow align="flex-start">
            <TextInput
              label={t("communityStaff.badges.name")}
              required
              value={form.name}
              onChange={(e) => set({ name: e.currentTarget.value })}
              error={errors.fields.name}
            />
            <TextInput
              label={t("communityStaff.badges.slug")}
              required
              value={form.slug}
              onChange={(e) => set({ slug: e.currentTarget.value })}
              error={errors.fields.slug}
            />
            <Select
              label={t("communityStaff.badges.tier")}
              data={TIERS.map((x) => ({ value: x, label: props.tierLabel(x) }))}
              value={form.tier}
              allowDeselect={false}
              onChange={(v) => v && set({ tier: v as BadgeRow["tier"] })}
            />
          </Group>
          <TextInput
            label={t("communityStaff.badges.description")}
            value={form.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
            error={errors.fields.description}
          />
          <Textarea
            label={t("communityStaff.badges.rule")}
            description={t("communityStaff.badges.ruleHint")}
            required
            autosize
            minRows={2}
            ff="monospace"
            value={form.rule}
            onChange={(e) => set({ rule: e.currentTarget.value })}
            error={ruleError ?? errors.fields.rule}
          />
          {errors.form && (
            <Text size="sm" c="var(--mantine-color-error)" role="alert">
              {errors.form}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t("communityStaff.badges.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
