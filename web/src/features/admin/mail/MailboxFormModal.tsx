import { Alert, Button, Group, Modal, Radio, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../../api/api-error';
import { mailApi, mailQueryKeys, type InboundMode, type Mailbox } from '../../../api/mail';
import { t } from '../../../i18n/translate';
import { notify } from '../../../ui/notify';
import { useScreenAtMost } from '../../../ui/use-screen-at-most';
import {
  draftOf,
  emptyDraft,
  inboundModeOptions,
  payloadOf,
  refusedFields,
  usesImap,
  type MailboxDraft,
  type MailboxFieldErrors,
} from './mailbox-draft';
import { MailboxImapFields } from './MailboxImapFields';
import { MailboxSmtpFields } from './MailboxSmtpFields';

/**
 * Adds a mailbox (`editing` null) or changes one. Refusals from the server are shown beside the fields
 * they name, with a sentence above the buttons; the first marked field takes the focus.
 */
export function MailboxFormModal({
  opened,
  editing,
  teams,
  onClose,
}: {
  opened: boolean;
  editing: Mailbox | null;
  teams: { value: string; label: string }[];
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<MailboxDraft>(emptyDraft);
  const [errors, setErrors] = useState<MailboxFieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const client = useQueryClient();
  const phone = useScreenAtMost('xs');

  useEffect(() => {
    if (!opened) return;
    setDraft(editing ? draftOf(editing) : emptyDraft());
    setErrors({});
    setFailure(null);
  }, [opened, editing]);

  useEffect(() => {
    if (Object.keys(errors).length > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const change = (patch: Partial<MailboxDraft>) => setDraft((before) => ({ ...before, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const body = payloadOf(draft);
      const saved = editing ? await mailApi.updateMailbox(editing.id, body) : await mailApi.createMailbox(body);
      notify({
        color: 'teal',
        message: t(editing ? 'admin.mailboxes.saved' : 'admin.mailboxes.created', { address: saved.address }),
        closeButtonProps: { 'aria-label': t('common.close') },
      });
      await client.invalidateQueries({ queryKey: mailQueryKeys.mailboxes });
      onClose();
    } catch (caught) {
      const refused = refusedFields(caught);
      const named = Object.entries(refused);
      setErrors(Object.fromEntries(named.map(([field, key]) => [field, t(key)])));
      setFailure(named.length > 0 ? t('admin.mailboxes.error.fields') : errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={editing ? t('admin.mailboxes.edit', { address: editing.address }) : t('admin.mailboxes.new')}
      size="lg"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form ref={form} onSubmit={(event) => void submit(event)}>
        <Stack gap="md">
          <TextInput
            data-autofocus
            label={t('admin.mailboxes.address')}
            description={t('admin.mailboxes.addressHint')}
            placeholder="help@example.com"
            type="email"
            required
            value={draft.address}
            onChange={(event) => change({ address: event.currentTarget.value })}
            error={errors.address}
          />
          <TextInput
            label={t('admin.mailboxes.displayName')}
            description={t('admin.mailboxes.displayNameHint')}
            placeholder={t('admin.mailboxes.displayNamePlaceholder')}
            value={draft.displayName}
            onChange={(event) => change({ displayName: event.currentTarget.value })}
            error={errors.displayName}
          />
          <Select
            label={t('admin.mailboxes.team')}
            description={t('admin.mailboxes.teamHint')}
            placeholder={t('admin.mailboxes.noTeam')}
            data={teams}
            value={draft.teamId}
            onChange={(teamId) => change({ teamId })}
            clearable
            clearButtonProps={{ 'aria-label': t('admin.mailboxes.clearTeam') }}
            error={errors.teamId}
          />
          <Radio.Group
            label={t('admin.mailboxes.inboundMode')}
            value={draft.inboundMode}
            onChange={(mode) => change({ inboundMode: mode as InboundMode })}
            error={errors.inboundMode}
          >
            <Stack gap="xs" mt="xs">
              {inboundModeOptions.map((mode) => (
                <Radio key={mode.value} value={mode.value} label={t(mode.label)} description={t(mode.hint)} />
              ))}
            </Stack>
          </Radio.Group>
          <Switch
            label={t('admin.mailboxes.active')}
            description={t('admin.mailboxes.activeHint')}
            checked={draft.isActive}
            onChange={(event) => change({ isActive: event.currentTarget.checked })}
          />
          {usesImap(draft.inboundMode) && (
            <MailboxImapFields
              value={draft.imap}
              onChange={(patch) => change({ imap: { ...draft.imap, ...patch } })}
              errors={errors}
              hasStoredPassword={Boolean(editing?.imap?.hasPassword)}
            />
          )}
          <MailboxSmtpFields
            enabled={draft.useSmtp}
            onEnabledChange={(useSmtp) => change({ useSmtp })}
            value={draft.smtp}
            onChange={(patch) => change({ smtp: { ...draft.smtp, ...patch } })}
            errors={errors}
            hasStoredPassword={Boolean(editing?.smtp?.hasPassword)}
          />
          {failure && (
            <Alert color="red" variant="light" role="alert">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {editing ? t('common.save') : t('admin.mailboxes.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
