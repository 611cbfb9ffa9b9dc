import type { ReactNode } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import { canUseArea, type Area } from '../api/session';
import { FullPageLoader } from '../ui/FullPageLoader';
import { ErrorState } from '../ui/ErrorState';
import { MessagePage } from '../ui/MessagePage';
import { t } from '../i18n/translate';
import { useSession } from './use-session';

/** Shows the area to those whose role may use it; sends the signed-out to sign in and back again. */
export function RequireArea({ area, children }: { area: Area; children: ReactNode }) {
  const session = useSession();
  const [pathname] = useLocation();
  const search = useSearch();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) return <Redirect to={`/login?next=${encodeURIComponent(pathname + (search ? `?${search}` : ''))}`} replace />;
  if (!canUseArea(session.data, area)) {
    return <MessagePage title={t('app.forbidden.title')} body={t('app.forbidden.body')} actionLabel={t('app.notFound.home')} actionHref="/" />;
  }
  return <>{children}</>;
}
