import { Alert, Button, Group, Image, Paper, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { defaultDeskBrand, deskNameMaxLength, isAllowedLogoUrl, logoUrlMaxLength, type AccentColor } from '../../../../shared/desk-brand';
import type { DeskSettings } from '../../../../shared/schemas/tickets';
import { ApiError, errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import { identityApi } from '../../api/identity';
import { deskSettingsKey } from '../../app/use-desk-brand';
import { t, type MessageKey } from '../../i18n/translate';
import { notify } from '../../ui/notify';
import { PageHeading } from '../../ui/PageHeading';
import { AccentColorPicker } from './AccentColorPicker';

type Field = 'deskName' | 'accentColor' | 'logoUrl' | 'defaultTeamId';
const fields: readonly Field[] = ['deskName', 'accentColor', 'logoUrl', 'defaultTeamId'];
const fieldErrors: Record<Field, MessageKey> = {
  deskName: 'admin.general.error.deskName',
  accentColor: 'admin.general.error.accentColor',
  logoUrl: 'admin.general.error.logoUrl',
  defaultTeamId: 'admin.general.error.defaultTeamId',
};

interface Draft {
  deskName: string;
  accentColor: AccentColor;
  logoUrl: string;
  /** A team id as text, or "none". */
  defaultTeam: string;
}

/** The fields a refused save names: schema issues ("body.deskName") or a rule's single field. */
function refusedFields(error: unknown): Field[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details as { field?: unknown; issues?: { field?: unknown }[] } | undefined;
  const named = [details?.field, ...(details?.issues ?? []).map((issue) => String(issue.field ?? '').replace(/^body\./, ''))];
  return fields.filter((field) => named.includes(field));
}

function draftOf(settings: DeskSettings): Draft {
  return { deskName: settings.deskName, accentColor: settings.accentColor, logoUrl: settings.logoUrl ?? '', defaultTeam: settings.defaultTeamId === null ? 'none' : String(settings.defaultTeamId) };
}

/** The desk's name, accent colour, logo and default team. */
export function GeneralSettingsPage() {
  const client = useQueryClient();
  const settings = useQuery({ queryKey: deskSettingsKey, queryFn: () => api.get<DeskSettings>('/api/v1/desk-settings') });
  const teams = useQuery({ queryKey: ['admin', 'teams'], queryFn: identityApi.teams });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [refused, setRefused] = useState<Field[]>([]);
  useEffect(() => {
    if (settings.data && draft === null) setDraft(draftOf(settings.data));
  }, [settings.data, draft]);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<DeskSettings>('/api/v1/desk-settings', body),
    onSuccess: (saved) => {
      client.setQueryData(deskSettingsKey, saved);
      setDraft(draftOf(saved));
      setRefused([]);
      notify({ color: 'teal', message: t('common.saved') });
    },
    onError: (error) => {
      const named = refusedFields(error);
      setRefused(named);
      notify({ color: 'red', message: named.length > 0 ? named.map((field) => t(fieldErrors[field])).join(' ') : errorMessage(error) });
    },
  });

  if (settings.isError) return <Alert m="lg" color="red">{errorMessage(settings.error)}</Alert>;
  const current = settings.data;
  const change = (patch: Partial<Draft>) => setDraft((before) => (before ? { ...before, ...patch } : before));
  const logo = draft?.logoUrl.trim() ?? '';
  const logoValid = logo === '' || isAllowedLogoUrl(logo);
  const nameValid = draft !== null && draft.deskName.trim().length > 0 && draft.deskName.trim().length <= deskNameMaxLength;
  const errorFor = (field: Field, locallyValid = true) => (!locallyValid || refused.includes(field) ? t(fieldErrors[field]) : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft || !current || !nameValid || !logoValid) return;
    const defaultTeamId = draft.defaultTeam === 'none' ? null : Number(draft.defaultTeam);
    // The default team is sent only when changed: saving the brand must not end its automatic choice.
    const teamChanged = current.automatic ? draft.defaultTeam !== draftOf(current).defaultTeam : defaultTeamId !== current.defaultTeamId;
    save.mutate({ deskName: draft.deskName.trim(), accentColor: draft.accentColor, logoUrl: logo === '' ? null : logo, ...(teamChanged ? { defaultTeamId } : {}) });
  };

  const teamOptions = [
    { value: 'none', label: t('admin.general.noDefaultTeam') },
    ...(teams.data ?? []).filter((team) => (team as { isActive?: boolean }).isActive !== false).map((team) => ({ value: String(team.id), label: team.name })),
  ];

  return (
    <Stack p={{ base: 'md', sm: 'lg' }} gap="md">
      <PageHeading title={t('admin.general')} description={t('admin.general.hint')} />
      {!draft || !current ? (
        <Skeleton height={360} maw={640} />
      ) : (
        <Paper withBorder p="md" maw={640} component="form" onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label={t('admin.general.deskName')}
              description={t('admin.general.deskNameHint', { max: deskNameMaxLength })}
              placeholder={defaultDeskBrand.deskName}
              value={draft.deskName}
              maxLength={deskNameMaxLength}
              required
              onChange={(event) => change({ deskName: event.currentTarget.value })}
              error={errorFor('deskName', nameValid)}
            />
            <AccentColorPicker value={draft.accentColor} onChange={(accentColor) => change({ accentColor })} error={errorFor('accentColor')} />
            <TextInput
              label={t('admin.general.logoUrl')}
              description={t('admin.general.logoUrlHint')}
              placeholder="https://"
              value={draft.logoUrl}
              maxLength={logoUrlMaxLength}
              onChange={(event) => change({ logoUrl: event.currentTarget.value })}
              error={errorFor('logoUrl', logoValid)}
            />
            {logo !== '' && logoValid && (
              <Group gap="sm">
                <Text size="sm" c="dimmed">
                  {t('admin.general.logoPreview')}
                </Text>
                <Image src={logo} alt={t('admin.general.logoPreviewAlt')} h={40} w="auto" fit="contain" />
              </Group>
            )}
            <Select
              label={t('admin.general.defaultTeam')}
              description={current.automatic ? t('admin.general.defaultTeamAutomatic') : t('admin.general.defaultTeamHint')}
              data={teamOptions}
              value={draft.defaultTeam}
              allowDeselect={false}
              onChange={(value) => value && change({ defaultTeam: value })}
              error={errorFor('defaultTeamId')}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
