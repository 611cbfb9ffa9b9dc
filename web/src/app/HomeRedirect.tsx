import { Redirect } from 'wouter';
import { homeFor } from '../api/session';
import { FullPageLoader } from '../ui/FullPageLoader';
import { ErrorState } from '../ui/ErrorState';
import { useSession } from './use-session';

/** `/` sends each person to their area: requesters to the portal, agents to the desk, admins to the console. */
export function HomeRedirect() {
  const session = useSession();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  return <Redirect to={session.data ? homeFor(session.data) : '/login'} replace />;
}
