import { useMediaQuery } from '@mantine/hooks';

/**
 * Whether the screen is phone-narrow (under Mantine's xs breakpoint, 36em). Read at once rather than after the
 * first paint, so a phone never flashes the desktop layout first.
 */
export function usePhone(): boolean {
  return useMediaQuery('(max-width: 36em)', undefined, { getInitialValueInEffect: false });
}
