import { Menu } from '@mantine/core';
import { IconLayoutDashboard, IconLifebuoy, IconLogout, IconSettings, IconUserCircle } from '@tabler/icons-react';
import { useNavigate } from './navigation';
import { canUseArea, signOut } from '../api/session';
import { t } from '../i18n/translate';
import { AccountButton } from './AccountButton';
import { useCurrentUser, useSetSession } from './use-session';

/**
 * The account menu proper: the areas the person may switch to, and sign out. Loaded when someone reaches
 * for the account button (see UserMenu), so pages that never open it skip the positioning library.
 */
export function AccountMenu({ initiallyOpen = false }: { initiallyOpen?: boolean }) {
  const user = useCurrentUser();
  const setSession = useSetSession();
  const navigate = useNavigate();
  const go = (path: string) => navigate(path);
  return (
    <Menu position="bottom-end" width={220} withinPortal defaultOpened={initiallyOpen}>
      <Menu.Target>
        <AccountButton name={user.name} />
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
        <Menu.Item leftSection={<IconUserCircle size={16} />} onClick={() => go('/portal/profile')}>
          {t('app.profile')}
        </Menu.Item>
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
