import { Fieldset, Stack, TextInput } from '@mantine/core';
import { t } from '../../../i18n/translate';
import type { MailboxDraft, MailboxFieldErrors } from './mailbox-draft';
import { MailServerFields } from './MailServerFields';

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
  return (
    <Fieldset legend={t('admin.mailboxes.imap')} variant="filled">
      <Stack gap="sm">
        <MailServerFields
          protocol="imap"
          value={value}
          onChange={onChange}
          errors={errors}
          hasStoredPassword={hasStoredPassword}
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
