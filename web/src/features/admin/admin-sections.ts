import {
  IconAdjustments, IconBuilding, IconCalendarTime, IconCategory, IconClockHour4, IconForms, IconGridDots, IconHistory, IconKey, IconMail,
  IconMailExclamation, IconShieldLock, IconTemplate, IconUsers, IconUsersGroup, type Icon,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { MessageKey } from '../../i18n/translate';
import { AuditPage } from './AuditPage';
import { CategoriesPage } from './CategoriesPage';
import { CustomFieldsPage } from './CustomFieldsPage';
import { GeneralSettingsPage } from './GeneralSettingsPage';
import { FailedMailPage } from './mail/FailedMailPage';
import { MailboxesPage } from './mail/MailboxesPage';
import { MailTemplatesPage } from './mail/MailTemplatesPage';
import { OrganizationsPage } from './OrganizationsPage';
import { PriorityMatrixPage } from './PriorityMatrixPage';
import { RolesPage } from './RolesPage';
import { BusinessHoursPage } from './sla/BusinessHoursPage';
import { SlaPoliciesPage } from './sla/SlaPoliciesPage';
import { TeamsPage } from './TeamsPage';
import { TokensPage } from './TokensPage';
import { UsersPage } from './users/UsersPage';

export const adminSections: { path: string; labelKey: MessageKey; Icon: Icon; Component: ComponentType }[] = [
  { path: 'general', labelKey: 'admin.general', Icon: IconAdjustments, Component: GeneralSettingsPage },
  { path: 'users', labelKey: 'admin.users', Icon: IconUsers, Component: UsersPage },
  { path: 'teams', labelKey: 'admin.teams', Icon: IconUsersGroup, Component: TeamsPage },
  { path: 'organizations', labelKey: 'admin.organizations', Icon: IconBuilding, Component: OrganizationsPage },
  { path: 'roles', labelKey: 'admin.roles', Icon: IconShieldLock, Component: RolesPage },
  { path: 'categories', labelKey: 'admin.categories', Icon: IconCategory, Component: CategoriesPage },
  { path: 'custom-fields', labelKey: 'admin.customFields', Icon: IconForms, Component: CustomFieldsPage },
  { path: 'priority-matrix', labelKey: 'admin.priorityMatrix', Icon: IconGridDots, Component: PriorityMatrixPage },
  { path: 'sla-policies', labelKey: 'admin.slaPolicies', Icon: IconClockHour4, Component: SlaPoliciesPage },
  { path: 'business-hours', labelKey: 'admin.businessHours', Icon: IconCalendarTime, Component: BusinessHoursPage },
  { path: 'mailboxes', labelKey: 'admin.mailboxes', Icon: IconMail, Component: MailboxesPage },
  { path: 'mail-templates', labelKey: 'admin.mailTemplates', Icon: IconTemplate, Component: MailTemplatesPage },
  { path: 'failed-mail', labelKey: 'admin.failedMail', Icon: IconMailExclamation, Component: FailedMailPage },
  { path: 'tokens', labelKey: 'admin.tokens', Icon: IconKey, Component: TokensPage },
  { path: 'audit', labelKey: 'admin.audit', Icon: IconHistory, Component: AuditPage },
];
