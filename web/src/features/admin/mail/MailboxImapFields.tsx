import { Fieldset, Group, NumberInput, PasswordInput, Stack, Switch, TextInput } from '@mantine/core';
import { t } from '../../../i18n/translate';
import { imapPort, type MailboxDraft, type MailboxFieldErrors } from './MailboxDraft';

type ImapDraft = MailboxDraft['imap'];

/** Where the desk fetches this mailbox's mail: an existing mail server, signed in over IMAP. */
export function MailboxImapFields({
  value,
  onChange,
  errors,
  hasStoredPassword,
}: {
  value: ImapDraft;
  onChange: (patch: Partial<ImapDraft>) => void;
  errors: MailboxFieldErrors;
  /** Editing a mailbox whose IMAP password is stored: an empty field keeps it. */
  hasStoredPassword: boolean;
}) {
  const switchTls = (tls: boolean) => {
    // Follow the switch with the matching well-known port, unless someone typed another one.
    const port =
      value.port === (tls ? imapPort.plain : imapPort.tls) ? (tls ? imapPort.tls : imapPort.plain) : value.port;
    onChange({ tls, port });
  };
  return (
    <Fieldset legend={t('admin.mailboxes.imap')} variant="filled">
      <Stack gap="sm">
        <Group align="flex-start" wrap="wrap" gap="sm">
          <TextInput
            label={t('admin.mailboxes.host')}
            placeholder="imap.example.com"
            required
            style={{ flex: '1 1 12rem' }}
            value={value.host}
            onChange={(event) => onChange({ host: event.currentTarget.value })}
            error={errors['imap.host']}
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
            error={errors['imap.port']}
          />
        </Group>
        <Switch
          label={t('admin.mailboxes.imapTls')}
          description={t('admin.mailboxes.imapTlsHint')}
          checked={value.tls}
          onChange={(event) => switchTls(event.currentTarget.checked)}
        />
        <Switch
          label={t('admin.mailboxes.verifyCertificate')}
          description={t('admin.mailboxes.verifyCertificateHint')}
          checked={value.verifyCertificate}
          onChange={(event) => onChange({ verifyCertificate: event.currentTarget.checked })}
        />
        <TextInput
          label={t('admin.mailboxes.user')}
          required
          autoComplete="off"
          value={value.user}
          onChange={(event) => onChange({ user: event.currentTarget.value })}
          error={errors['imap.user']}
        />
        <PasswordInput
          label={t('admin.mailboxes.password')}
          description={hasStoredPassword ? t('admin.mailboxes.passwordKeep') : undefined}
          required={!hasStoredPassword}
          autoComplete="new-password"
          value={value.password}
          onChange={(event) => onChange({ password: event.currentTarget.value })}
          error={errors['imap.password']}
        />
        <TextInput
          label={t('admin.mailboxes.folder')}
          required
          value={value.folder}
          onChange={(event) => onChange({ folder: event.currentTarget.value })}
          error={errors['imap.folder']}
        />
        <TextInput
          label={t('admin.mailboxes.processedFolder')}
          description={t('admin.mailboxes.processedFolderHint')}
          value={value.processedFolder}
          onChange={(event) => onChange({ processedFolder: event.currentTarget.value })}
          error={errors['imap.processedFolder']}
        />
      </Stack>
    </Fieldset>
  );
}
