import { Badge } from '@mantine/core';
import type { Priority } from '../../../../shared/priority-matrix';
import { t } from '../../i18n/translate';

// Shades chosen for WCAG AA: white on red.9, black on orange.6.
const colors: Record<Priority, string> = { urgent: 'red.9', high: 'orange.6', normal: 'blue', low: 'gray' };

/** Urgent and high are filled so they stand out in a long list; normal and low stay quiet. */
export function PriorityBadge({ priority, size = 'sm' }: { priority: Priority; size?: 'xs' | 'sm' | 'md' }) {
  const loud = priority === 'urgent' || priority === 'high';
  return (
    <Badge color={colors[priority]} size={size} variant={loud ? 'filled' : 'light'} styles={{ label: { textTransform: 'none', fontWeight: 600, color: priority === 'high' ? 'var(--mantine-color-black)' : undefined } }}>
      {t(`priority.${priority}`)}
    </Badge>
  );
}
