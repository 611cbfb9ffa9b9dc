import { t } from '../../../i18n/translate';
import { notify } from '../../../ui/notify';

/** A toast whose close button says what it does (the bare one has no accessible name). */
export function toast(color: 'teal' | 'red', message: string): void {
  notify({ color, message, closeButtonProps: { 'aria-label': t('common.close') } });
}
