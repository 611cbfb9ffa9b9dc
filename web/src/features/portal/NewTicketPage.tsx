import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notify } from '../../ui/notify';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useNavigate } from '../../app/navigation';
import { errorMessage } from '../../api/api-error';
import { ticketKeys, ticketsApi, type Category } from '../../api/tickets';
import { t } from '../../i18n/translate';
import { textToHtml } from '../../ui/text-to-html';

export function NewTicketPage() {
  const navigate = useNavigate();
  const categories = useQuery({ queryKey: ticketKeys.categories, queryFn: ticketsApi.categories, retry: false });
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Each choice under its parent ("Hardware › Laptop"), in the tree's order, so similar names are told apart.
  const byId = new Map((categories.data ?? []).map((c) => [c.id, c]));
  const pathOf = (c: Category): Category[] => (c.parentId !== null && byId.has(c.parentId) ? [...pathOf(byId.get(c.parentId)!), c] : [c]);
  const options = (categories.data ?? [])
    .map((c) => ({ path: pathOf(c), value: String(c.id) }))
    .filter(({ path }) => path.every((step) => step.isActive !== false))
    .sort((a, b) => {
      for (let i = 0; i < Math.min(a.path.length, b.path.length); i++) {
        const order = a.path[i]!.position - b.path[i]!.position || a.path[i]!.name.localeCompare(b.path[i]!.name);
        if (order !== 0) return order;
      }
      return a.path.length - b.path.length;
    })
    .map(({ path, value }) => ({ value, label: path.map((step) => step.name).join(' › ') }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const ticket = await ticketsApi.create({
        subject: subject.trim(),
        body: textToHtml(body),
        ...(categoryId ? { categoryId: Number(categoryId) } : {}),
      });
      notify({ color: 'teal', message: t('portal.new.sent', { reference: ticket.reference }) });
      navigate(`/portal/tickets/${ticket.id}`);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack p={{ base: 'md', sm: 'xl' }} gap="lg">
      <div>
        <Anchor component={Link} to="/portal" size="sm">
          ← {t('portal.myTickets')}
        </Anchor>
        <Title order={1} size="h2" mt={4}>
          {t('portal.newTicket')}
        </Title>
      </div>
      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <form onSubmit={(event) => void submit(event)}>
          <Stack gap="md">
            {error && (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            )}
            {options.length > 0 && (
              <NativeSelect label={t('portal.new.category')} data={[{ value: '', label: t('portal.new.categoryNone') }, ...options]} value={categoryId ?? ''} onChange={(e) => setCategoryId(e.currentTarget.value || null)} />
            )}
            <TextInput label={t('portal.new.subject')} description={t('portal.new.subjectHint')} required maxLength={250} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} />
            <Textarea label={t('portal.new.body')} description={t('portal.new.bodyHint')} required autosize minRows={6} maxRows={16} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
            <Group justify="flex-end">
              <Text size="xs" c="dimmed" style={{ flex: 1 }}>
                {t('portal.new.sentHint')}
              </Text>
              <Button type="submit" loading={busy} disabled={!subject.trim() || !body.trim()}>
                {t('portal.new.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
