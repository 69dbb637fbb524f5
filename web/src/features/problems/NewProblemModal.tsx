import { Alert, Button, Group, Modal, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import { useNavigate } from "react-router";
import { notifyDone } from "../escalations/notify.ts";
import { useMyMembershipId } from "../inbox/inboxApi.ts";
import {
  AffectedProductsEditor,
  firmwareValid,
  type ProductRow,
  toAffectedProducts,
} from "./AffectedProductsEditor.tsx";
import { splitError } from "./fieldErrors.ts";
import { createProblem, useProblemWrite } from "./problemsApi.ts";
import { useProblemsText } from "./problemsText.ts";
import { usePeopleOptions } from "./usePeopleOptions.ts";

/** A new problem: title, description, affected products and owner; opens it once created. */
export function NewProblemModal(props: { opened: boolean; onClose: () => void }) {
  const { t } = useProblemsText();
  const navigate = useNavigate();
  const myId = useMyMembershipId();
  const people = usePeopleOptions();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [rows, setRows] = useState<ProductRow[]>([]);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string>("");
  const [tried, setTried] = useState(false);
  const create = useProblemWrite(createProblem);
  const errors = splitError(create.error, t("common.genericError"));
  const owner = ownerId ?? myId ?? "";

  const submit = () => {
    setTried(true);
    if (!title.trim() || rows.some((r) => !firmwareValid(r.firmware))) return;
    create.mutate(
      {
        title: title.trim(),
        description: description.trim() || undefined,
        affectedProducts: toAffectedProducts(rows),
        ownerId: owner || undefined,
        teamId: teamId || undefined,
      },
      {
        onSuccess: (p) => {
          notifyDone(t, t("problems.create.created", { number: p.number }));
          props.onClose();
          navigate(`/app/problems/${p.id}`);
        },
      },
    );
  };

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t("problems.create.title")}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <TextInput
            label={t("problems.create.titleLabel")}
            placeholder={t("problems.create.titlePlaceholder")}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.fields.title ?? (tried && !title.trim() ? t("problems.required") : undefined)}
            required
            data-autofocus
          />
          <Textarea
            label={t("problems.create.description")}
            placeholder={t("problems.create.descriptionPlaceholder")}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.fields.description}
            autosize
            minRows={3}
            maxRows={10}
          />
          <AffectedProductsEditor rows={rows} onChange={setRows} errors={errors.fields} />
          <Group grow align="flex-start">
            <Select
              label={t("problems.create.owner")}
              description={t("problems.create.ownerHint")}
              data={people.owners}
              value={owner}
              onChange={(v) => setOwnerId(v ?? "")}
              error={errors.fields.ownerId}
              allowDeselect={false}
              searchable
            />
            <Select
              label={t("problems.create.team")}
              data={people.teams}
              value={teamId}
              onChange={(v) => setTeamId(v ?? "")}
              error={errors.fields.teamId}
              allowDeselect={false}
            />
          </Group>
          {errors.form && (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t("problems.create.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
