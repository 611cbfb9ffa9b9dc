import { Alert, Paper, Select, Skeleton, Stack, Table } from '@mantine/core';
import { notify } from '../../ui/notify';
import { PageHeading } from '../../ui/PageHeading';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { defaultPriorityMatrix, impacts, priorities, urgencies, type Impact, type Priority, type PriorityMatrix, type Urgency } from '../../../../shared/priority-matrix';
import { errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import { ApiError } from '../../api/api-error';
import { t } from '../../i18n/translate';

const path = '/api/v1/priority-matrix';

export function PriorityMatrixPage() {
  const client = useQueryClient();
  const matrix = useQuery({
    queryKey: ['admin', 'priority-matrix'],
    queryFn: async () => {
      const body = await api.get<PriorityMatrix | { matrix: PriorityMatrix }>(path);
      return 'matrix' in body ? (body.matrix as PriorityMatrix) : body;
    },
    retry: false,
  });
  const save = useMutation({
    mutationFn: (next: PriorityMatrix) => api.put<unknown>(path, next),
    onSuccess: (_data, next) => {
      client.setQueryData(['admin', 'priority-matrix'], next);
      notify({ color: 'teal', message: t('common.saved') });
    },
    onError: (error) => notify({ color: 'red', message: errorMessage(error) }),
  });
  const missing = matrix.error instanceof ApiError && matrix.error.status === 404;
  const current = matrix.data ?? defaultPriorityMatrix;
  const change = (impact: Impact, urgency: Urgency, priority: Priority) => save.mutate({ ...current, [impact]: { ...current[impact], [urgency]: priority } });

  return (
    <Stack p={{ base: 'md', sm: 'lg' }} gap="md">
      <PageHeading title={t('admin.priorityMatrix')} description={t('admin.matrix.hint')} />
      {missing && <Alert variant="light">{t('admin.notAvailable')}</Alert>}
      {matrix.isPending ? (
        <Skeleton height={180} />
      ) : (
        <Paper withBorder p="md" maw={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                {urgencies.map((u) => (
                  <Table.Th key={u} scope="col">{t('admin.matrix.urgencyColumn', { level: t(`level.${u}`) })}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...impacts].reverse().map((impact) => (
                <Table.Tr key={impact}>
                  <Table.Th scope="row">{t('admin.matrix.impactRow', { level: t(`level.${impact}`) })}</Table.Th>
                  {urgencies.map((urgency) => (
                    <Table.Td key={urgency}>
                      <Select
                        size="xs"
                        aria-label={`${t('admin.matrix.impactRow', { level: t(`level.${impact}`) })}, ${t('admin.matrix.urgencyColumn', { level: t(`level.${urgency}`) })}`}
                        data={priorities.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
                        value={current[impact][urgency]}
                        allowDeselect={false}
                        disabled={missing}
                        onChange={(value) => value && change(impact, urgency, value as Priority)}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
