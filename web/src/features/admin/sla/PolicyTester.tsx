import { Alert, Button, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Priority } from '../../../../../shared/priority-matrix';
import type { TicketChannel, TicketType } from '../../../../../shared/schemas/tickets';
import { errorMessage } from '../../../api/api-error';
import { slaApi, type SlaPreviewBody } from '../../../api/sla';
import { formatDateTime } from '../../../i18n/format';
import { t } from '../../../i18n/translate';
import { prioritiesByUrgency, ticketChannels, ticketTypes } from './policy-draft';
import { formatMinutes } from './sla-words';
import { useSlaLookups } from './use-sla-lookups';

interface Sample {
  priority: Priority;
  type: TicketType;
  channel: TicketChannel;
  teamId: string | null;
  categoryId: string | null;
  organizationId: string | null;
}

/** Asks the server which saved policy a ticket arriving now would get (first match wins) and when it would be due. */
export function PolicyTester() {
  const { options } = useSlaLookups();
  const [sample, setSample] = useState<Sample>({
    priority: 'high',
    type: 'incident',
    channel: 'portal',
    teamId: null,
    categoryId: null,
    organizationId: null,
  });
  const check = useMutation({ mutationFn: (body: SlaPreviewBody) => slaApi.preview(body) });
  const set = (patch: Partial<Sample>) => setSample((before) => ({ ...before, ...patch }));
  const id = (value: string | null) => (value ? Number(value) : null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    check.mutate({
      priority: sample.priority,
      type: sample.type,
      channel: sample.channel,
      teamId: id(sample.teamId),
      categoryId: id(sample.categoryId),
      organizationId: id(sample.organizationId),
    });
  };
  const result = check.data;
  const none = t('admin.slaPolicies.tester.none');

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="sla-policy-tester">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <div>
            <Title order={2} size="h4" id="sla-policy-tester">
              {t('admin.slaPolicies.tester.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('admin.slaPolicies.tester.hint')}
            </Text>
          </div>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
            <Select
              label={t('admin.slaPolicies.tester.priority')}
              data={prioritiesByUrgency.map((value) => ({ value, label: t(`priority.${value}`) }))}
              value={sample.priority}
              allowDeselect={false}
              onChange={(value) => value && set({ priority: value as Priority })}
            />
            <Select
              label={t('admin.slaPolicies.tester.type')}
              data={ticketTypes.map((value) => ({ value, label: t(`type.${value}`) }))}
              value={sample.type}
              allowDeselect={false}
              onChange={(value) => value && set({ type: value as TicketType })}
            />
            <Select
              label={t('admin.slaPolicies.tester.channel')}
              data={ticketChannels.map((value) => ({ value, label: t(`channel.${value}`) }))}
              value={sample.channel}
              allowDeselect={false}
              onChange={(value) => value && set({ channel: value as TicketChannel })}
            />
            <Select
              label={t('admin.slaPolicies.tester.team')}
              placeholder={none}
              clearable
              searchable
              data={options.teams}
              value={sample.teamId}
              onChange={(teamId) => set({ teamId })}
            />
            <Select
              label={t('admin.slaPolicies.tester.category')}
              placeholder={none}
              clearable
              searchable
              data={options.categories}
              value={sample.categoryId}
              onChange={(categoryId) => set({ categoryId })}
            />
            <Select
              label={t('admin.slaPolicies.tester.organization')}
              placeholder={none}
              clearable
              searchable
              data={options.organizations}
              value={sample.organizationId}
              onChange={(organizationId) => set({ organizationId })}
            />
          </SimpleGrid>
          <Button type="submit" variant="default" loading={check.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('admin.slaPolicies.tester.check')}
          </Button>
          <div aria-live="polite">
            {check.isError && (
              <Alert color="red" variant="light">
                {errorMessage(check.error)}
              </Alert>
            )}
            {result && !check.isError && (
              <Alert color={result.policy ? 'blue' : 'gray'} variant="light" data-tester-result>
                {result.policy ? (
                  <Stack gap={2}>
                    <Text size="sm" fw={600}>
                      {t('admin.slaPolicies.tester.matched', { name: result.policy.name })}
                    </Text>
                    <Text size="sm">
                      {t('admin.slaPolicies.tester.firstResponse', {
                        when: result.firstResponseDueAt
                          ? formatDateTime(result.firstResponseDueAt)
                          : t('admin.slaPolicies.tester.noTarget'),
                      })}
                    </Text>
                    <Text size="sm">
                      {t('admin.slaPolicies.tester.resolution', {
                        when: result.resolutionDueAt
                          ? formatDateTime(result.resolutionDueAt)
                          : t('admin.slaPolicies.tester.noTarget'),
                      })}
                    </Text>
                    {result.nextResponseMinutes !== null && (
                      <Text size="sm">
                        {t('admin.slaPolicies.tester.nextResponse', {
                          time: formatMinutes(result.nextResponseMinutes),
                        })}
                      </Text>
                    )}
                  </Stack>
                ) : (
                  <Text size="sm">{t('admin.slaPolicies.tester.noPolicy')}</Text>
                )}
              </Alert>
            )}
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
