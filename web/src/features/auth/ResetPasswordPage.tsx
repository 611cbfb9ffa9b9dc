import '../../i18n/en-auth';
import { Alert, Anchor, Button, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'wouter';
import { errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import { t } from '../../i18n/translate';
import { AuthLayout } from './AuthLayout';

/** Without a token: ask for a reset link. With one (from the email): choose the new password. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (token) {
        await api.post('/api/v1/auth/password-reset/confirm', { token, password: value });
        setDone(t('auth.resetDone'));
      } else {
        await api.post('/api/v1/auth/password-reset', { email: value.trim() });
        setDone(t('auth.resetSent', { email: value.trim() }));
      }
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout>
      <Title order={1} size="h3">
        {t('auth.resetTitle')}
      </Title>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {done ? (
        <Alert color="teal" variant="light" role="status">
          {done}
        </Alert>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <Stack gap="sm">
            {token ? (
              <PasswordInput label={t('auth.newPassword')} description={t('auth.newPasswordHint')} autoComplete="new-password" required value={value} onChange={(e) => setValue(e.currentTarget.value)} />
            ) : (
              <TextInput label={t('auth.email')} type="email" autoComplete="email" required value={value} onChange={(e) => setValue(e.currentTarget.value)} />
            )}
            <Button type="submit" loading={busy} fullWidth>
              {token ? t('common.save') : t('auth.resetRequest')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor href="/login" size="sm" ta="center">
        {t('auth.backToSignIn')}
      </Anchor>
    </AuthLayout>
  );
}
