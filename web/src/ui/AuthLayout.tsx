import { Box, Center, Paper, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { PageTitle } from "./PageTitle.tsx";

/** The centred card used by setup and sign-in pages, with a main landmark. */
export function AuthLayout(props: {
  title: string;
  intro?: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Box
      component="main"
      mih="100vh"
      py="xl"
      px="md"
      bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))"
    >
      <Center mih="calc(100vh - 64px)">
        <Stack w="100%" maw={440} gap="md">
          <Paper withBorder shadow="sm" radius="lg" p="xl">
            <Stack gap="lg">
              <Stack gap={4}>
                <PageTitle>{props.title}</PageTitle>
                {props.intro && <Text c="dimmed">{props.intro}</Text>}
              </Stack>
              {props.children}
            </Stack>
          </Paper>
          {props.footer}
        </Stack>
      </Center>
    </Box>
  );
}
