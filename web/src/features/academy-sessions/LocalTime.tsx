import { useEffect, useState } from "react";

/**
 * A session's start. The server renders it in UTC inside <time datetime="…">, so the page reads
 * the same without JavaScript; once the page runs in a browser the text is rewritten into the
 * reader's own time zone with Intl.DateTimeFormat (no inline script: the CSP forbids them).
 */
export function formatInZone(iso: string, locale: string, timeZone?: string): string {
  const f = new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    ...(timeZone ? { timeZone } : {}),
  });
  return f.format(new Date(iso));
}

export function LocalTime(props: { iso: string; utcText: string; locale: string }) {
  const [text, setText] = useState(props.utcText);
  useEffect(() => {
    setText(formatInZone(props.iso, props.locale));
  }, [props.iso, props.locale]);
  return (
    <time dateTime={props.iso} data-local-time={text === props.utcText ? "utc" : "local"}>
      {text}
    </time>
  );
}
