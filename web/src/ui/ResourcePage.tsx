import { Group, Paper, Skeleton, Stack, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState';
import { PageHeading } from './PageHeading';
import { ErrorState } from './ErrorState';

interface Column<T> {
  key: string;
  label: string;
  render: (row: T) => ReactNode;
  width?: number;
}

interface ResourcePageProps<T> {
  title: string;
  description?: string;
  action?: ReactNode;
  query: { isPending: boolean; isError: boolean; error: unknown; data?: T[]; refetch: () => unknown };
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  emptyTitle: string;
  emptyBody?: string;
  children?: ReactNode;
  /** Under the table: "Show more" for a listing that comes in pages. */
  footer?: ReactNode;
}

/** A titled table of records with loading, failure and empty states, for settings-style screens. */
export function ResourcePage<T>({ title, description, action, query, columns, rowKey, emptyTitle, emptyBody, children, footer }: ResourcePageProps<T>) {
  return (
    <Stack p={{ base: 'md', sm: 'lg' }} gap="md">
      <Group justify="space-between" align="flex-end">
        <PageHeading title={title} description={description} descriptionWidth={640} />
        {action}
      </Group>
      {children}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      <Paper withBorder>
        <Table.ScrollContainer minWidth={560} type="native" tabIndex={0} aria-label={title}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column.key} w={column.width}>
                    {column.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.isPending &&
                [0, 1, 2].map((i) => (
                  <Table.Tr key={i}>
                    <Table.Td colSpan={columns.length}>
                      <Skeleton height={24} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              {query.data?.map((row) => (
                <Table.Tr key={rowKey(row)}>
                  {columns.map((column) => (
                    <Table.Td key={column.key}>{column.render(row)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {query.data?.length === 0 && <EmptyState title={emptyTitle} body={emptyBody} />}
      </Paper>
      {footer}
    </Stack>
  );
}
