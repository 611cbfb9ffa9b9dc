import { createTheme, type MantineColorsTuple, type MantineThemeOverride } from '@mantine/core';
import type { AccentColor } from '../../../shared/desk-brand';
import { t } from '../i18n/translate';

// A calm blue-slate accent: readable in both schemes, never alarming (red and orange are kept for priority).
const harbour: MantineColorsTuple = ['#eef3ff', '#dce4f5', '#b6c6e8', '#8da6dc', '#6b8bd1', '#5579cb', '#4970c9', '#3a5fb2', '#3155a0', '#22498e'];

export const theme = createTheme({
  primaryColor: 'harbour',
  colors: { harbour },
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'md',
  fontFamily: 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Badge: { defaultProps: { radius: 'sm', variant: 'light' } },
    Paper: { defaultProps: { radius: 'md' } },
    // Mantine's close and clear buttons are icons without a name: screen readers announced them as "button".
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } },
    Select: { defaultProps: { clearButtonProps: { 'aria-label': t('common.clear') } } },
    MultiSelect: { defaultProps: { clearButtonProps: { 'aria-label': t('common.clear') } } },
  },
});

/**
 * The theme with the admin's accent colour as Mantine's primary colour. Mantine's own palettes are lighter than
 * harbour at the same shade, so they use one shade darker in the light scheme to keep white text readable.
 */
export function themeWithAccent(accent: AccentColor): MantineThemeOverride {
  if (accent === 'harbour') return theme;
  return { ...theme, primaryColor: accent, primaryShade: { light: 8, dark: 6 } };
}
