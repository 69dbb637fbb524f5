import { Alert, Button, Group, NumberInput, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { DateTime } from "luxon";
import { useMemo, useState } from "react";
import type { Session } from "../../../../contracts/academy-sessions.ts";
import { ApiError } from "../../api/client.ts";
import { useSaveSession } from "./sessionsApi.ts";
import { useAcademySessionsText } from "./sessionsText.ts";

/**
 * Create or edit a session. The start is typed as wall-clock time in the host's zone (the
 * picker defaults to the editor's own zone, or the session's) and sent as an absolute instant.
 */
export function SessionForm(props: { session: Session | null; onDone: () => void }) {
  const { t } = useAcademySessionsText();
  const s = props.session;
  const zones = useMemo(() => Intl.supportedValuesOf("timeZone"), []);
  const ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [zone, setZone] = useState(s?.hostTimeZone ?? ownZone);
  const [title, setTitle] = useState(s?.title ?? "");
  const [description, setDescription] = useState(s?.description ?? "");
  const [local, setLocal] = useState(
    s ? (DateTime.fromISO(s.startsAt, { zone: s.hostTimeZone }).toFormat("yyyy-LL-dd'T'HH:mm") ?? "") : "",
  );
  const [duration, setDuration] = useState<number | string>(s?.durationMinutes ?? 60);
  const [capacity, setCapacity] = useState<number | string>(s?.capacity ?? 50);
  const [joinUrl, setJoinUrl] = useState(s?.joinUrl ?? "");
  const save = useSaveSession();
  const field = save.error instanceof ApiError ? save.error.field : undefined;
  const errorFor = (name: string) => (field === name ? save.error?.message : undefined);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const start = DateTime.fromISO(local, { zone });
    const body = {
      title,
      description,
      startsAt: start.isValid ? (start.toUTC().toISO() ?? local) : local,
      hostTimeZone: zone,
      durationMinutes: Number(duration),
      capacity: Number(capacity),
      joinUrl: joinUrl.trim() === "" ? null : joinUrl.trim(),
    };
    save.mutate({ id: s?.id ?? null, body }, { onSuccess: props.onDone });
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput
          label={t("academySessions.fields.title")}
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errorFor("title")}
        />
        <Textarea
          label={t("academySessions.fields.description")}
          autosize
          minRows={3}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <Group grow align="flex-start">
          <TextInput
            type="datetime-local"
            label={t("academySessions.fields.startsAt")}
            required
            value={local}
            onChange={(e) => setLocal(e.currentTarget.value)}
            error={errorFor("startsAt")}
          />
          <Select
            label={t("academySessions.fields.hostTimeZone")}
            data={zones}
            searchable
            allowDeselect={false}
            value={zone}
            onChange={(v) => v && setZone(v)}
            error={errorFor("hostTimeZone")}
          />
        </Group>
        <Group grow align="flex-start">
          <NumberInput
            label={t("academySessions.fields.durationMinutes")}
            min={5}
            max={1440}
            value={duration}
            onChange={setDuration}
            error={errorFor("durationMinutes")}
          />
          <NumberInput
            label={t("academySessions.fields.capacity")}
            min={1}
            max={100000}
            value={capacity}
            onChange={setCapacity}
            error={errorFor("capacity")}
          />
        </Group>
        <TextInput
          label={t("academySessions.fields.joinUrl")}
          type="url"
          value={joinUrl}
          onChange={(e) => setJoinUrl(e.currentTarget.value)}
          error={errorFor("joinUrl")}
        />
        {save.isError && !field && (
          <Alert color="red">{t("academySessions.saveError", { message: save.error.message })}</Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {s ? t("academySessions.save") : t("academySessions.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
