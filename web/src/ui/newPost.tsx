import { Anchor, Stack, Title } from "@mantine/core";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";

/**
 * What the public portals' "new post" pages (a community question, a feedback idea) share: the
 * similar-posts lookup while the title is typed, posting then going to the new post's page, and
 * the page shown to a visitor who has not signed in. Each page keeps its own fields and wording.
 */

const MIN_QUERY = 3;
const DEBOUNCE_MS = 300;

/**
 * Similar posts for a title of 3 characters or more, 300 ms after the last key (a request per
 * key would load the server for nothing); a slower, earlier answer is dropped, and a failed
 * lookup shows nothing, as the form works without it.
 */
export function useSimilar<T>(title: string, lookup: (q: string, signal: AbortSignal) => Promise<T>) {
  const [similar, setSimilar] = useState<T | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the lookup is a module's fixed API call
  useEffect(() => {
    const q = title.trim();
    if (q.length < MIN_QUERY) {
      setSimilar(null);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      lookup(q, abort.signal).then(setSimilar, () => undefined);
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [title]);
  return similar;
}

/** Posting: busy while the API answers, then off to the new post's page, or the refusal shown. */
export function usePostThenGo(
  create: () => Promise<{ url: string }>,
  failed: (message: string) => string,
  initialError: string | null = null,
) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(initialError);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    create().then(
      (post) => {
        window.location.href = post.url;
      },
      (err: Error) => {
        setBusy(false);
        setError(failed(err.message));
      },
    );
  };
  return { busy, error, submit };
}

/** A visitor not signed in sees the page's heading and the way to sign in, not the form. */
export function SignInFirst(props: { crumbs: ReactNode; heading: string; signIn: string }) {
  return (
    <Stack gap="lg">
      {props.crumbs}
      <Title order={1}>{props.heading}</Title>
      <Anchor href="/portal">{props.signIn}</Anchor>
    </Stack>
  );
}
