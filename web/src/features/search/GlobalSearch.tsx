import { Combobox, Group, Loader, Text, TextInput, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { z } from "zod";
import { caseSchema } from "../../../../contracts/cases.ts";
import { customerSchema } from "../../../../contracts/customers.ts";
import { apiParsed } from "../../api/client.ts";
import { StatusBadge } from "../cases/CaseBadges.tsx";
import { ProblemStatusBadge } from "../problems/ProblemStatusBadge.tsx";
import { useShortcuts } from "../shortcuts/useShortcuts.ts";

// Problem hits (contracts/problems.ts's problemHitSchema) spelled out here: importing that
// module would bring the problems' contract into every page's first load.
const problemHit = z.object({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  status: z.enum([
    "investigating",
    "identified",
    "workaround_available",
    "fix_in_progress",
    "fixed",
    "closed",
  ]),
});
const searchResultSchema = z.object({
  customers: z.array(customerSchema),
  cases: z.array(caseSchema),
  problems: z.array(problemHit).default([]),
});

/**
 * The header search: results as you type, grouped into customers and cases; arrow keys and
 * Enter open one. "/" anywhere focuses it.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q.trim(), 200);
  const store = useCombobox({ onDropdownClose: () => store.resetSelectedOption() });
  useShortcuts({ "/": () => input.current?.focus() });

  // Server-rendered, the box takes keystrokes before React hydrates; those never fire
  // onChange. Pick up what was typed then, so the results appear without another keystroke.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on mount
  useEffect(() => {
    const typed = input.current?.value ?? "";
    if (!typed) return;
    setQ(typed);
    if (document.activeElement === input.current) store.openDropdown();
  }, []);

  const results = useQuery({
    queryKey: ["search", debounced],
    queryFn: () => apiParsed(searchResultSchema, `/api/v1/search?q=${encodeURIComponent(debounced)}`),
    enabled: debounced.length > 0,
    placeholderData: (previous) => previous,
  });
  const data = debounced ? results.data : undefined;
  const total = (data?.customers.length ?? 0) + (data?.cases.length ?? 0) + (data?.problems.length ?? 0);

  // Enter should open the best match without first pressing the down arrow. Results for what
  // is in the focused box are shown even if the keystroke's openDropdown was lost (typed while
  // the app was still starting), instead of waiting for the next keystroke.
  useEffect(() => {
    if (!data) return;
    if (document.activeElement === input.current) store.openDropdown();
    if (total > 0) store.selectFirstOption();
  }, [data, total, store]);

  const open = (value: string) => {
    const [kind, id] = value.split(":");
    setQ("");
    store.closeDropdown();
    input.current?.blur();
    navigate(
      kind === "case"
        ? `/app/cases/${id}`
        : kind === "problem"
          ? `/app/problems/${id}`
          : `/app/customers/${id}`,
    );
  };

  return (
    <Combobox store={store} onOptionSubmit={open} width="target" position="bottom-start">
      <Combobox.Target>
        <TextInput
          ref={input}
          type="search"
          aria-label={t("search.label")}
          placeholder={t("search.placeholder")}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={results.isFetching ? <Loader size={14} aria-label={t("search.searching")} /> : null}
          value={q}
          w={{ base: "100%", sm: 320 }}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            store.openDropdown();
          }}
          onFocus={() => q && store.openDropdown()}
          onBlur={() => store.closeDropdown()}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              setQ("");
              store.closeDropdown();
            }
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!debounced || !data}>
        <Combobox.Options aria-label={t("search.label")}>
          {data && total === 0 && <Combobox.Empty>{t("search.none")}</Combobox.Empty>}
          {data && data.customers.length > 0 && (
            <Combobox.Group label={t("search.customers")}>
              {data.customers.map((c) => (
                <Combobox.Option value={`customer:${c.id}`} key={c.id}>
                  <Text size="sm" fw={600}>
                    {c.name}
                  </Text>
                  <Text size="xs" truncate="end">
                    {[c.organization, ...c.identities.map((i) => i.display)].filter(Boolean).join(" · ")}
                  </Text>
                </Combobox.Option>
              ))}
            </Combobox.Group>
          )}
          {data && data.cases.length > 0 && (
            <Combobox.Group label={t("search.cases")}>
              {data.cases.map((c) => (
                <Combobox.Option value={`case:${c.id}`} key={c.id}>
                  <Group gap="xs" wrap="nowrap" justify="space-between">
                    <Text size="sm" truncate="end">
                      {t("cases.number", { number: c.number })} {c.subject}
                    </Text>
                    <StatusBadge status={c.status} />
                  </Group>
                  <Text size="xs">{c.customer.name}</Text>
                </Combobox.Option>
              ))}
            </Combobox.Group>
          )}
          {data && data.problems.length > 0 && (
            <Combobox.Group label={t("search.problems")}>
              {data.problems.map((p) => (
                <Combobox.Option value={`problem:${p.id}`} key={p.id}>
                  <Group gap="xs" wrap="nowrap" justify="space-between">
                    <Text size="sm" truncate="end">
                      P-{p.number} {p.title}
                    </Text>
                    <ProblemStatusBadge status={p.status} />
                  </Group>
                </Combobox.Option>
              ))}
            </Combobox.Group>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
