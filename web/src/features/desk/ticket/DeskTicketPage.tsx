import { Anchor, Badge, Grid, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { backToList } from '../last-list';
import { useRef } from 'react';
import { Link, useParams } from 'wouter';
import { t } from '../../../i18n/translate';
import { ErrorState } from '../../../ui/ErrorState';
import { RelativeTime } from '../../../ui/RelativeTime';
import { PriorityBadge } from '../../tickets/PriorityBadge';
import { SlaBadge } from '../SlaBadge';
import { StatusBadge } from '../../tickets/StatusBadge';
import { useTicket } from '../../tickets/use-ticket';
import { Composer, type ComposerHandle } from './Composer';
import { Conversation } from './Conversation';
import { HistoryTab } from './HistoryTab';
import { LinksTab } from './LinksTab';
import { PropertiesPanel } from './PropertiesPanel';
import { PresenceBar } from './PresenceBar';
import { SlaPanel } from './SlaPanel';
import { usePresence } from './use-presence';
import { TimeTab } from './TimeTab';

export function DeskTicketPage() {
  const id = Number(useParams().id);
  const ticket = useTicket(id);
  const composer = useRef<ComposerHandle>(null);
  const presence = usePresence(id);
  useHotkeys([
    ['r', () => composer.current?.focus('reply')],
    ['n', () => composer.current?.focus('note')],
  ]);

  if (ticket.isError) return <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />;
  const data = ticket.data;

  return (
    <Grid gap={0}>
      <Grid.Col span={{ base: 12, md: 8, xl: 9 }}>
        <Stack gap="md" p={{ base: 'md', sm: 'lg' }}>
          <div>
            <Anchor component={Link} to={backToList()} size="sm">
              ← {t('ticket.back')}
            </Anchor>
            {data ? (
              <>
                <Group gap="xs" mt={6}>
                  <Text c="dimmed" ff="monospace" size="sm">
                    {data.reference}
                  </Text>
                  <StatusBadge status={data.status} />
                  <PriorityBadge priority={data.priority} />
                  {data.sla && <SlaBadge sla={data.sla} />}
                  <Badge variant="outline" color="gray" size="sm" styles={{ label: { textTransform: 'none' } }}>
                    {t(`channel.${data.channel}`)}
                  </Badge>
                </Group>
                <Title order={1} size="h2" mt={6} style={{ overflowWrap: 'anywhere' }}>
                  {data.subject}
                </Title>
                <Text size="sm" c="dimmed" mt={4}>
                  {data.requester.name}
                  {data.requester.email ? ` <${data.requester.email}>` : ''} · {t('ticket.created')} <RelativeTime iso={data.createdAt} />
                </Text>
                <PresenceBar others={presence.others} />
              </>
            ) : (
              <Skeleton height={72} mt={6} />
            )}
          </div>
          <Tabs defaultValue="conversation" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="conversation">{t('ticket.conversation')}</Tabs.Tab>
              <Tabs.Tab value="history">{t('ticket.history')}</Tabs.Tab>
              <Tabs.Tab value="links">{t('ticket.links')}</Tabs.Tab>
              <Tabs.Tab value="time">{t('ticket.time')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="conversation" pt="md">
              <Stack gap="md">
                <Conversation ticketId={id} />
                {data && <Composer ref={composer} ticket={data} onTyping={presence.typing} onStoppedTyping={presence.stoppedTyping} />}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="history" pt="md">
              <HistoryTab ticketId={id} />
            </Tabs.Panel>
            <Tabs.Panel value="links" pt="md">
              <LinksTab ticketId={id} />
            </Tabs.Panel>
            <Tabs.Panel value="time" pt="md">
              <TimeTab ticketId={id} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4, xl: 3 }} style={{ borderLeft: '1px solid var(--mantine-color-default-border)' }}>
        <SlaPanel ticketId={id} />
        {data ? <PropertiesPanel ticket={data} /> : <Skeleton height={400} m="md" />}
      </Grid.Col>
    </Grid>
  );
}
