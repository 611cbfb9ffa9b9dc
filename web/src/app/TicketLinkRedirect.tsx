import { Redirect, useParams } from 'wouter';
import { canUseArea } from '../api/session';
import { FullPageLoader } from '../ui/FullPageLoader';
import { ErrorState } from '../ui/ErrorState';
import { useSession } from './use-session';

/**
 * `/tickets/:id`, the link in every notification mail: one address for whoever it is sent to, opened in their own
 * area (the desk for staff, the portal for requesters), after signing in when they are not yet.
 */
export function TicketLinkRedirect() {
  const { id } = useParams<{ id: string }>();
  const session = useSession();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) return <Redirect to={`/login?next=${encodeURIComponent(`/tickets/${id}`)}`} replace />;
  return <Redirect to={`/${canUseArea(session.data, 'desk') ? 'desk' : 'portal'}/tickets/${encodeURIComponent(id)}`} replace />;
}
