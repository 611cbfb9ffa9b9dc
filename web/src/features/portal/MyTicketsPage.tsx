import { Button, Group, Paper, Skeleton, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconMessageCircleQuestion, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate } from '../../app/navigation';
import { ticketsApi } from '../../api/tickets';
import { useCurrentUser } from '../../app/use-session';
import { t } from '../../i18n/translate';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { RelativeTime } from '../../ui/RelativeTime';
import { PortalStatus } from './PortalStatus';

export function MyTicketsPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const tickets = useInfiniteQuery({
    queryKey: ['tickets', 'list', 'portal-mine'],
    queryFn: ({ pageParam, signal }) => ticketsApi.list({ sort: '-updatedAt', limit: 20, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = tickets.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack p={{ base: 'md', sm: 'xl' }} gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('portal.myTickets')}
          </Title>
          <Text c="dimmed">{t('portal.greeting', { name: user.name.split(' ')[0] ?? user.name })}</Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/portal/new')}>
          {t('portal.newTicket')}
        </Button>
      </Group>
      {tickets.isError && <ErrorState error={tickets.error} onRetry={() => void tickets.refetch()} />}
      {tickets.isPending && (
        <Stack gap="sm" aria-busy="true">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={76} radius="md" />
          ))}
        </Stack>
      )}
      {tickets.isSuccess && items.length === 0 && (
        <Paper withBorder>
          <EmptyState
            icon={<IconMessageCircleQuestion size={26} />}
            title={t('portal.empty.title')}
            body={t('portal.empty.body')}
            action={<Button onClick={() => navigate('/portal/new')}>{t('portal.newTicket')}</Button>}
          />
        </Paper>
      )}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((ticket) => (
          <li key={ticket.id}>
            <UnstyledButton w="100%" onClick={() => navigate(`/portal/tickets/${ticket.id}`)}>
              <Paper withBorder p="md" style={{ transition: 'border-color 120ms' }}>
                {/* On a phone the status wraps under the subject instead of squeezing it. */}
                <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
                  <div style={{ minWidth: 0, flex: '1 1 220px' }}>
                    <Text fw={600} truncate>
                      {ticket.subject}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {ticket.reference} · {t('portal.lastUpdate')}{' '}
                      <RelativeTime iso={ticket.updatedAt} />
                    </Text>
                  </div>
                  <PortalStatus status={ticket.status} />
                </Group>
              </Paper>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
      {tickets.hasNextPage && (
        <Button variant="default" onClick={() => void tickets.fetchNextPage()} loading={tickets.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
