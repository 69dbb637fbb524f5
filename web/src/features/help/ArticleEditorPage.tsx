import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  FileButton,
  Grid,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Tabs,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconArrowLeft,
  IconBold,
  IconH2,
  IconItalic,
  IconLink,
  IconList,
  IconPhoto,
  IconSitemap,
} from "@tabler/icons-react";
import { type ClipboardEvent, type ReactNode, useRef, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import {
  ARTICLE_STATES,
  ARTICLE_VISIBILITIES,
  type Article,
  type ArticleState,
  type ArticleVisibility,
} from "../../../../contracts/help.ts";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { ArticleLessonSlot } from "../academy-support/slots.tsx";
import { splitError } from "../problems/fieldErrors.ts";
import { ArticleHistory } from "./ArticleHistory.tsx";
import { ArticleLinkPicker } from "./ArticleLinkPicker.tsx";
import { ArticleMarkdown } from "./ArticleMarkdown.tsx";
import { STATE_COLOR } from "./HelpArticlesPage.tsx";
import {
  createArticle,
  patchArticle,
  uploadImage,
  useArticle,
  useCategories,
  useHelpWrite,
} from "./helpApi.ts";
import { useHelpText } from "./helpText.ts";
import { Translations } from "./Translations.tsx";

/** What another screen may hand the new-article editor (router state). */
export type DraftSeed = {
  title?: string;
  body?: string;
  /** The case a reply was drafted from: shown as a note, never saved. */
  caseNumber?: number;
  translationOf?: string;
  locale?: string;
  categoryId?: string | null;
  sectionId?: string | null;
  visibility?: ArticleVisibility;
};

/** `/app/help/new` and `/app/help/:id`: one article's fields, body, history and translations. */
export function ArticleEditorPage() {
  const { id } = useParams();
  const { t } = useHelpText();
  const found = useArticle(id);
  const seed = (useLocation().state ?? {}) as DraftSeed;
  if (!id) return <EditorForm seed={seed} />;
  if (found.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  if (!found.data)
    return (
      <Alert color="red" title={t("help.editor.notFound")}>
        <Anchor component={Link} to="/app/help">
          {t("help.editor.back")}
        </Anchor>
      </Alert>
    );
  // A new version (a save or a restore) starts the form again from what the server has.
  return <EditorForm key={`${found.data.id}:${found.data.version}`} article={found.data} seed={{}} />;
}

function EditorForm(props: { article?: Article; seed: DraftSeed }) {
  const { t } = useHelpText();
  const navigate = useNavigate();
  const a = props.article;
  const seed = props.seed;
  const categories = useCategories();
  const [title, setTitle] = useState(a?.title ?? seed.title ?? "");
  const [body, setBody] = useState(a?.body ?? seed.body ?? "");
  const [categoryId, setCategoryId] = useState<string | null>(a?.categoryId ?? seed.categoryId ?? null);
  const [sectionId, setSectionId] = useState<string | null>(a?.sectionId ?? seed.sectionId ?? null);
  const [tags, setTags] = useState<string[]>(a?.tags ?? []);
  const [productModels, setProductModels] = useState<string[]>(a?.productModels ?? []);
  const [visibility, setVisibility] = useState<ArticleVisibility>(
    a?.visibility ?? seed.visibility ?? "public",
  );
  const [state, setState] = useState<ArticleState>(a?.state ?? "draft");
  const [locale, setLocale] = useState(a?.locale ?? seed.locale ?? "");
  const [tab, setTab] = useState<string | null>("write");
  const [picking, setPicking] = useState(false);
  const [uploading, setUploading] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);

  const save = useHelpWrite(async () => {
    const fields = {
      title: title.trim(),
      body,
      categoryId,
      sectionId: categoryId ? sectionId : null,
      tags,
      productModels,
      visibility,
      state,
    };
    if (a) return patchArticle(a.id, fields);
    return createArticle({
      ...fields,
      ...(locale.trim() ? { locale: locale.trim() } : {}),
      ...(seed.translationOf ? { translationOf: seed.translationOf } : {}),
    });
  });
  const errors = splitError(save.error, t("common.genericError"));
  const sections = categories.data?.items.find((c) => c.id === categoryId)?.sections ?? [];

  /** Replaces the selection with before + (selection or placeholder) + after. */
  const wrap = (before: string, after = "", placeholder = "") => {
    const el = textarea.current;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    const chosen = body.slice(start, end) || placeholder;
    const next = `${body.slice(0, start)}${before}${chosen}${after}${body.slice(end)}`;
    setBody(next);
    setTab("write");
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + before.length, start + before.length + chosen.length);
    });
  };
  /** Puts `prefix` at the start of the line the cursor is on. */
  const prefixLine = (prefix: string) => {
    const el = textarea.current;
    const start = el?.selectionStart ?? body.length;
    const lineStart = body.lastIndexOf("\n", start - 1) + 1;
    setBody(`${body.slice(0, lineStart)}${prefix}${body.slice(lineStart)}`);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + prefix.length, start + prefix.length);
    });
  };
  const insert = (text: string) => wrap(text);

  const upload = async (file: File | null) => {
    if (!file) return;
    if (!a) {
      notifications.show({ color: "yellow", message: t("help.editor.uploadFirst") });
      return;
    }
    setUploading(true);
    try {
      const done = await uploadImage(a.id, file);
      insert(done.markdown);
      notifications.show({
        color: "teal",
        message: t("help.editor.uploaded"),
        closeButtonProps: { "aria-label": t("common.close") },
      });
    } catch {
      notifications.show({ color: "red", message: t("help.editor.uploadFailed") });
    } finally {
      setUploading(false);
    }
  };
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const image = Array.from(e.clipboardData.files).find((f) => f.type.startsWith("image/"));
    if (!image) return;
    e.preventDefault();
    void upload(image);
  };

  const tool = (label: string, icon: ReactNode, onClick: () => void) => (
    <Tooltip label={label} key={label}>
      <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={onClick}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
  const ico = { size: 18, stroke: 1.7, "aria-hidden": true } as const;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/app/help" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t("help.editor.back")}
        </Group>
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <PageTitle>{a ? a.title : t("help.editor.newTitle")}</PageTitle>
        {a && (
          <Group gap="xs">
            <Badge
              variant="light"
              color={STATE_COLOR[a.state]}
              autoContrast
              style={{ minWidth: "max-content" }}
              data-testid="article-state"
            >
              {t(`help.states.${a.state}`)}
            </Badge>
            <Text size="sm" c="dimmed" data-testid="article-version">
              {t("help.editor.version", { version: a.version })}
            </Text>
          </Group>
        )}
      </Group>
      {seed.caseNumber !== undefined && (
        <Alert color="yellow" role="note">
          {t("help.editor.fromCase", { number: seed.caseNumber })}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder radius="md" p="md">
            <form
              aria-label={a ? t("help.editor.editTitle") : t("help.editor.newTitle")}
              onSubmit={(e) => {
                e.preventDefault();
                save.mutate(undefined, {
                  onSuccess: (saved) => {
                    notifications.show({
                      color: "teal",
                      message: a ? t("help.editor.saved") : t("help.editor.created"),
                      closeButtonProps: { "aria-label": t("common.close") },
                    });
                    if (!a) navigate(`/app/help/${saved.id}`, { replace: true });
                  },
                });
              }}
            >
              <Stack gap="md">
                <TextInput
                  label={t("help.editor.titleLabel")}
                  required
                  maxLength={200}
                  value={title}
                  onChange={(e) => setTitle(e.currentTarget.value)}
                  error={errors.fields.title}
                />
                <Group grow align="flex-start" wrap="wrap">
                  <Select
                    label={t("help.editor.category")}
                    placeholder={t("help.noCategory")}
                    clearable
                    value={categoryId}
                    onChange={(v) => {
                      setCategoryId(v);
                      setSectionId(null);
                    }}
                    data={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                    error={errors.fields.categoryId}
                  />
                  <Select
                    label={t("help.editor.section")}
                    placeholder={t("help.editor.noSection")}
                    clearable
                    disabled={sections.length === 0}
                    value={sectionId}
                    onChange={setSectionId}
                    data={sections.map((s) => ({ value: s.id, label: s.name }))}
                    error={errors.fields.sectionId}
                  />
                </Group>
                <Group grow align="flex-start" wrap="wrap">
                  <Select
                    label={t("help.editor.visibility")}
                    allowDeselect={false}
                    value={visibility}
                    onChange={(v) => v && setVisibility(v as ArticleVisibility)}
                    data={ARTICLE_VISIBILITIES.map((v) => ({ value: v, label: t(`help.visibilities.${v}`) }))}
                  />
                  <Select
                    label={t("help.editor.state")}
                    allowDeselect={false}
                    value={state}
                    onChange={(v) => v && setState(v as ArticleState)}
                    data={ARTICLE_STATES.map((s) => ({ value: s, label: t(`help.states.${s}`) }))}
                  />
                  <TextInput
                    label={t("help.editor.locale")}
                    placeholder={t("help.editor.localeDefault")}
                    value={locale}
                    onChange={(e) => setLocale(e.currentTarget.value)}
                    disabled={Boolean(a) || Boolean(seed.translationOf)}
                    error={errors.fields.locale}
                  />
                </Group>
                <Group grow align="flex-start" wrap="wrap">
                  <TagsInput
                    label={t("help.editor.tags")}
                    value={tags}
                    onChange={setTags}
                    error={errors.fields.tags}
                  />
                  <TagsInput
                    label={t("help.editor.productModels")}
                    value={productModels}
                    onChange={setProductModels}
                    error={errors.fields.productModels}
                  />
                </Group>
                <Tabs value={tab} onChange={setTab} keepMounted>
                  <Tabs.List>
                    <Tabs.Tab value="write">{t("help.editor.write")}</Tabs.Tab>
                    <Tabs.Tab value="preview">{t("help.editor.preview")}</Tabs.Tab>
                  </Tabs.List>
                  <Tabs.Panel value="write" pt="xs">
                    <Group gap={2} role="toolbar" aria-label={t("help.editor.toolbar")} mb={4}>
                      {tool(t("help.editor.bold"), <IconBold {...ico} />, () => wrap("**", "**", "bold"))}
                      {tool(t("help.editor.italic"), <IconItalic {...ico} />, () => wrap("_", "_", "italic"))}
                      {tool(t("help.editor.heading"), <IconH2 {...ico} />, () => prefixLine("## "))}
                      {tool(t("help.editor.list"), <IconList {...ico} />, () => prefixLine("- "))}
                      {tool(t("help.editor.link"), <IconLink {...ico} />, () =>
                        wrap("[", "](https://)", "text"),
                      )}
                      {tool(t("help.editor.internalLink"), <IconSitemap {...ico} />, () => setPicking(true))}
                      <FileButton
                        onChange={(f) => void upload(f)}
                        accept="image/png,image/jpeg,image/gif,image/webp"
                      >
                        {(fileProps) => (
                          <Tooltip label={t("help.editor.image")}>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={t("help.editor.image")}
                              loading={uploading}
                              {...fileProps}
                            >
                              <IconPhoto {...ico} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </FileButton>
                    </Group>
                    <Textarea
                      ref={textarea}
                      label={t("help.editor.body")}
                      description={t("help.editor.bodyHint")}
                      required
                      value={body}
                      onChange={(e) => setBody(e.currentTarget.value)}
                      onPaste={onPaste}
                      error={errors.fields.body}
                      autosize
                      minRows={12}
                      maxRows={30}
                      styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
                    />
                  </Tabs.Panel>
                  <Tabs.Panel value="preview" pt="xs">
                    <Stack gap="xs" role="region" aria-label={t("help.editor.preview")}>
                      <Text size="xs" c="dimmed">
                        {t("help.editor.previewNote")}
                      </Text>
                      <Paper withBorder radius="sm" p="md">
                        {body.trim() ? (
                          <ArticleMarkdown source={body} />
                        ) : (
                          <Text size="sm" c="dimmed">
                            {t("help.editor.previewEmpty")}
                          </Text>
                        )}
                      </Paper>
                    </Stack>
                  </Tabs.Panel>
                </Tabs>
                {errors.form && (
                  <Text size="sm" c="var(--mantine-color-error)" role="alert">
                    {errors.form}
                  </Text>
                )}
                <Group justify="flex-end">
                  <Button type="submit" loading={save.isPending}>
                    {t("help.editor.save")}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          {a && (
            <Stack gap="md">
              <ArticleHistory article={a} />
              <Translations article={a} />
              <ArticleLessonSlot articleId={a.id} />
            </Stack>
          )}
        </Grid.Col>
      </Grid>
      <ArticleLinkPicker
        opened={picking}
        onClose={() => setPicking(false)}
        onPick={(picked) => {
          setPicking(false);
          insert(`[${picked.title}](/help/articles/${picked.slug})`);
        }}
      />
    </Stack>
  );
}
