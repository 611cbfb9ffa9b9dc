import { List, Stack, Table, Text, TextInput } from '@mantine/core';
import type { Priority } from '../../../../../shared/priority-matrix';
import type { SlaMetric } from '../../../../../shared/schemas/sla';
import { t } from '../../../i18n/translate';
import { prioritiesByUrgency, slaMetrics, type PolicyDraft, type PolicyProblems } from './policy-draft';

interface TargetsEditorProps {
  targets: PolicyDraft['targets'];
  problems: PolicyProblems;
  onChange: (priority: Priority, metric: SlaMetric, text: string) => void;
}

/** Priorities down, first response / next response / resolution across; each cell a duration such as "4h". */
export function TargetsEditor({ targets, problems, onChange }: TargetsEditorProps) {
  const named = (priority: Priority, metric: SlaMetric) =>
    t('admin.slaPolicies.targetLabel', {
      priority: t(`priority.${priority}`),
      metric: t(`admin.slaPolicies.metric.${metric}`),
    });
  // Cells are narrow: a refused cell turns red and its reason is written out in full under the table.
  const refused = prioritiesByUrgency.flatMap((priority) =>
    slaMetrics.filter((metric) => problems[`${priority}.${metric}`]).map((metric) => ({ priority, metric })),
  );
  return (
    <Stack gap={4}>
      <Table.ScrollContainer minWidth={340} type="native">
        <Table verticalSpacing={6} horizontalSpacing={4} withRowBorders={false} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={64}>{t('admin.slaPolicies.priority')}</Table.Th>
              {slaMetrics.map((metric) => (
                <Table.Th key={metric} fz="xs">
                  {t(`admin.slaPolicies.metric.${metric}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {prioritiesByUrgency.map((priority) => (
              <Table.Tr key={priority} data-priority={priority}>
                <Table.Th scope="row" fw={500} fz="sm">
                  {t(`priority.${priority}`)}
                </Table.Th>
                {slaMetrics.map((metric) => (
                  <Table.Td key={metric} style={{ verticalAlign: 'top' }}>
                    <TextInput
                      size="sm"
                      placeholder="—"
                      aria-label={named(priority, metric)}
                      value={targets[priority][metric]}
                      onChange={(event) => onChange(priority, metric, event.currentTarget.value)}
                      error={Boolean(problems[`${priority}.${metric}`])}
                      aria-describedby={problems[`${priority}.${metric}`] ? problemId(priority, metric) : undefined}
                      autoComplete="off"
                      // Narrow cells on a phone: less padding leaves room for "1h 30m".
                      styles={{ input: { paddingInline: 8 } }}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {refused.length > 0 && (
        <List size="sm" c="red" role="alert" spacing={2}>
          {refused.map(({ priority, metric }) => (
            <List.Item key={`${priority}.${metric}`} id={problemId(priority, metric)}>
              <Text span inherit fw={600}>
                {named(priority, metric)}:
              </Text>{' '}
              {problems[`${priority}.${metric}`]}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

const problemId = (priority: Priority, metric: SlaMetric) => `sla-target-problem-${priority}-${metric}`;
