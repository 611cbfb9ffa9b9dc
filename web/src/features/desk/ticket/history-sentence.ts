import type { HistoryEntry } from '../../../api/tickets';
import { isMessageKey, t, type MessageKey } from '../../../i18n/translate';

/**
 * One line of a ticket's history in words, after the name of who did it: "reassigned the ticket from Ana Ruiz to
 * Lee Park", "changed the team from Service desk to Network". Ids become the names the server sent with the entry; values
 * become the words the desk shows elsewhere (statuses, priorities, types). Null for bookkeeping a line beside it
 * already says: the time a ticket was resolved or closed comes with the status change.
 */
export function describeHistory(entry: HistoryEntry): string | null {
  const name = (kind: string, id: unknown) =>
    typeof id === 'number' ? (entry.names[`${kind}:${id}`] ?? t('history.unknown', { id })) : t('history.nobody');
  const names = (kind: string, ids: unknown) => (Array.isArray(ids) ? ids.map((id) => name(kind, id)).join(', ') : '');
  const word = (prefix: string, value: unknown) => {
    const key = `${prefix}.${String(value)}`;
    return isMessageKey(key) ? t(key) : value === null || value === undefined || value === '' ? '—' : String(value);
  };
  const change = (field: MessageKey, from: string, to: string) => t('history.changed', { field: t(field), from, to });
  const from = entry.from;
  const to = entry.to;
  const object = (to ?? from ?? {}) as Record<string, unknown>;

  switch (entry.field) {
    case 'created':
      return t('history.created');
    case 'resolvedAt':
    case 'closedAt':
      return null;
    case 'firstResponseAt':
      return to ? t('history.firstResponse') : null;
    case 'status':
      return change('history.field.status', word('status', from), word('status', to));
    case 'priority':
      return change('history.field.priority', word('priority', from), word('priority', to));
    case 'impact':
      return change('history.field.impact', word('level', from), word('level', to));
    case 'urgency':
      return change('history.field.urgency', word('level', from), word('level', to));
    case 'type':
      return change('history.field.type', word('type', from), word('type', to));
    case 'tier':
      return change('history.field.tier', String(from ?? '—'), String(to ?? '—'));
    case 'subject':
      return change('history.field.subject', `“${String(from)}”`, `“${String(to)}”`);
    case 'teamId':
      return change('history.field.team', name('team', from), name('team', to));
    case 'categoryId':
      return change('history.field.category', name('category', from), name('category', to));
    case 'requesterId':
      return change('history.field.requester', name('user', from), name('user', to));
    case 'organizationId':
      return change('history.field.organization', name('organization', from), name('organization', to));
    case 'assigneeId':
      if (from === null) return t('history.assigned', { to: name('user', to) });
      if (to === null) return t('history.unassigned', { from: name('user', from) });
      return t('history.reassigned', { from: name('user', from), to: name('user', to) });
    case 'priorityOverridden':
      return t(to ? 'history.priorityByHand' : 'history.priorityFromMatrix');
    case 'tags':
    case 'watcherIds': {
      const before = Array.isArray(from) ? from : [];
      const after = Array.isArray(to) ? to : [];
      const added = after.filter((item) => !before.includes(item));
      const removed = before.filter((item) => !after.includes(item));
      const show = (items: unknown[]) => (entry.field === 'tags' ? items.map(String).join(', ') : names('user', items));
      const parts = [
        ...(added.length > 0 ? [t(entry.field === 'tags' ? 'history.tagsAdded' : 'history.watchersAdded', { items: show(added) })] : []),
        ...(removed.length > 0 ? [t(entry.field === 'tags' ? 'history.tagsRemoved' : 'history.watchersRemoved', { items: show(removed) })] : []),
      ];
      return t('history.did', { what: parts.join(t('history.and')) });
    }
    case 'link':
      return to
        ? t('history.linked', { relation: word('history.relation', object.relation), ticket: name('ticket', object.ticketId) })
        : t('history.unlinked', { ticket: name('ticket', object.ticketId) });
    case 'timeEntry':
      return t('history.timeLogged', { minutes: Number(object.minutes ?? 0) });
    case 'mergedIntoId':
      return t('history.mergedInto', { ticket: name('ticket', to) });
    case 'merged':
      return t('history.mergedHere', { ticket: name('ticket', object.ticketId), messages: Number(object.messages ?? 0) });
    case 'escalation.notified': {
      const who = object.notify === 'manager' ? t('history.managers') : t('history.teamLeads');
      const people = names('user', object.userIds);
      return people ? t('history.notified', { who, people }) : t('history.notifiedNobody', { who });
    }
    case 'escalation.skipped':
      return object.action === 'reassign'
        ? t('history.skippedReassign', { agent: name('user', object.assigneeId) })
        : t('history.skippedMove', { tier: String(object.tier ?? '—') });
  }
  // A custom field by its key, and any other field by its name.
  return t('history.changedCustom', { field: entry.field.replace(/^customFields\./, ''), from: showValue(from), to: showValue(to) });
}

function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'boolean') return value ? t('history.yes') : t('history.no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
