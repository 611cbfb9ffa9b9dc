import { lazy, Suspense, useState } from 'react';
import { AccountButton } from './AccountButton';
import { useCurrentUser } from './use-session';

const loadAccountMenu = () => import('./AccountMenu');
const AccountMenu = lazy(async () => ({ default: (await loadAccountMenu()).AccountMenu }));

/**
 * The signed-in person's avatar. The menu behind it needs a positioning library that a requester's first
 * screen does not, so it is fetched when the pointer or focus reaches the avatar and opens on the click.
 */
export function UserMenu() {
  const user = useCurrentUser();
  const [wanted, setWanted] = useState(false);
  const preload = () => void loadAccountMenu();
  const placeholder = (
    <AccountButton name={user.name} onPointerEnter={preload} onFocus={preload} onClick={() => setWanted(true)} />
  );
  if (!wanted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <AccountMenu initiallyOpen />
    </Suspense>
  );
}
