import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconInbox } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'wouter';
import { useNavigate } from '../../app/navigation';
import type { TicketSort } from '../../../../shared/schemas/tickets';
import { ticketKeys, ticketsApi } from '../../api/tickets';
import { t } from '../../i18n/translate';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { BulkBar } from './BulkBar';
import { defaultViewKey } from './desk-views';
import { rememberList } from './last-list';
import { TicketTable } from './TicketTable';
import { useDeskViews } from './use-desk-views';

/** Whether the keyboard is on a control of its own (Mantine's hotkeys skip only text fields). */
function focusOnControl(): boolean {
  const focused = document.activeElement;
  return focused instanceof HTMLElement && focused !== document.body && focused.closest('a, button, [role="button"], [role="tab"], [role="menuitem"], [role="checkbox"], input, select, textarea') !== null;
}

export function TicketListPage() {
  const { viewKey = defaultViewKey } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { views } = useDeskViews();
  const view = views.find((v) => v.key === viewKey) ?? views.find((v) => v.key === defaultViewKey)!;
  const sort = (params.get('sort') as TicketSort | null) ?? (view.query.sort as TicketSort | undefined) ?? '-createdAt';
  const query = { ...view.query, sort };
  const tickets = useInfiniteQuery({
    queryKey: ticketKeys.list(query),
    queryFn: ({ pageParam, signal }) => ticketsApi.list({ ...query, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // Time left changes while the list sits on screen; events cover every change but the clock itself.
    refetchInterval: 60_000,
  });
  const items = tickets.data?.pages.flatMap((page) => page.items) ?? [];
  const [activeIndex, setActiveIndex] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());

  useEffect(() => {
    setSelected(new Set());
    setActiveIndex(0);
  }, [viewKey]);

  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  useHotkeys([
    ['j', () => setActiveIndex((i) => Math.min(i + 1, Math.max(items.length - 1, 0)))],
    ['k', () => setActiveIndex((i) => Math.max(i - 1, 0))],
    // Enter on a focused link or button (a view, a sort header) is that control's, not the highlighted row's.
    // preventDefault off, or the focused control would not get its Enter either.
    ['Enter', () => { const ticket = items[activeIndex]; if (ticket && !focusOnControl()) navigate(`/desk/tickets/${ticket.id}`); }, { preventDefault: false }],
    ['x', () => { const ticket = items[activeIndex]; if (ticket) toggle(ticket.id); }],
  ]);

  // Where "Back to the list" on a ticket returns: this view, as sorted now.
  useEffect(() => {
    rememberList(`${window.location.pathname}${window.location.search}`);
  }, [viewKey, sort]);

  const title = view.labelKey ? t(view.labelKey) : view.label;

  return (
    <Stack gap={0}>
      <Group justify="space-between" px="lg" py="md" wrap="nowrap">
        <Title order={1} size="h3">
          {title}
        </Title>
        {tickets.isFetching && !tickets.isPending && (
          <Text size="xs" c="dimmed" role="status">
            {t('app.loading')}
          </Text>
        )}
      </Group>
      <BulkBar selected={[...selected]} onDone={() => setSelected(new Set())} />
      {tickets.isError && <ErrorState error={tickets.error} onRetry={() => void tickets.refetch()} />}
      <Paper radius={0} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
        <TicketTable
          tickets={items}
          loading={tickets.isPending}
          sort={sort}
          onSort={(next) => setParams((p) => { p.set('sort', next); return p; }, { replace: true })}
          selected={selected}
          onToggle={toggle}
          onToggleAll={(all) => setSelected(all ? new Set(items.map((ticket) => ticket.id)) : new Set())}
          activeIndex={activeIndex}
          onOpen={(ticket) => navigate(`/desk/tickets/${ticket.id}`)}
        />
        {tickets.isSuccess && items.length === 0 && <EmptyState icon={<IconInbox size={26} />} title={t('desk.empty.title')} body={t('desk.empty.body')} />}
      </Paper>
      {tickets.hasNextPage && (
        <Group justify="center" p="md">
          <Button variant="default" onClick={() => void tickets.fetchNextPage()} loading={tickets.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
