import { Alert } from '@mantine/core';
import { errorMessage } from '../../../api/api-error';

/** At the top of a drawer form: why the server refused the last save, and that fields below need a look. */
export function FormAlerts({
  saveError,
  problemsSummary,
}: {
  saveError: Error | null;
  problemsSummary: string | null;
}) {
  return (
    <>
      {saveError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(saveError)}
        </Alert>
      )}
      {problemsSummary && (
        <Alert color="red" variant="light" role="alert">
          {problemsSummary}
        </Alert>
      )}
    </>
  );
}
