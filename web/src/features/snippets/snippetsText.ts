import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/** English for the composer's snippet picker (issue #18). Loaded with its chunk, not the first load. */
export const snippetsText = {
  snippets: {
    button: "Snippets",
    search: "Find a snippet",
    searchHint: "Type to filter, arrows to choose, Enter to insert",
    none: "No snippets match",
    empty: "No snippets yet. Save one below.",
    team: "Team: {{name}}",
    mine: "Personal",
    loadError: "Snippets could not be loaded: {{message}}",
    insertError: "The snippet could not be filled: {{message}}",
    missingTitle: "Complete before sending",
    missingBody: "Rapport does not know these facts for this customer, so they are left for you to fill in:",
    newTitle: "New personal snippet",
    title: "Title",
    body: "Text",
    bodyHint: "Placeholders such as",
    save: "Save snippet",
    saved: "Snippet saved",
  },
};

export function useSnippetsText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "snippets.button", snippetsText);
  return result;
}
