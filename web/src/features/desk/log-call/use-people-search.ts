import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { identityApi } from '../../../api/identity';

/** Looks people up by name, email or phone as the agent types (the server matches all three). */
export function usePeopleSearch(text: string) {
  const [debounced] = useDebouncedValue(text.trim(), 200);
  return useQuery({
    queryKey: ['people-search', debounced],
    queryFn: () => identityApi.users({ q: debounced, limit: 10 }),
    enabled: debounced.length >= 2,
    retry: false,
    placeholderData: (previous) => previous,
  });
}
