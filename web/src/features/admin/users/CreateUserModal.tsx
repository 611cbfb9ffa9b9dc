import { Alert, Button, Checkbox, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { notify } from '../../../ui/notify';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../../api/api-error';
import { identityApi } from '../../../api/identity';
import { t } from '../../../i18n/translate';

export function CreateUserModal({ opened, onClose, roleOptions }: { opened: boolean; onClose: () => void; roleOptions: { value: string; label: string }[] }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [role, setRole] = useState<string | null>('agent');
  const [password, setPassword] = useState('');
  const [sendInvitation, setSendInvitation] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const client = useQueryClient();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const inviting = sendInvitation && !password;
      const created = await identityApi.createUser({
        name: name.trim(),
        email: email.trim(),
        role: role ?? 'requester',
        ...(password ? { password } : {}),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(inviting ? { invite: true } : {}),
      });
      notify({
        color: 'teal',
        message: inviting ? t('admin.users.createdInvited', { name: created.name, email: created.email ?? email.trim() }) : t('admin.users.created', { name: name.trim() }),
      });
      void client.invalidateQueries({ queryKey: ['admin', 'users'] });
      void client.invalidateQueries({ queryKey: ['admin', 'staff'] });
      void client.invalidateQueries({ queryKey: ['directory'] });
      setName('');
      setEmail('');
      setPhone('');
      setPassword('');
      setSendInvitation(false);
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('admin.users.new')}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <TextInput data-autofocus label={t('common.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput label={t('common.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <TextInput label={t('common.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
          <Select label={t('admin.users.role')} data={roleOptions} value={role} onChange={setRole} allowDeselect={false} />
          <PasswordInput label={t('admin.users.password')} description={t('admin.users.passwordHint')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="new-password" />
          <Checkbox
            label={t('admin.users.sendInvitation')}
            description={t('admin.users.sendInvitationHint')}
            checked={sendInvitation && !password}
            disabled={password.length > 0}
            onChange={(e) => setSendInvitation(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim() || !email.trim()}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
