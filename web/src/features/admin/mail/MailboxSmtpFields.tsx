import { Fieldset, Stack, Switch } from '@mantine/core';
import { t } from '../../../i18n/translate';
import type { MailboxFieldErrors, MailServerDraft } from './mailbox-draft';
import { MailServerFields } from './MailServerFields';

/** The server replies from this mailbox leave through; optional, because another mailbox's server can send. */
export function MailboxSmtpFields({
  enabled,
  onEnabledChange,
  value,
  onChange,
  errors,
  hasStoredPassword,
}: {
  enabled: boolean;
  onEnabledChange: (enabled: boolean) => void;
  value: MailServerDraft;
  onChange: (patch: Partial<MailServerDraft>) => void;
  errors: MailboxFieldErrors;
  hasStoredPassword: boolean;
}) {
  return (
    <Fieldset legend={t('admin.mailboxes.smtp')} variant="filled">
      <Stack gap="sm">
        <Switch
          label={t('admin.mailboxes.useSmtp')}
          description={t('admin.mailboxes.useSmtpHint')}
          checked={enabled}
          onChange={(event) => onEnabledChange(event.currentTarget.checked)}
        />
        {enabled && (
          <MailServerFields
            protocol="smtp"
            value={value}
            onChange={onChange}
            errors={errors}
            hasStoredPassword={hasStoredPassword}
          />
        )}
      </Stack>
    </Fieldset>
  );
}
