import { ColorSwatch, Group, Radio, Text } from '@mantine/core';
import { accentColors, type AccentColor } from '../../../../shared/desk-brand';
import { t } from '../../i18n/translate';

/** The accent colours as radio buttons, each with its swatch and its name (never colour alone). */
export function AccentColorPicker({ value, onChange, error }: { value: AccentColor; onChange: (value: AccentColor) => void; error?: string | undefined }) {
  return (
    <Radio.Group
      label={t('admin.general.accentColor')}
      description={t('admin.general.accentColorHint')}
      value={value}
      onChange={(next) => onChange(next as AccentColor)}
      error={error}
    >
      <Group gap="sm" mt="xs">
        {accentColors.map((color) => (
          <Radio.Card key={color} value={color} radius="md" p="xs" w="auto" style={{ borderWidth: value === color ? 2 : 1 }}>
            <Group gap={8} wrap="nowrap">
              <Radio.Indicator />
              <ColorSwatch color={`var(--mantine-color-${color}-${color === 'harbour' ? 7 : 8})`} size={20} aria-hidden />
              <Text size="sm">{t(`admin.general.color.${color}`)}</Text>
            </Group>
          </Radio.Card>
        ))}
      </Group>
    </Radio.Group>
  );
}
