import { useMediaQuery } from '@mantine/hooks';

/** Mantine's default breakpoints, which the theme keeps. */
const breakpoints = { xs: '36em', sm: '48em' } as const;

/**
 * Whether the window is no wider than a breakpoint: `xs` for a phone, `sm` for a small tablet. Read at once rather
 * than after the first paint, so a narrow screen never flashes the wide layout first.
 */
export function useScreenAtMost(breakpoint: keyof typeof breakpoints): boolean {
  return useMediaQuery(`(max-width: ${breakpoints[breakpoint]})`, false, { getInitialValueInEffect: false });
}
