import { Button, Group, Paper, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/api-error';
import { updateProfile } from '../../api/session';
import { useCurrentUser, useSetSession } from '../../app/use-session';
import { t } from '../../i18n/translate';
import { notify } from '../../ui/notify';
import { PageHeading } from '../../ui/PageHeading';

// Every zone the browser knows (IANA names, as the server checks them), and the one this device is set to.
const zones = Intl.supportedValuesOf('timeZone');
const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** One's own name, time zone and password: for everyone, whatever their role, so it lives beside the portal. */
export function ProfilePage() {
  const user = useCurrentUser();
  const setSession = useSetSession();
  const [name, setName] = useState(user.name);
  const [timeZone, setTimeZone] = useState<string | null>(user.timeZone ?? deviceZone);
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');

  const profile = useMutation({
    mutationFn: () => updateProfile({ name: name.trim(), ...(timeZone ? { timeZone } : {}) }),
    onSuccess: (fresh) => {
      setSession(fresh);
      notify({ color: 'teal', message: t('profile.saved') });
    },
  });
  const passwordChange = useMutation({
    mutationFn: () => updateProfile({ currentPassword, password }),
    onSuccess: () => {
      setCurrentPassword('');
      setPassword('');
      notify({ color: 'teal', message: t('profile.passwordChanged') });
    },
  });

  const saveProfile = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) profile.mutate();
  };
  const savePassword = (event: FormEvent) => {
    event.preventDefault();
    if (currentPassword && password) passwordChange.mutate();
  };

  return (
    <Stack p={{ base: 'md', sm: 'xl' }} gap="lg">
      <PageHeading title={t('profile.title')} description={t('profile.description')} />
      <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
        <form onSubmit={saveProfile} aria-label={t('profile.title')}>
          <Stack gap="sm">
            <TextInput label={t('profile.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} />
            <Select
              label={t('profile.timeZone')}
              description={t('profile.timeZoneHint')}
              data={zones}
              value={timeZone}
              onChange={setTimeZone}
              searchable
              allowDeselect={false}
              maxDropdownHeight={280}
            />
            {timeZone !== deviceZone && (
              <Group>
                <Button variant="subtle" size="xs" onClick={() => setTimeZone(deviceZone)}>
                  {t('profile.useBrowser', { zone: deviceZone })}
                </Button>
              </Group>
            )}
            {profile.isError && (
              <Text c="red" size="sm" role="alert">
                {errorMessage(profile.error)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={profile.isPending} disabled={!name.trim()}>
                {t('profile.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
        <form onSubmit={savePassword} aria-label={t('profile.passwordTitle')}>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('profile.passwordTitle')}
            </Title>
            <PasswordInput label={t('profile.currentPassword')} autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrentPassword(e.currentTarget.value)} />
            <PasswordInput label={t('profile.newPassword')} description={t('profile.newPasswordHint')} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            {passwordChange.isError && (
              <Text c="red" size="sm" role="alert">
                {errorMessage(passwordChange.error)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button type="submit" variant="default" loading={passwordChange.isPending} disabled={!currentPassword || !password}>
                {t('profile.changePassword')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
