import { Center, Loader } from '@mantine/core';

export function FullPageLoader({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center mih="60vh" role="status" aria-live="polite">
      <Loader size="md" aria-label={label} />
    </Center>
  );
}
