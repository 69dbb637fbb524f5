/** A day, locale-aware (MVP terms end on a day; the time would be noise). */
export const formatDay = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(iso));
