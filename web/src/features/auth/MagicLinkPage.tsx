import '../../i18n/en-auth';
import { Button, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'wouter';
import { useNavigate } from '../../app/navigation';
import { consumeMagicLink, homeFor } from '../../api/session';
import { useSetSession } from '../../app/use-session';
import { t } from '../../i18n/translate';
import { AuthLayout } from './AuthLayout';

/** The page an emailed sign-in link opens: trades the one-time token for a session. */
export function MagicLinkPage() {
  const { token: pathToken } = useParams();
  const [params] = useSearchParams();
  const token = pathToken ?? params.get('token') ?? '';
  const navigate = useNavigate();
  const setSession = useSetSession();
  const [failed, setFailed] = useState(token === '');
  // The token works once: StrictMode's double effect must not spend it twice.
  const started = useRef(false);

  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    consumeMagicLink(token)
      .then(async (user) => {
        setSession(user);
        navigate(homeFor(user), { replace: true });
      })
      .catch(() => setFailed(true));
  }, [token, navigate, setSession]);

  return (
    <AuthLayout>
      {failed ? (
        <Stack gap="sm">
          <Title order={1} size="h3">
            {t('auth.consumeFailed')}
          </Title>
          <Text c="dimmed">{t('auth.consumeFailedBody')}</Text>
          <Button component="a" href="/login">
            {t('auth.backToSignIn')}
          </Button>
        </Stack>
      ) : (
        <Stack align="center" gap="sm" role="status">
          <Loader />
          <Text>{t('auth.consuming')}</Text>
        </Stack>
      )}
    </AuthLayout>
  );
}
