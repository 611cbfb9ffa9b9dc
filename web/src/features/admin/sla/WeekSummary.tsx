import { Text } from '@mantine/core';
import { Fragment } from 'react';
import type { BusinessCalendarDto } from '../../../api/sla';
import { weekParts } from './calendar-draft';

/** "Mon–Fri 09:00–17:00 · Sat 10:00–14:00": each group of days stays on one line; lines break between groups. */
export function WeekSummary({ hours }: { hours: BusinessCalendarDto['hours'] }) {
  return (
    <Text size="sm" component="span">
      {weekParts(hours).map((part, index) => (
        <Fragment key={part}>
          {index > 0 && ' · '}
          <span style={{ whiteSpace: 'nowrap' }}>{part}</span>
        </Fragment>
      ))}
    </Text>
  );
}
