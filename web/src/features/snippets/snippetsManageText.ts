import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/** English for the snippets screen (Settings → Team), loaded with its chunk, not the first load. */
export const snippetsManageText = {
  snippetsManage: {
    title: "Snippets",
    intro:
      "Texts you insert from the composer. Personal snippets are yours; a team's are shared with its members and written by its leads or an admin.",
    create: "New snippet",
    empty: "No snippets yet.",
    personal: "Personal",
    team: "Team: {{name}}",
    whose: "Shared with",
    whoseHint: "Only teams you lead are offered (admins: every team).",
    snippetTitle: "Title",
    body: "Text",
    placeholderHint:
      "Placeholders are filled from the case when the snippet is inserted (any fact key works after fact.). A fact Rapport does not know is left for the agent to complete:",
    save: "Save snippet",
    cancel: "Cancel",
    saved: "Snippet “{{title}}” saved",
    createTitle: "New snippet",
    editTitle: "Edit “{{title}}”",
    edit: "Edit",
    editLabel: "Edit snippet {{title}}",
    delete: "Delete",
    deleteLabel: "Delete snippet {{title}}",
    deleteConfirm: "Delete “{{title}}”? Agents will no longer find it in the composer.",
    deleted: "Snippet “{{title}}” deleted",
    readOnly: "Read only: written by the team's lead",
    loadError: "Snippets could not be loaded: {{message}}",
  },
};

export function useSnippetsManageText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "snippetsManage.title", snippetsManageText);
  return result;
}
