import { Center, Loader } from "@mantine/core";
import { type ComponentType, lazy, Suspense } from "react";

/**
 * A page loaded with its route: its code is a chunk of its own, fetched the first time the
 * route is shown, so the inbox's first load does not carry every other page (the single
 * bundle was 1.1 MB minified). The server renders with a prerender, which waits for the chunk
 * (the help center is server-rendered and lazy); hydration keeps the server's HTML until the
 * chunk arrives.
 */
export function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): ComponentType {
  const Page: ComponentType = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return function LazyPage() {
    return (
      <Suspense
        fallback={
          <Center py="xl">
            <Loader size="sm" />
          </Center>
        }
      >
        <Page />
      </Suspense>
    );
  };
}
