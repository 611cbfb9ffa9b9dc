import { Avatar, Menu, UnstyledButton } from '@mantine/core';
import { IconLayoutDashboard, IconLifebuoy, IconLogout, IconSettings } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { canUseArea, signOut } from '../api/session';
import { t } from '../i18n/translate';
import { useCurrentUser, useSetSession } from './use-session';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

/** The signed-in person: the areas they may switch to, and sign out. */
export function UserMenu() {
  const user = useCurrentUser();
  const setSession = useSetSession();
  const navigate = useNavigate();
  const go = (path: string) => void navigate(path);
  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`${initials(user.name)} · ${t('app.account')}: ${user.name}`} style={{ borderRadius: 999 }}>
          <Avatar color="harbour" radius="xl" size={34}>
            {initials(user.name)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {user.name}
          <br />
          {user.email}
        </Menu.Label>
        {canUseArea(user, 'desk') && (
          <Menu.Item leftSection={<IconLayoutDashboard size={16} />} onClick={() => go('/desk')}>
            {t('app.areas.desk')}
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconLifebuoy size={16} />} onClick={() => go('/portal')}>
          {t('app.areas.portal')}
        </Menu.Item>
        {canUseArea(user, 'admin') && (
          <Menu.Item leftSection={<IconSettings size={16} />} onClick={() => go('/admin')}>
            {t('app.areas.admin')}
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() => {
            void signOut().finally(() => {
              setSession(null);
              go('/login');
            });
          }}
        >
          {t('app.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
