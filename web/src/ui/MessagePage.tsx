import { Button, Center, Stack, Text, Title } from '@mantine/core';

interface MessagePageProps {
  title: string;
  body: string;
  actionLabel?: string;
  actionHref?: string;
  onAction?: () => void;
}

/** A whole-page message (not found, not allowed, crashed) that always offers a way on. */
export function MessagePage({ title, body, actionLabel, actionHref, onAction }: MessagePageProps) {
  return (
    <Center mih="80vh" p="md" component="main">
      <Stack align="center" gap="sm" maw={460} ta="center">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="dimmed">{body}</Text>
        {actionLabel && (actionHref ? <Button component="a" href={actionHref}>{actionLabel}</Button> : <Button onClick={onAction}>{actionLabel}</Button>)}
      </Stack>
    </Center>
  );
}
