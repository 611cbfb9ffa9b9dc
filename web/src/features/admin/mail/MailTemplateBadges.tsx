import { Badge } from '@mantine/core';
import { t } from '../../../i18n/translate';

/** "Customised" when an admin's version replaces the built-in one; "Unsaved changes" while a draft waits. */
export function MailTemplateBadges({ isCustomised, hasDraft }: { isCustomised: boolean; hasDraft: boolean }) {
  return (
    <>
      {isCustomised && <Badge>{t('admin.mailTemplates.customised')}</Badge>}
      {hasDraft && (
        <Badge variant="dot" color="orange">
          {t('admin.mailTemplates.unsaved')}
        </Badge>
      )}
    </>
  );
}
