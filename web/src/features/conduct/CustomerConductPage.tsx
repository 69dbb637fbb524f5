import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { CustomerConduct, StepKind, StepView } from "../../../../contracts/conduct.ts";
import { useStaff } from "../team/teamApi.ts";
import { useCustomerConduct, useLiftStep, useTakeStep } from "./conductApi.ts";
import { useConductText } from "./conductText.ts";

const date = (iso: string) => new Date(iso).toLocaleDateString();
const KINDS: StepKind[] = ["warning", "restricted", "suspended", "ended"];

/** One customer's conduct: score, evidence with signals, context, steps and the ladder form. */
export function CustomerConductPage() {
  const { id = "" } = useParams();
  const { t } = useConductText();
  const conduct = useCustomerConduct(id);
  if (conduct.isPending) return <Loader m="md" size="sm" />;
  if (conduct.isError)
    return (
      <Alert m="md" color="red">
        {t("conduct.loadError", { message: conduct.error.message })}
      </Alert>
    );
  const c = conduct.data;
  return (
    <Stack p="md" gap="lg" maw={1000}>
      <Anchor component={Link} to="/app/conduct" size="sm">
        {t("conduct.customer.back")}
      </Anchor>
      <Title order={1}>{t("conduct.customer.title", { name: c.customerName })}</Title>
      <Text fw={600}>
        {t("conduct.customer.score", {
          score: c.score.toFixed(2),
          threshold: c.threshold,
          halfLife: c.halfLifeDays,
        })}
      </Text>
      <Card withBorder>
        <Title order={2} size="h4">
          {t("conduct.customer.context")}
        </Title>
        <Text>{c.context.summary}</Text>
        {c.context.openProblems.map((p) => (
          <Text key={p.id} size="sm">
            · {p.title}
          </Text>
        ))}
      </Card>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("conduct.customer.flags")}
        </Title>
        {c.flags.length === 0 && <Text c="dimmed">{t("conduct.customer.noFlags")}</Text>}
        {c.flags.map((f) => (
          <Card key={f.id} withBorder padding="sm">
            <Group gap="xs">
              <Badge
                variant="light"
                color={f.status === "confirmed" ? "red" : f.status === "cleared" ? "gray" : "grape"}
              >
                {t(`conduct.customer.status.${f.status}`)}
              </Badge>
              {f.caseId && f.caseNumber !== null && (
                <Anchor component={Link} to={`/app/cases/${f.caseId}`} size="sm">
                  {t("conduct.customer.caseNumber", { number: f.caseNumber })}
                </Anchor>
              )}
              <Text size="sm" c="dimmed">
                {date(f.assessedAt)} · {t("conduct.customer.weight", { weight: f.weight.toFixed(2) })}
              </Text>
            </Group>
            <Text mt={4}>“{f.excerpt}”</Text>
            {f.signals.length > 0 && (
              <Group gap={4} mt={4}>
                {f.signals.map((s) => (
                  <Badge key={`${s.kind}:${s.detail}:${s.text ?? ""}`} variant="outline" size="sm">
                    {s.kind}: {s.detail}
                  </Badge>
                ))}
              </Group>
            )}
          </Card>
        ))}
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("conduct.customer.steps")}
        </Title>
        {c.steps.length === 0 && <Text c="dimmed">{t("conduct.customer.noSteps")}</Text>}
        {c.steps.map((s) => (
          <StepCard key={s.id} step={s} />
        ))}
      </Stack>
      {c.appeals.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t("conduct.customer.appeals")}
          </Title>
          {c.appeals.map((a) => (
            <Card key={a.id} withBorder padding="sm">
              <Text size="sm" c="dimmed">
                {t("conduct.appeals.received", { date: date(a.receivedAt) })} ·{" "}
                {a.outcome
                  ? t("conduct.appeals.decided", {
                      outcome: a.outcome,
                      date: a.decidedAt ? date(a.decidedAt) : "",
                    })
                  : a.assigneeName
                    ? t("conduct.appeals.assignee", { name: a.assigneeName })
                    : t("conduct.appeals.unassigned")}
              </Text>
              <Text style={{ whiteSpace: "pre-wrap" }}>{a.body}</Text>
            </Card>
          ))}
        </Stack>
      )}
      <TakeStepForm conduct={c} />
    </Stack>
  );
}

