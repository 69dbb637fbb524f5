import { Image, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { Step } from "../../../../contracts/playbooks.ts";

/** What a step says: its title, its plain-language text and any pictures. */
export function StepContent(props: { step: Step; headingOrder?: 2 | 3 | 4 }) {
  const { step } = props;
  const images = step.kind === "instruction" ? (step.images ?? []) : [];
  return (
    <Stack gap="xs">
      <Title order={props.headingOrder ?? 3} size="h4">
        {step.title}
      </Title>
      {step.body && (
        <Text size="md" style={{ whiteSpace: "pre-wrap" }}>
          {step.body}
        </Text>
      )}
      {images.length > 0 && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {images.map((src) => (
            <Image key={src} src={src} alt={step.title} radius="md" mah={260} fit="contain" />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
