import { formatDateTime, formatRelative } from '../i18n/format';

/** "3 hours ago", with the exact time (in the person's zone) as the title and the machine-readable value. */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}
