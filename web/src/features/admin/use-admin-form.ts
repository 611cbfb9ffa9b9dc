import { useDisclosure } from '@mantine/hooks';
import { notify } from '../../ui/notify';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/api-error';
import { t } from '../../i18n/translate';
import type { FormValues } from '../../ui/FormModal';

/** Open/close state and a submit that saves, refreshes the given list and confirms. */
export function useAdminForm(queryKey: readonly unknown[], save: (values: FormValues) => Promise<unknown>) {
  const [opened, { open, close }] = useDisclosure(false);
  const client = useQueryClient();
  const onSubmit = async (values: FormValues) => {
    await save(values);
    notify({ color: 'teal', message: t('common.saved') });
    await client.invalidateQueries({ queryKey });
  };
  return { opened, open, close, onClose: close, onSubmit, describeError: errorMessage, submitLabel: t('common.create'), cancelLabel: t('common.cancel') };
}
