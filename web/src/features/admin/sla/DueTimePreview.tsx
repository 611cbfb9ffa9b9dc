import { Button, Paper, Stack, Table, Text } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useState } from 'react';
import { addBusinessTime, type BusinessCalendar } from '../../../../../shared/business-time';
import type { BusinessCalendarDto, SlaPolicyBody } from '../../../api/sla';
import { formatDateTime } from '../../../i18n/format';
import { t } from '../../../i18n/translate';
import { prioritiesByUrgency } from './policy-draft';

interface Preview {
  at: string;
  rows: { priority: (typeof prioritiesByUrgency)[number]; firstResponse: string | null; resolution: string | null }[];
}

/**
 * "A ticket arriving now would be due at …", worked out in the browser from the unsaved targets and the chosen
 * calendar with the same business-time arithmetic the server uses. (The server's preview only knows saved policies.)
 */
export function DueTimePreview({
  targets,
  calendar,
}: {
  targets: SlaPolicyBody['targets'];
  calendar: BusinessCalendarDto | undefined;
}) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [failed, setFailed] = useState(false);
  const run = () => {
    if (!calendar) return;
    const at = new Date().toISOString();
    const due = (minutes: number | null | undefined) =>
      minutes ? addBusinessTime(calendar as BusinessCalendar, at, minutes * 60_000).toISOString() : null;
    try {
      setPreview({
        at,
        rows: prioritiesByUrgency
          .filter((priority) => targets[priority])
          .map((priority) => ({
            priority,
            firstResponse: due(targets[priority]?.firstResponseMinutes),
            resolution: due(targets[priority]?.resolutionMinutes),
          })),
      });
      setFailed(false);
    } catch {
      setFailed(true);
    }
  };

  return (
    <Stack gap="xs">
      <Button
        variant="default"
        leftSection={<IconEye size={16} />}
        style={{ alignSelf: 'flex-start' }}
        onClick={run}
        disabled={!calendar}
      >
        {t('admin.slaPolicies.preview')}
      </Button>
      <div aria-live="polite">
        {failed && (
          <Text size="sm" c="red">
            {t('admin.slaPolicies.previewFailed')}
          </Text>
        )}
        {preview && !failed && (
          <Paper withBorder p="sm" radius="md">
            <Text size="sm" mb={4}>
              {t('admin.slaPolicies.previewIntro', {
                when: formatDateTime(preview.at),
                calendar: calendar?.name ?? '',
              })}
            </Text>
            {preview.rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('admin.slaPolicies.previewNoTargets')}
              </Text>
            ) : (
              <Table fz="sm" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('admin.slaPolicies.priority')}</Table.Th>
                    <Table.Th>{t('admin.slaPolicies.previewFirstResponse')}</Table.Th>
                    <Table.Th>{t('admin.slaPolicies.previewResolution')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows.map((row) => (
                    <Table.Tr key={row.priority}>
                      <Table.Th scope="row" fw={500}>
                        {t(`priority.${row.priority}`)}
                      </Table.Th>
                      <Table.Td>{row.firstResponse ? formatDateTime(row.firstResponse) : '—'}</Table.Td>
                      <Table.Td>{row.resolution ? formatDateTime(row.resolution) : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Text size="xs" c="dimmed" mt={4}>
              {t('admin.slaPolicies.previewScope')}
            </Text>
          </Paper>
        )}
      </div>
    </Stack>
  );
}
