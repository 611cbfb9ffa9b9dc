import { Button, Group, SegmentedControl, Text } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { mailApi, mailQueryKeys, type MailFailure } from '../../../api/mail';
import { t } from '../../../i18n/translate';
import { RelativeTime } from '../../../ui/RelativeTime';
import { ResourceCards } from '../../../ui/ResourceCards';
import { ResourcePage } from '../../../ui/ResourcePage';
import { useScreenAtMost } from '../../../ui/use-screen-at-most';
import { formatBytes } from '../../tickets/attachments/format-bytes';
import { FailedMailActions } from './FailedMailActions';
import { FailedMailCard } from './FailedMailCard';
import { FailedMailOutcome, type FailedMailResult } from './FailedMailOutcome';
import { FailedMailReason } from './FailedMailReason';
import { FailedMailReprocessModal } from './FailedMailReprocessModal';
import { FailedMailSender } from './FailedMailSender';
import { FailedMailState } from './FailedMailState';

type Shown = 'open' | 'all';

/** Mail that could not become a ticket, kept whole: read why, download it, or run it through intake again. */
export function FailedMailPage() {
  const [shown, setShown] = useState<Shown>('open');
  const failures = useInfiniteQuery({
    queryKey: [...mailQueryKeys.failures, shown],
    queryFn: ({ pageParam }) => mailApi.failures({ includeResolved: shown === 'all', before: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const mailboxes = useQuery({ queryKey: mailQueryKeys.mailboxes, queryFn: mailApi.mailboxes, select: (list) => list.items });
  const mailboxAddress = (failure: MailFailure) =>
    failure.mailboxId === null
      ? null
      : (mailboxes.data?.find((mailbox) => mailbox.id === failure.mailboxId)?.address ?? null);
  const [reprocessing, setReprocessing] = useState<MailFailure | null>(null);
  const [result, setResult] = useState<FailedMailResult | null>(null);
  const phone = useScreenAtMost('sm');
  // The server lists each mail once, with how many attempts it took and the last one's reason.
  const rows = failures.data?.pages.flatMap((page) => page.items) ?? [];

  const title = t('admin.failedMail');
  const description = t('admin.failedMail.hint');
  const emptyTitle = shown === 'open' ? t('admin.failedMail.empty') : t('admin.failedMail.emptyAll');
  const filter = (
    <SegmentedControl
      aria-label={t('admin.failedMail.show')}
      value={shown}
      onChange={(value) => setShown(value as Shown)}
      data={[
        { value: 'open', label: t('admin.failedMail.show.open') },
        { value: 'all', label: t('admin.failedMail.show.all') },
      ]}
    />
  );
  const outcome = result && <FailedMailOutcome result={result} onClose={() => setResult(null)} />;
  const actions = (failure: MailFailure) => (
    <FailedMailActions failure={failure} onReprocess={() => setReprocessing(failure)} />
  );

  const page = {
    title,
    description,
    action: filter,
    query: { ...failures, data: failures.data ? rows : undefined },
    rowKey: (failure: MailFailure) => failure.id,
    emptyTitle,
    emptyBody: t('admin.failedMail.emptyBody'),
    children: outcome,
  };

  return (
    <>
      {phone ? (
        <ResourceCards<MailFailure>
          {...page}
          card={(failure) => (
            <FailedMailCard
              failure={failure}
              mailboxAddress={mailboxAddress(failure)}
              actions={actions(failure)}
            />
          )}
        />
      ) : (
        <ResourcePage<MailFailure>
          {...page}
          columns={[
            {
              key: 'when',
              label: t('admin.failedMail.when'),
              render: (failure) => <RelativeTime iso={failure.createdAt} />,
            },
            {
              key: 'reason',
              label: t('admin.failedMail.reason'),
              render: (failure) => <FailedMailReason failure={failure} />,
            },
            {
              key: 'from',
              label: t('admin.failedMail.from'),
              render: (failure) => <FailedMailSender failure={failure} mailboxAddress={mailboxAddress(failure)} />,
            },
            {
              key: 'size',
              label: t('admin.failedMail.size'),
              render: (failure) => (
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatBytes(failure.sizeBytes)}
                </Text>
              ),
            },
            {
              key: 'state',
              label: t('admin.failedMail.state'),
              render: (failure) => <FailedMailState failure={failure} />,
            },
            { key: 'actions', label: t('common.actions'), render: actions },
          ]}
        />
      )}
      {failures.hasNextPage && (
        <Group justify="center" pb="lg">
          <Button variant="default" loading={failures.isFetchingNextPage} onClick={() => void failures.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
      <FailedMailReprocessModal
        failure={reprocessing}
        mailboxes={mailboxes.data ?? []}
        onDone={setResult}
        onClose={() => setReprocessing(null)}
      />
    </>
  );
}
