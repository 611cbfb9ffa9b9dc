import { ThemeIcon, UnstyledButton } from '@mantine/core';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { t } from '../i18n/translate';

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

type AccountButtonProps = { name: string } & Omit<ComponentPropsWithoutRef<'button'>, 'name' | 'color' | 'style'>;

/** The avatar that opens the account menu; forwards its ref and props so the menu can anchor to it. */
export const AccountButton = forwardRef<HTMLButtonElement, AccountButtonProps>(function AccountButton(
  { name, ...props },
  ref,
) {
  return (
    <UnstyledButton
      ref={ref}
      aria-label={`${initials(name)} · ${t('app.account')}: ${name}`}
      aria-haspopup="menu"
      style={{ borderRadius: 999 }}
      {...props}
    >
      {/* ThemeIcon draws the initials as Avatar would, with code the first screen already has. */}
      <ThemeIcon component="span" variant="light" radius="xl" size={34} fz="sm" fw={600}>
        {initials(name)}
      </ThemeIcon>
    </UnstyledButton>
  );
});
