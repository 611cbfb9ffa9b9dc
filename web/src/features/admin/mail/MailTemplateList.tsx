import { Group, NavLink, Paper, Stack, Text, Title } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useId } from 'react';
import { Link } from 'wouter';
import type { MailTemplate, MailTemplateKey } from '../../../../../shared/schemas/mail';
import { t } from '../../../i18n/translate';
import { MailTemplateBadges } from './MailTemplateBadges';
import { MailTemplateChangedAt } from './MailTemplateChangedAt';
import { templateGroups, templateName, templatesIn, templateWhen } from './mail-template-rendering';

interface MailTemplateListProps {
  templates: MailTemplate[];
  hasDraft: (key: MailTemplateKey) => boolean;
}

function TemplateGroup({ label, templates, hasDraft }: { label: string } & MailTemplateListProps) {
  const headingId = useId();
  if (templates.length === 0) return null;
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="xs">
        {label}
      </Title>
      <Paper withBorder>
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {templates.map((template, index) => (
            <li
              key={template.key}
              style={{ borderTop: index > 0 ? '1px solid var(--mantine-color-default-border)' : undefined }}
            >
              <NavLink
                component={Link}
                href={`/admin/mail-templates?template=${template.key}`}
                px="md"
                py="sm"
                label={
                  <Group gap="xs" component="span">
                    <Text component="span" fw={600}>
                      {templateName(template.key)}
                    </Text>
                    <MailTemplateBadges isCustomised={template.isCustomised} hasDraft={hasDraft(template.key)} />
                  </Group>
                }
                description={
                  <Stack gap={2} component="span" mt={2}>
                    <Text component="span" size="sm">
                      {templateWhen(template.key)}
                    </Text>
                    <Text component="span" size="xs" c="dimmed">
                      <MailTemplateChangedAt updatedAt={template.updatedAt} />
                    </Text>
                  </Stack>
                }
                rightSection={<IconChevronRight size={18} aria-hidden />}
                styles={{ root: { borderRadius: 0 } }}
              />
            </li>
          ))}
        </ul>
      </Paper>
    </section>
  );
}

/** Every notification, grouped, with when it is sent and to whom, and whether an admin changed it. */
export function MailTemplateList({ templates, hasDraft }: MailTemplateListProps) {
  return (
    <Stack gap="lg">
      {templateGroups.map((group) => (
        <TemplateGroup
          key={group.id}
          label={t(group.labelKey)}
          templates={templatesIn(group.id, templates)}
          hasDraft={hasDraft}
        />
      ))}
    </Stack>
  );
}
