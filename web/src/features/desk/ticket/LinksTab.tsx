import { Anchor, Button, Group, NumberInput, Skeleton, Stack, Text } from '@mantine/core';
import { notify } from '../../../ui/notify';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { useNavigate } from '../../../app/navigation';
import { errorMessage } from '../../../api/api-error';
import { ticketKeys, ticketsApi } from '../../../api/tickets';
import { t } from '../../../i18n/translate';
import { ErrorState } from '../../../ui/ErrorState';
import { StatusBadge } from '../../tickets/StatusBadge';

export function LinksTab({ ticketId }: { ticketId: number }) {
  const links = useQuery({ queryKey: ticketKeys.links(ticketId), queryFn: () => ticketsApi.links(ticketId) });
  const [target, setTarget] = useState<number | string>('');
  const client = useQueryClient();
  const navigate = useNavigate();
  const merge = useMutation({
    mutationFn: () => ticketsApi.merge(ticketId, { targetId: Number(target) }),
    onSuccess: async () => {
      notify({ color: 'teal', message: t('ticket.mergeDone') });
      await client.invalidateQueries({ queryKey: ['tickets'] });
      navigate(`/desk/tickets/${Number(target)}`);
    },
    onError: (error) => notify({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Stack gap="md">
      {links.isError && <ErrorState error={links.error} />}
      {links.isPending && <Skeleton height={60} />}
      {links.data?.length === 0 && <Text c="dimmed">{t('ticket.noLinks')}</Text>}
      {links.data?.map((link) => (
        <Group key={link.id} gap="sm">
          <Text size="sm" c="dimmed" w={120}>
            {link.relation.replace(/_/g, ' ')}
          </Text>
          <Anchor component={Link} to={`/desk/tickets/${link.ticket.id}`} size="sm">
            {link.ticket.reference} {link.ticket.subject}
          </Anchor>
          <StatusBadge status={link.ticket.status} size="xs" />
        </Group>
      ))}
      <Group align="flex-end" gap="sm">
        <NumberInput label={t('ticket.mergeTarget')} description={t('ticket.mergeHint')} value={target} onChange={setTarget} min={1} w={240} hideControls />
        <Button variant="default" disabled={!target} loading={merge.isPending} onClick={() => merge.mutate()}>
          {t('ticket.merge')}
        </Button>
      </Group>
    </Stack>
  );
}
