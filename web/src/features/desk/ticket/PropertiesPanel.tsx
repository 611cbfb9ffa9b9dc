import { Button, Select, Stack, TagsInput, Text, Title } from '@mantine/core';
import { notify } from '../../../ui/notify';
import { impacts, priorities, urgencies } from '../../../../../shared/priority-matrix';
import { ticketTypes } from '../../tickets/ticket-constants';
import { allowedTransitions } from '../../../../../shared/ticket-status';
import { errorMessage } from '../../../api/api-error';
import type { Ticket } from '../../../api/tickets';
import { useCurrentUser } from '../../../app/use-session';
import { t } from '../../../i18n/translate';
import { useUpdateTicket } from '../../tickets/use-ticket';
import { useDeskDirectory } from './use-desk-directory';

/** Every field edits in place: choosing a value saves it (with the version seen) and the history records it. */
export function PropertiesPanel({ ticket }: { ticket: Ticket }) {
  const me = useCurrentUser();
  const update = useUpdateTicket(ticket.id);
  const { agents, teams, categories } = useDeskDirectory();
  const save = (changes: Parameters<typeof update.mutate>[0]) =>
    update.mutate(changes, {
      onSuccess: () => notify({ color: 'teal', message: t('common.saved'), autoClose: 1500 }),
      onError: (error) => notify({ color: 'red', message: errorMessage(error) }),
    });
  const idOrNull = (value: string | null) => (value ? Number(value) : null);

  const statusOptions = [ticket.status, ...allowedTransitions(ticket.status)].map((s) => ({ value: s, label: t(`status.${s}`) }));
  const agentOptions = agents.map((a) => ({ value: String(a.id), label: a.name }));
  if (ticket.assignee && !agents.some((a) => a.id === ticket.assignee?.id)) agentOptions.push({ value: String(ticket.assignee.id), label: ticket.assignee.name });

  return (
    <Stack gap="sm" p="md" component="section" aria-label={t('ticket.properties')}>
      <Title order={2} size="h5">
        {t('ticket.properties')}
      </Title>
      <Select label={t('ticket.status')} data={statusOptions} value={ticket.status} allowDeselect={false} onChange={(value) => value && value !== ticket.status && save({ status: value as Ticket['status'] })} />
      <Select
        label={t('ticket.assignee')}
        data={agentOptions}
        value={ticket.assigneeId ? String(ticket.assigneeId) : null}
        placeholder={t('common.unassigned')}
        clearable
        searchable
        onChange={(value) => save({ assigneeId: idOrNull(value) })}
      />
      {ticket.assigneeId !== me.id && (
        <Button variant="light" size="xs" onClick={() => save({ assigneeId: me.id })}>
          {t('ticket.takeIt')}
        </Button>
      )}
      <Select label={t('ticket.team')} data={teams.map((team) => ({ value: String(team.id), label: team.name }))} value={ticket.teamId ? String(ticket.teamId) : null} placeholder={t('common.none')} clearable onChange={(value) => save({ teamId: idOrNull(value) })} />
      <Select label={t('ticket.priority')} data={priorities.map((p) => ({ value: p, label: t(`priority.${p}`) }))} value={ticket.priority} allowDeselect={false} onChange={(value) => value && save({ priority: value as Ticket['priority'] })} description={ticket.priorityOverridden ? t('ticket.priorityOverridden') : t('ticket.priorityFromMatrix')} />
      <Select label={t('ticket.impact')} data={impacts.map((v) => ({ value: v, label: t(`level.${v}`) }))} value={ticket.impact} allowDeselect={false} onChange={(value) => value && save({ impact: value as Ticket['impact'] })} />
      <Select label={t('ticket.urgency')} data={urgencies.map((v) => ({ value: v, label: t(`level.${v}`) }))} value={ticket.urgency} allowDeselect={false} onChange={(value) => value && save({ urgency: value as Ticket['urgency'] })} />
      <Select label={t('ticket.type')} data={ticketTypes.map((v) => ({ value: v, label: t(`type.${v}`) }))} value={ticket.type} allowDeselect={false} onChange={(value) => value && save({ type: value as Ticket['type'] })} />
      <Select label={t('ticket.category')} data={categories.map((c) => ({ value: String(c.id), label: c.name }))} value={ticket.categoryId ? String(ticket.categoryId) : null} placeholder={t('common.none')} clearable searchable onChange={(value) => save({ categoryId: idOrNull(value) })} />
      <TagsInput label={t('ticket.tags')} value={ticket.tags} onChange={(tags) => save({ tags })} clearable />
      <Text size="xs" c="dimmed">
        {t('ticket.tier')}: {ticket.tier}
      </Text>
    </Stack>
  );
}
