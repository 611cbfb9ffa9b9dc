import { useQuery } from '@tanstack/react-query';
import { identityApi, isActiveUser } from '../../../api/identity';
import { ticketKeys, ticketsApi } from '../../../api/tickets';

/** People who can take tickets, teams and categories: the choices of the properties panel. */
export function useDeskDirectory() {
  const agents = useQuery({
    queryKey: ['directory', 'agents'],
    queryFn: async () => (await identityApi.staff()).filter(isActiveUser),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const teams = useQuery({ queryKey: ['directory', 'teams'], queryFn: identityApi.teams, staleTime: 5 * 60_000, retry: false });
  const categories = useQuery({ queryKey: ticketKeys.categories, queryFn: ticketsApi.categories, staleTime: 5 * 60_000, retry: false });
  return { agents: agents.data ?? [], teams: teams.data ?? [], categories: categories.data ?? [] };
}
