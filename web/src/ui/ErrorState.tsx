import { Alert, Button, Group } from '@mantine/core';
import { errorMessage } from '../api/api-error';

/** An inline failure with the reason in words and a retry. */
export function ErrorState({ error, onRetry, retryLabel = 'Try again' }: { error: unknown; onRetry?: () => void; retryLabel?: string }) {
  return (
    <Alert color="red" variant="light" role="alert" m="md">
      <Group justify="space-between" wrap="nowrap">
        <span>{errorMessage(error)}</span>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {retryLabel}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
