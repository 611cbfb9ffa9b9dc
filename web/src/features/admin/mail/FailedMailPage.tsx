import { Stack } from '@mantine/core';
import { t } from '../../../i18n/translate';
import { PageHeading } from '../../../ui/PageHeading';

export function FailedMailPage() {
  return (
    <Stack gap="lg">
      <PageHeading title={t('admin.failedMail')} />
    </Stack>
  );
}
