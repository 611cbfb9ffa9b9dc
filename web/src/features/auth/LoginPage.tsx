import '../../i18n/en-auth';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Redirect, useSearchParams } from 'wouter';
import { useNavigate } from '../../app/navigation';
import { errorMessage } from '../../api/api-error';
import { homeFor, requestMagicLink, signIn } from '../../api/session';
import { useSession, useSetSession } from '../../app/use-session';
import { t } from '../../i18n/translate';
import { AuthLayout } from './AuthLayout';

/** Only same-site paths are followed after sign-in, so a crafted link cannot send people elsewhere. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function LoginPage() {
  const [params] = useSearchParams();
  const session = useSession();
  const setSession = useSetSession();
  const navigate = useNavigate();
  const [mode, setMode] = useState<'password' | 'link'>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [linkSentTo, setLinkSentTo] = useState<string | null>(null);
  const next = safeNext(params.get('next'));

  if (session.data) return <Redirect to={next ?? homeFor(session.data)} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'password') {
        const user = await signIn(email.trim(), password);
        setSession(user);
        navigate(next ?? homeFor(user), { replace: true });
      } else {
        await requestMagicLink(email.trim());
        setLinkSentTo(email.trim());
      }
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout>
      <div>
        <Title order={1} size="h3">
          {t('auth.title', { desk: t('app.name') })}
        </Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('auth.subtitle')}
        </Text>
      </div>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {linkSentTo ? (
        <Alert color="teal" variant="light" role="status">
          {t('auth.linkSent', { email: linkSentTo })}
        </Alert>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="sm">
            <TextInput label={t('auth.email')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} data-autofocus autoFocus />
            {mode === 'password' && (
              <PasswordInput label={t('auth.password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            )}
            <Button type="submit" loading={busy} fullWidth mt="xs">
              {mode === 'password' ? t('auth.signIn') : t('auth.sendLink')}
            </Button>
          </Stack>
        </form>
      )}
      {mode === 'password' && !linkSentTo && (
        <Anchor href="/reset-password" size="sm" ta="center">
          {t('auth.forgot')}
        </Anchor>
      )}
      <Anchor component="button" type="button" size="sm" ta="center" onClick={() => { setMode(mode === 'password' ? 'link' : 'password'); setLinkSentTo(null); setError(null); }}>
        {mode === 'password' ? t('auth.useLink') : t('auth.usePassword')}
      </Anchor>
    </AuthLayout>
  );
}
