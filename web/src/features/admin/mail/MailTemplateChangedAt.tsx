import { formatDateTime, formatRelative } from '../../../i18n/format';
import { t } from '../../../i18n/translate';

/** "Changed 3 hours ago" (the exact time as its title), or that the template still has the built-in wording. */
export function MailTemplateChangedAt({ updatedAt }: { updatedAt: string | null }) {
  if (!updatedAt) return <span>{t('admin.mailTemplates.builtIn')}</span>;
  return (
    <time dateTime={updatedAt} title={formatDateTime(updatedAt)}>
      {t('admin.mailTemplates.changed', { when: formatRelative(updatedAt) })}
    </time>
  );
}
