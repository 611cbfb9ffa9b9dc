import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconLifebuoy } from '@tabler/icons-react';
import { useState } from 'react';

/** A name with a logo beside it: the given image, or the built-in mark when there is none or it fails to load. */
export function BrandMark({ name, subtitle, logoUrl }: { name: string; subtitle?: string; logoUrl?: string | null }) {
  const [failed, setFailed] = useState<string | null>(null);
  const showLogo = Boolean(logoUrl) && failed !== logoUrl;
  return (
    <Group gap={8} wrap="nowrap">
      {showLogo && logoUrl ? (
        // The name beside it says what it is: the image itself is decoration.
        <img src={logoUrl} alt="" height={30} style={{ maxWidth: 120, objectFit: 'contain', display: 'block' }} onError={() => setFailed(logoUrl)} />
      ) : (
        <ThemeIcon size={30} radius="md" variant="filled" aria-hidden>
          <IconLifebuoy size={18} stroke={1.8} />
        </ThemeIcon>
      )}
      <Text fw={700} size="lg" lh={1}>
        {name}
        {subtitle && (
          <Text span c="dimmed" fw={500} size="sm" ml={6}>
            {subtitle}
          </Text>
        )}
      </Text>
    </Group>
  );
}
