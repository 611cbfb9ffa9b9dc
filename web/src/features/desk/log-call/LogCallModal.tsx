import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notify } from '../../../ui/notify';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from '../../../app/navigation';
import { errorMessage } from '../../../api/api-error';
import { ticketsApi } from '../../../api/tickets';
import { t } from '../../../i18n/translate';
import { textToHtml } from '../../../ui/text-to-html';
import { usePeopleSearch } from './use-people-search';

/** A phone call becomes a ticket in a few keystrokes: find the caller, say what is wrong, save. */
export function LogCallModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [search, setSearch] = useState('');
  const [callerId, setCallerId] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [newEmail, setNewEmail] = useState('');
  const [subject, setSubject] = useState('');
  const [notes, setNotes] = useState('');
  const [solved, setSolved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const people = usePeopleSearch(search);
  const navigate = useNavigate();
  const client = useQueryClient();
  const options = (people.data ?? []).map((person) => ({
    value: String(person.id),
    label: [person.name, person.email, person.phone].filter(Boolean).join(' · '),
  }));
  const noMatch = search.trim().length >= 2 && people.isSuccess && options.length === 0 && !callerId;

  function reset() {
    setSearch('');
    setCallerId(null);
    setNewName('');
    setNewEmail('');
    setSubject('');
    setNotes('');
    setSolved(false);
    setError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const caller = callerId ? { requesterId: Number(callerId) } : { requesterEmail: newEmail.trim(), ...(newName.trim() ? { requesterName: newName.trim() } : {}) };
      const ticket = await ticketsApi.create({ subject: subject.trim(), body: textToHtml(notes || subject), channel: 'phone', ...caller });
      if (solved) await ticketsApi.update(ticket.id, { version: ticket.version, status: 'resolved' });
      notify({ color: 'teal', message: t('call.created', { reference: ticket.reference }) });
      void client.invalidateQueries({ queryKey: ['tickets'] });
      reset();
      onClose();
      navigate(`/desk/tickets/${ticket.id}`);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  const callerReady = Boolean(callerId) || /.+@.+/.test(newEmail);
  return (
    <Modal opened={opened} onClose={onClose} title={t('call.title')} size="lg">
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Select
            data-autofocus
            label={t('call.caller')}
            placeholder={t('call.callerHint')}
            searchable
            clearable
            data={options}
            value={callerId}
            onChange={setCallerId}
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: all }) => all}
            nothingFoundMessage={search.trim().length >= 2 ? t('call.noMatch') : t('search.hint')}
          />
          {noMatch && (
            <Group grow align="flex-start">
              <TextInput label={t('call.newCallerName')} value={newName} onChange={(e) => setNewName(e.currentTarget.value)} />
              <TextInput label={t('call.newCallerEmail')} type="email" value={newEmail} onChange={(e) => setNewEmail(e.currentTarget.value)} />
            </Group>
          )}
          {!callerId && !noMatch && (
            <Text size="xs" c="dimmed">
              {t('call.callerHelp')}
            </Text>
          )}
          <TextInput label={t('call.summary')} required value={subject} onChange={(e) => setSubject(e.currentTarget.value)} maxLength={250} />
          <Textarea label={t('call.details')} description={t('call.detailsHint')} autosize minRows={4} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
          <Checkbox label={t('call.solvedOnCall')} checked={solved} onChange={(e) => setSolved(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!subject.trim() || !callerReady}>
              {t('call.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