function StepCard({ step: s }: { step: StepView }) {
  const { t } = useConductText();
  const lift = useLiftStep();
  const [reason, setReason] = useState("");
  return (
    <Card withBorder padding="sm">
      <Group gap="xs">
        <Badge>{t(`conduct.step.kinds.${s.kind}`)}</Badge>
        <Badge variant="light" color={s.inForce ? "red" : "gray"}>
          {s.inForce ? t("conduct.customer.inForce") : t("conduct.customer.ended")}
        </Badge>
        {s.expiresAt && <Text size="sm">{t("conduct.customer.until", { date: date(s.expiresAt) })}</Text>}
      </Group>
      <Text size="sm" mt={4}>
        {t("conduct.customer.decidedBy", {
          name: s.decidedBy.name,
          date: date(s.decidedAt),
          reason: s.reason,
        })}
      </Text>
      {s.inForce && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            lift.mutate({ stepId: s.id, reason });
          }}
        >
          <Group align="end" mt="xs">
            <TextInput
              label={t("conduct.customer.liftReason")}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              required
            />
            <Button type="submit" variant="light" loading={lift.isPending} disabled={!reason.trim()}>
              {t("conduct.customer.stepDown")}
            </Button>
          </Group>
          {lift.isError && <Alert color="red">{lift.error.message}</Alert>}
        </form>
      )}
    </Card>
  );
}

function TakeStepForm({ conduct: c }: { conduct: CustomerConduct }) {
  const { t } = useConductText();
  const take = useTakeStep(c.customerId);
  const staff = useStaff();
  const template = (k: StepKind) => c.templates[k].replaceAll("{{name}}", c.customerName);
  const [kind, setKind] = useState<StepKind>("warning");
  const [reason, setReason] = useState("");
  const [notice, setNotice] = useState(template("warning"));
  const [evidence, setEvidence] = useState<string[]>(
    c.flags.filter((f) => f.status === "confirmed").map((f) => f.id),
  );
  const [days, setDays] = useState<number | "">("");
  const [channels, setChannels] = useState<string[]>(["email"]);
  const [agent, setAgent] = useState("");
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          take.mutate({
            kind,
            reason,
            evidence,
            notice,
            ...(days ? { expiresInDays: days } : {}),
            ...(kind === "restricted"
              ? { restrictions: { channels, ...(agent.trim() ? { agentMembershipId: agent.trim() } : {}) } }
              : {}),
          });
        }}
      >
        <Stack>
          <Title order={2} size="h4">
            {t("conduct.step.title")}
          </Title>
          <Select
            label={t("conduct.step.kind")}
            data={KINDS.map((k) => ({ value: k, label: t(`conduct.step.kinds.${k}`) }))}
            value={kind}
            allowDeselect={false}
            onChange={(v) => {
              const k = (v ?? "warning") as StepKind;
              setKind(k);
              setNotice(template(k));
            }}
          />
          <Textarea
            label={t("conduct.step.reason")}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Checkbox.Group label={t("conduct.step.evidence")} value={evidence} onChange={setEvidence}>
            <Stack gap={4} mt={4}>
              {c.flags
                .filter((f) => f.status !== "cleared")
                .map((f) => (
                  <Checkbox
                    key={f.id}
                    value={f.id}
                    label={`“${f.excerpt.slice(0, 80)}” (${date(f.assessedAt)})`}
                  />
                ))}
            </Stack>
          </Checkbox.Group>
          {kind === "restricted" && (
            <>
              <MultiSelect
                label={t("conduct.step.channels")}
                data={["email", "web", "phone", "chat", "api"]}
                value={channels}
                onChange={setChannels}
              />
              <Select
                label={t("conduct.step.agent")}
                clearable
                data={(staff.data ?? [])
                  .filter((m) => m.status === "active")
                  .map((m) => ({ value: m.id, label: m.name }))}
                value={agent || null}
                onChange={(v) => setAgent(v ?? "")}
              />
            </>
          )}
          <NumberInput
            label={t("conduct.step.expires")}
            min={1}
            max={3650}
            value={days}
            onChange={(v) => setDays(v === "" ? "" : Number(v))}
          />
          <Textarea
            label={t("conduct.step.notice")}
            autosize
            minRows={6}
            value={notice}
            onChange={(e) => setNotice(e.currentTarget.value)}
          />
          {take.isError && <Alert color="red">{take.error.message}</Alert>}
          {take.isSuccess && (
            <Alert color="green" role="status">
              {t("conduct.step.taken")}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={take.isPending} disabled={!reason.trim() || evidence.length === 0}>
              {t("conduct.step.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
