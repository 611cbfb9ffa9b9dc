import { useQuery } from '@tanstack/react-query';
import { identityApi, isActiveUser } from '../../../api/identity';
import { slaApi, slaKeys } from '../../../api/sla';
import { ticketKeys, ticketsApi } from '../../../api/tickets';
import { t } from '../../../i18n/translate';
import type { Names } from './policy-draft';

type Option = { value: string; label: string };

/** The names a policy's conditions and calendar refer to, loaded with the same keys the other admin pages use. */
export function useSlaLookups() {
  const teams = useQuery({ queryKey: ['admin', 'teams'], queryFn: identityApi.teams });
  const categories = useQuery({ queryKey: ticketKeys.categories, queryFn: ticketsApi.categories });
  const organizations = useQuery({ queryKey: ['admin', 'organizations'], queryFn: identityApi.organizations });
  const calendars = useQuery({ queryKey: slaKeys.calendars, queryFn: slaApi.calendars });
  // Staff, for an escalation that reassigns: all of them by name, the active ones to choose from.
  const staff = useQuery({
    queryKey: ['admin', 'staff'],
    queryFn: identityApi.staff,
  });

  const categoryById = new Map((categories.data ?? []).map((category) => [category.id, category]));
  const categoryName = (id: number) => {
    const category = categoryById.get(id);
    if (!category) return t('admin.slaPolicies.unknown', { id });
    const parent = category.parentId ? categoryById.get(category.parentId) : undefined;
    return parent ? `${parent.name} › ${category.name}` : category.name;
  };
  const teamById = new Map((teams.data ?? []).map((team) => [team.id, team.name]));
  const organizationById = new Map(
    (organizations.data ?? []).map((organization) => [organization.id, organization.name]),
  );
  const calendarById = new Map((calendars.data ?? []).map((calendar) => [calendar.id, calendar]));

  const userById = new Map((staff.data ?? []).map((user) => [user.id, user.name]));
  const names: Names = {
    team: (id) => teamById.get(id) ?? t('admin.slaPolicies.unknown', { id }),
    user: (id) => userById.get(id) ?? t('admin.slaPolicies.unknown', { id }),
    category: categoryName,
    organization: (id) => organizationById.get(id) ?? t('admin.slaPolicies.unknown', { id }),
  };
  const options = {
    teams: [...teamById].map(([id, name]): Option => ({ value: String(id), label: name })),
    categories: (categories.data ?? []).map((category): Option => ({
      value: String(category.id),
      label: categoryName(category.id),
    })),
    organizations: [...organizationById].map(([id, name]): Option => ({ value: String(id), label: name })),
    calendars: (calendars.data ?? []).map((calendar): Option => ({ value: String(calendar.id), label: calendar.name })),
    agents: (staff.data ?? []).filter(isActiveUser).map((user): Option => ({ value: String(user.id), label: user.name })),
    // A rule saved before its agent left still names them: the editor shows who, and that they must be replaced.
    userName: names.user,
    tierOfTeam: (id: number) => teams.data?.find((team) => team.id === id)?.tier,
  };
  return { names, options, calendars, calendarById };
}
