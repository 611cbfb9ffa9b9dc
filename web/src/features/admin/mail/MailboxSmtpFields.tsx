import { Fieldset, Group, NumberInput, PasswordInput, Stack, Switch, TextInput } from '@mantine/core';
import { t } from '../../../i18n/translate';
import { smtpPort, type MailboxDraft, type MailboxFieldErrors } from './MailboxDraft';

type SmtpDraft = MailboxDraft['smtp'];

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
  value: SmtpDraft;
  onChange: (patch: Partial<SmtpDraft>) => void;
  errors: MailboxFieldErrors;
  hasStoredPassword: boolean;
}) {
  const switchSecure = (secure: boolean) => {
    const port =
      value.port === (secure ? smtpPort.plain : smtpPort.secure)
        ? secure
          ? smtpPort.secure
          : smtpPort.plain
        : value.port;
    onChange({ secure, port });
  };
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
          <>
            <Group align="flex-start" wrap="wrap" gap="sm">
              <TextInput
                label={t('admin.mailboxes.host')}
                placeholder="smtp.example.com"
                required
                style={{ flex: '1 1 12rem' }}
                value={value.host}
                onChange={(event) => onChange({ host: event.currentTarget.value })}
                error={errors['smtp.host']}
              />
              <NumberInput
                label={t('admin.mailboxes.port')}
                required
                min={1}
                max={65535}
                allowDecimal={false}
                w={140}
                value={value.port}
                onChange={(port) => onChange({ port })}
                error={errors['smtp.port']}
              />
            </Group>
            <Switch
              label={t('admin.mailboxes.smtpSecure')}
              description={t('admin.mailboxes.smtpSecureHint')}
              checked={value.secure}
              onChange={(event) => switchSecure(event.currentTarget.checked)}
            />
            <Switch
              label={t('admin.mailboxes.verifyCertificate')}
              description={t('admin.mailboxes.verifyCertificateHint')}
              checked={value.verifyCertificate}
              onChange={(event) => onChange({ verifyCertificate: event.currentTarget.checked })}
            />
            <TextInput
              label={t('admin.mailboxes.user')}
              description={t('admin.mailboxes.smtpUserHint')}
              autoComplete="off"
              value={value.user}
              onChange={(event) => onChange({ user: event.currentTarget.value })}
              error={errors['smtp.user']}
            />
            <PasswordInput
              label={t('admin.mailboxes.password')}
              description={hasStoredPassword ? t('admin.mailboxes.passwordKeep') : undefined}
              autoComplete="new-password"
              value={value.password}
              onChange={(event) => onChange({ password: event.currentTarget.value })}
              error={errors['smtp.password']}
            />
          </>
        )}
      </Stack>
    </Fieldset>
  );
}
