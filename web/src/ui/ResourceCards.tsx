import { Group, Paper, Skeleton, Stack } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { EmptyState } from './EmptyState';
import { ErrorState } from './ErrorState';
import { PageHeading } from './PageHeading';

interface ResourceCardsProps<T> {
  title: string;
  description?: string;
  action?: ReactNode;
  query: { isPending: boolean; isError: boolean; error: unknown; data?: T[]; refetch: () => unknown };
  rowKey: (row: T) => string | number;
  /** One card per record, itself a list item. */
  card: (row: T) => ReactNode;
  emptyTitle: string;
  emptyBody?: string;
  children?: ReactNode;
}

/** ResourcePage on a phone: the same heading, states and records, as a list of cards rather than a wide table. */
export function ResourceCards<T>({
  title,
  description,
  action,
  query,
  rowKey,
  card,
  emptyTitle,
  emptyBody,
  children,
}: ResourceCardsProps<T>) {
  return (
    <Stack p="md" gap="md">
      <PageHeading title={title} description={description} />
      <Group>{action}</Group>
      {children}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && <Skeleton height={160} />}
      {query.data?.length === 0 && (
        <Paper withBorder>
          <EmptyState title={emptyTitle} body={emptyBody} />
        </Paper>
      )}
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={title}>
        {query.data?.map((row) => (
          <Fragment key={rowKey(row)}>{card(row)}</Fragment>
        ))}
      </Stack>
    </Stack>
  );
}
