import { Group, NumberInput, PasswordInput, Switch, TextInput } from '@mantine/core';
import { t, type MessageKey } from '../../../i18n/translate';
import { mailPorts, type MailboxFieldErrors, type MailProtocol, type MailServerDraft } from './mailbox-draft';

/** What differs between fetching (IMAP, always signed in) and sending (SMTP, where a relay may take mail unasked). */
const protocolWords: Record<
  MailProtocol,
  {
    hostPlaceholder: string;
    implicitTls: MessageKey;
    implicitTlsHint: MessageKey;
    userHint?: MessageKey;
    signInRequired: boolean;
  }
> = {
  imap: {
    hostPlaceholder: 'imap.example.com',
    implicitTls: 'admin.mailboxes.imapTls',
    implicitTlsHint: 'admin.mailboxes.imapTlsHint',
    signInRequired: true,
  },
  smtp: {
    hostPlaceholder: 'smtp.example.com',
    implicitTls: 'admin.mailboxes.smtpSecure',
    implicitTlsHint: 'admin.mailboxes.smtpSecureHint',
    userHint: 'admin.mailboxes.smtpUserHint',
    signInRequired: false,
  },
};

/** Server, port, TLS, certificate check and sign-in of one mail server, for either protocol. */
export function MailServerFields({
  protocol,
  value,
  onChange,
  errors,
  hasStoredPassword,
}: {
  protocol: MailProtocol;
  value: MailServerDraft;
  onChange: (patch: Partial<MailServerDraft>) => void;
  errors: MailboxFieldErrors;
  /** Editing a mailbox whose password for this server is stored: an empty field keeps it. */
  hasStoredPassword: boolean;
}) {
  const words = protocolWords[protocol];
  const ports = mailPorts[protocol];
  const switchImplicitTls = (implicitTls: boolean) => {
    // Follow the switch with the matching well-known port, unless someone typed another one.
    const [from, to] = implicitTls ? [ports.plain, ports.implicitTls] : [ports.implicitTls, ports.plain];
    onChange({ implicitTls, port: value.port === from ? to : value.port });
  };
  return (
    <>
      <Group align="flex-start" wrap="wrap" gap="sm">
        <TextInput
          label={t('admin.mailboxes.host')}
          placeholder={words.hostPlaceholder}
          required
          style={{ flex: '1 1 12rem' }}
          value={value.host}
          onChange={(event) => onChange({ host: event.currentTarget.value })}
          error={errors[`${protocol}.host`]}
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
          error={errors[`${protocol}.port`]}
        />
      </Group>
      <Switch
        label={t(words.implicitTls)}
        description={t(words.implicitTlsHint)}
        checked={value.implicitTls}
        onChange={(event) => switchImplicitTls(event.currentTarget.checked)}
      />
      <Switch
        label={t('admin.mailboxes.verifyCertificate')}
        description={t('admin.mailboxes.verifyCertificateHint')}
        checked={value.verifyCertificate}
        onChange={(event) => onChange({ verifyCertificate: event.currentTarget.checked })}
      />
      <TextInput
        label={t('admin.mailboxes.user')}
        description={words.userHint && t(words.userHint)}
        required={words.signInRequired}
        autoComplete="off"
        value={value.user}
        onChange={(event) => onChange({ user: event.currentTarget.value })}
        error={errors[`${protocol}.user`]}
      />
      <PasswordInput
        label={t('admin.mailboxes.password')}
        description={hasStoredPassword ? t('admin.mailboxes.passwordKeep') : undefined}
        required={words.signInRequired && !hasStoredPassword}
        autoComplete="new-password"
        value={value.password}
        onChange={(event) => onChange({ password: event.currentTarget.value })}
        error={errors[`${protocol}.password`]}
      />
    </>
  );
}
