import { Box, Checkbox, Skeleton, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import type { TicketSort } from '../../../../shared/schemas/tickets';
import type { Ticket } from '../../api/tickets';
import { formatAge, formatDateTime } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { PriorityBadge } from '../tickets/PriorityBadge';
import { StatusBadge } from '../tickets/StatusBadge';
import { SlaBadge } from './SlaBadge';

type SortField = 'ref' | 'priority' | 'createdAt' | 'updatedAt';

interface TicketTableProps {
  tickets: Ticket[];
  loading: boolean;
  sort: TicketSort;
  onSort: (sort: TicketSort) => void;
  selected: Set<number>;
  onToggle: (id: number) => void;
  onToggleAll: (all: boolean) => void;
  activeIndex: number;
  onOpen: (ticket: Ticket) => void;
}

/** Time left sorts one way only: the clock due soonest (overdue first) at the top. */
function DueSortHeader({ sort, onSort }: { sort: TicketSort; onSort: (sort: TicketSort) => void }) {
  const current = sort === 'due';
  return (
    <Table.Th aria-sort={current ? 'ascending' : 'none'}>
      <UnstyledButton onClick={() => onSort('due')} aria-label={t('desk.sortByDue')} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' }}>
        {t('sla.column')}
        {current ? <IconArrowUp size={14} stroke={1.6} aria-hidden /> : <IconSelector size={14} stroke={1.6} aria-hidden />}
      </UnstyledButton>
    </Table.Th>
  );
}

/** `reversed`: the column shows the opposite of the field sorted on (age falls as the creation time rises). */
function SortHeader({ field, label, sort, onSort, reversed = false }: { field: SortField; label: string; sort: TicketSort; onSort: (sort: TicketSort) => void; reversed?: boolean }) {
  const current = sort.replace('-', '') === field;
  const descending = sort.startsWith('-');
  const shownDescending = reversed ? !descending : descending;
  const Icon = !current ? IconSelector : shownDescending ? IconArrowDown : IconArrowUp;
  return (
    <Table.Th aria-sort={current ? (shownDescending ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton onClick={() => onSort((current && !descending ? `-${field}` : field) as TicketSort)} aria-label={t('desk.sortBy', { column: label })} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' }}>
        {label}
        <Icon size={14} stroke={1.6} aria-hidden />
      </UnstyledButton>
    </Table.Th>
  );
}

export function TicketTable({ tickets, loading, sort, onSort, selected, onToggle, onToggleAll, activeIndex, onOpen }: TicketTableProps) {
  const activeRow = useRef<HTMLTableRowElement>(null);
  // A block body: scrollIntoView may return a promise, which React would take for a cleanup function and call.
  useEffect(() => {
    activeRow.current?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);
  const allSelected = tickets.length > 0 && tickets.every((ticket) => selected.has(ticket.id));
  const someSelected = !allSelected && tickets.some((ticket) => selected.has(ticket.id));

  return (
    <Table.ScrollContainer minWidth={860} type="native">
      <Table highlightOnHover verticalSpacing="xs" horizontalSpacing="sm" aria-label={t('desk.ticketTable')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox aria-label={t('desk.selectAll')} checked={allSelected} indeterminate={someSelected} onChange={(e) => onToggleAll(e.currentTarget.checked)} />
            </Table.Th>
            <SortHeader field="ref" label={t('ticket.reference')} sort={sort} onSort={onSort} />
            <Table.Th>{t('ticket.subject')}</Table.Th>
            <Table.Th>{t('ticket.status')}</Table.Th>
            <SortHeader field="priority" label={t('ticket.priority')} sort={sort} onSort={onSort} />
            <DueSortHeader sort={sort} onSort={onSort} />
            <Table.Th>{t('ticket.assignee')}</Table.Th>
            <SortHeader field="createdAt" label={t('ticket.age')} sort={sort} onSort={onSort} reversed />
            <SortHeader field="updatedAt" label={t('ticket.updated')} sort={sort} onSort={onSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading &&
            [0, 1, 2, 3, 4, 5].map((i) => (
              <Table.Tr key={i}>
                <Table.Td colSpan={9}>
                  <Skeleton height={28} />
                </Table.Td>
              </Table.Tr>
            ))}
          {tickets.map((ticket, index) => (
            <Table.Tr
              key={ticket.id}
              ref={index === activeIndex ? activeRow : undefined}
              className="ticket-row"
              data-active={index === activeIndex}
              data-ticket-id={ticket.id}
              onClick={() => onOpen(ticket)}
            >
              <Table.Td onClick={(e) => e.stopPropagation()}>
                <Checkbox aria-label={t('desk.selectTicket', { reference: ticket.reference })} checked={selected.has(ticket.id)} onChange={() => onToggle(ticket.id)} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" ff="monospace">
                  {ticket.reference}
                </Text>
              </Table.Td>
              {/* The subject takes whatever width the other columns leave and truncates (width 100 % with max-width 0 is
                  the table idiom for that), so the list fits a 1366-pixel screen beside the navigation. */}
              <Table.Td style={{ width: '100%', maxWidth: 0 }}>
                <a href={`/desk/tickets/${ticket.id}`} onClick={(e) => { e.preventDefault(); e.stopPropagation(); onOpen(ticket); }} style={{ color: 'inherit', textDecoration: 'none' }}>
                  <Text size="sm" fw={ticket.status === 'new' ? 700 : 500} truncate>
                    {ticket.subject}
                  </Text>
                </a>
                <Text size="xs" c="dimmed" truncate>
                  {ticket.requester.name}
                </Text>
              </Table.Td>
              {/* Badges keep their whole word: the subject column gives way instead. */}
              <Table.Td>
                <Box miw={96}>
                  <StatusBadge status={ticket.status} />
                </Box>
              </Table.Td>
              <Table.Td>
                <Box miw={76}>
                  <PriorityBadge priority={ticket.priority} />
                </Box>
              </Table.Td>
              <Table.Td>
                <Box miw={132}>
                  <SlaBadge sla={ticket.sla ?? null} />
                </Box>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={ticket.assignee ? undefined : 'dimmed'} truncate maw={160}>
                  {ticket.assignee?.name ?? t('common.unassigned')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={formatDateTime(ticket.createdAt)}>
                  {formatAge(ticket.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" title={formatDateTime(ticket.updatedAt)}>
                  {formatAge(ticket.updatedAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
