import { Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A screen's title and the dimmed line under it that says what the screen is for. */
export function PageHeading({ title, description, descriptionWidth }: { title: ReactNode; description?: ReactNode; descriptionWidth?: number }) {
  return (
    <div>
      <Title order={1} size="h2">
        {title}
      </Title>
      {description && (
        <Text c="dimmed" size="sm" maw={descriptionWidth}>
          {description}
        </Text>
      )}
    </div>
  );
}
