import { Badge, Button, Divider, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { IconPhoneCall } from '@tabler/icons-react';
import { Link, useLocation } from 'wouter';
import { t } from '../../i18n/translate';
import { defaultViewKey } from './desk-views';
import { countCap, useDeskViews, useViewCounts } from './use-desk-views';

export function ViewsSidebar({ onNavigate, onLogCall }: { onNavigate: () => void; onLogCall: () => void }) {
  const { views, savedCounts } = useDeskViews();
  const counts = useViewCounts(views, savedCounts);
  const [pathname] = useLocation();
  const current = pathname.startsWith('/desk/views/') ? pathname.slice('/desk/views/'.length) : pathname === '/desk' || pathname === '/desk/' ? defaultViewKey : null;

  return (
    <Stack gap="sm" h="100%">
      <Button leftSection={<IconPhoneCall size={16} />} onClick={() => { onNavigate(); onLogCall(); }} fullWidth>
        {t('desk.newTicket')}
      </Button>
      <Divider />
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="xs">
        {t('desk.views')}
      </Text>
      <ScrollArea style={{ flex: 1 }} type="auto">
        {views.map((view) => {
          const count = counts.get(view.key);
          return (
            <NavLink
              key={view.key}
              component={Link}
              to={`/desk/views/${view.key}`}
              onClick={onNavigate}
              active={current === view.key}
              label={view.labelKey ? t(view.labelKey) : view.label}
              aria-current={current === view.key ? 'page' : undefined}
              rightSection={
                count === null || count === undefined ? null : (
                  <Badge size="sm" variant={current === view.key ? 'filled' : 'default'} circle={count < 10} aria-label={`${count}`}>
                    {count >= countCap ? `${countCap - 1}+` : count}
                  </Badge>
                )
              }
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
          );
        })}
      </ScrollArea>
    </Stack>
  );
}
