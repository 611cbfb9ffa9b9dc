import { Anchor, Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconClockHour4, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { errorMessage } from '../../../api/api-error';
import { slaApi, slaKeys, type SlaPolicyDto } from '../../../api/sla';
import { t } from '../../../i18n/translate';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { EmptyState } from '../../../ui/EmptyState';
import { ErrorState } from '../../../ui/ErrorState';
import { PageHeading } from '../../../ui/PageHeading';
import { PolicyCard } from './PolicyCard';
import { PolicyDrawer } from './PolicyDrawer';
import { PolicyTester } from './PolicyTester';
import { useSlaLookups } from './use-sla-lookups';
import { toast } from './sla-toast';

/** SLA policies in evaluation order: the first active policy whose conditions fit a ticket sets its targets. */
export function SlaPoliciesPage() {
  const client = useQueryClient();
  const policies = useQuery({ queryKey: slaKeys.policies, queryFn: slaApi.policies });
  const lookups = useSlaLookups();
  const [editing, setEditing] = useState<SlaPolicyDto | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SlaPolicyDto | null>(null);
  const moveButtons = useRef(new Map<string, HTMLButtonElement>());
  const [focusAfterMove, setFocusAfterMove] = useState<{ id: number; direction: 'up' | 'down' } | null>(null);

  // One order change at a time, in the order they were asked for; the list shows the new order at once.
  const reorder = useMutation({
    scope: { id: 'sla-policy-order' },
    mutationFn: (ids: number[]) => slaApi.reorderPolicies(ids),
    onSuccess: (saved) => client.setQueryData(slaKeys.policies, saved),
    onError: (error) => {
      toast('red', t('admin.slaPolicies.reorderFailed', { reason: errorMessage(error) }));
      void client.invalidateQueries({ queryKey: slaKeys.policies });
    },
  });
  const move = (policy: SlaPolicyDto, direction: 'up' | 'down') => {
    const list = [...(client.getQueryData<SlaPolicyDto[]>(slaKeys.policies) ?? [])];
    const from = list.findIndex((other) => other.id === policy.id);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= list.length) return;
    [list[from], list[to]] = [list[to]!, list[from]!];
    client.setQueryData(slaKeys.policies, list);
    setFocusAfterMove({ id: policy.id, direction });
    reorder.mutate(list.map((other) => other.id));
  };
  useEffect(() => {
    if (!focusAfterMove) return;
    // Keyboard users keep their place: focus stays on the moved policy's button, or its twin at either end.
    const other = focusAfterMove.direction === 'up' ? 'down' : 'up';
    const same = moveButtons.current.get(`${focusAfterMove.id}:${focusAfterMove.direction}`);
    (same && !same.disabled ? same : moveButtons.current.get(`${focusAfterMove.id}:${other}`))?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove, policies.data]);

  const remove = async () => {
    if (!deleting) return;
    await slaApi.deletePolicy(deleting.id);
    toast('teal', t('admin.slaPolicies.deleted', { name: deleting.name }));
    await client.invalidateQueries({ queryKey: slaKeys.policies });
  };
  const list = policies.data ?? [];
  const noCalendars = lookups.calendars.isSuccess && lookups.calendars.data.length === 0;
  const calendarName = (id: number) => lookups.calendarById.get(id)?.name ?? t('admin.slaPolicies.unknown', { id });

  return (
    <Stack p={{ base: 'md', sm: 'lg' }} gap="md">
      <Group justify="space-between" align="flex-end">
        <PageHeading title={t('admin.slaPolicies')} description={t('admin.slaPolicies.hint')} descriptionWidth={640} />
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} disabled={noCalendars}>
          {t('admin.slaPolicies.new')}
        </Button>
      </Group>
      {policies.isError && (
        <ErrorState error={policies.error} onRetry={() => void policies.refetch()} retryLabel={t('common.retry')} />
      )}
      {policies.isPending && <Skeleton height={160} />}
      {policies.isSuccess && list.length === 0 && (
        <Paper withBorder>
          <EmptyState
            icon={<IconClockHour4 size={24} />}
            title={t('admin.slaPolicies.empty')}
            body={t('admin.slaPolicies.emptyBody')}
            action={
              noCalendars ? (
                <Text size="sm">
                  {t('admin.slaPolicies.noCalendars')}{' '}
                  <Anchor component={Link} to="/admin/business-hours">
                    {t('admin.slaPolicies.goToBusinessHours')}
                  </Anchor>
                </Text>
              ) : undefined
            }
          />
        </Paper>
      )}
      {list.length > 0 && (
        <>
          <Text size="sm" c="dimmed" role="status">
            {reorder.isPending ? t('admin.slaPolicies.savingOrder') : ''}
          </Text>
          <Stack
            component="ol"
            gap="sm"
            aria-label={t('admin.slaPolicies.orderLabel')}
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
          >
            {list.map((policy, index) => (
              <li key={policy.id}>
                <PolicyCard
                  policy={policy}
                  place={index + 1}
                  count={list.length}
                  names={lookups.names}
                  calendarName={calendarName(policy.calendarId)}
                  onMove={(direction) => move(policy, direction)}
                  onEdit={() => setEditing(policy)}
                  onDelete={() => setDeleting(policy)}
                  moveButtonRef={(direction, button) => {
                    if (button) moveButtons.current.set(`${policy.id}:${direction}`, button);
                    else moveButtons.current.delete(`${policy.id}:${direction}`);
                  }}
                />
              </li>
            ))}
          </Stack>
          <PolicyTester />
        </>
      )}
      <PolicyDrawer editing={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        question={
          deleting && {
            title: t('admin.slaPolicies.deleteTitle', { name: deleting.name }),
            body: t('admin.slaPolicies.deleteBody'),
          }
        }
        confirmLabel={t('common.delete')}
        onClose={() => setDeleting(null)}
        onConfirm={remove}
      />
    </Stack>
  );
}
