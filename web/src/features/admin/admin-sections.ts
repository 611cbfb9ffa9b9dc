import {
  IconAdjustments, IconBuilding, IconCalendarTime, IconCategory, IconClockHour4, IconForms, IconGridDots, IconHistory, IconKey, IconMail,
  IconMailExclamation, IconShieldLock, IconTemplate, IconUsers, IconUsersGroup, type Icon,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { AdminPermission, SessionUser } from '../../api/session';
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

/**
 * Each screen of the console, with the permission its changes need: a role without it does not see the screen.
 * (One of session.ts's admin permissions, which let a person into the console at all.)
 */
export const adminSections: { path: string; permission: AdminPermission; labelKey: MessageKey; Icon: Icon; Component: ComponentType }[] = [
  { path: 'general', permission: 'settings.manage', labelKey: 'admin.general', Icon: IconAdjustments, Component: GeneralSettingsPage },
  { path: 'users', permission: 'users.manage', labelKey: 'admin.users', Icon: IconUsers, Component: UsersPage },
  { path: 'teams', permission: 'teams.manage', labelKey: 'admin.teams', Icon: IconUsersGroup, Component: TeamsPage },
  { path: 'organizations', permission: 'organizations.manage', labelKey: 'admin.organizations', Icon: IconBuilding, Component: OrganizationsPage },
  { path: 'roles', permission: 'roles.manage', labelKey: 'admin.roles', Icon: IconShieldLock, Component: RolesPage },
  { path: 'categories', permission: 'settings.manage', labelKey: 'admin.categories', Icon: IconCategory, Component: CategoriesPage },
  { path: 'custom-fields', permission: 'settings.manage', labelKey: 'admin.customFields', Icon: IconForms, Component: CustomFieldsPage },
  { path: 'priority-matrix', permission: 'settings.manage', labelKey: 'admin.priorityMatrix', Icon: IconGridDots, Component: PriorityMatrixPage },
  { path: 'sla-policies', permission: 'settings.manage', labelKey: 'admin.slaPolicies', Icon: IconClockHour4, Component: SlaPoliciesPage },
  { path: 'business-hours', permission: 'settings.manage', labelKey: 'admin.businessHours', Icon: IconCalendarTime, Component: BusinessHoursPage },
  { path: 'mailboxes', permission: 'settings.manage', labelKey: 'admin.mailboxes', Icon: IconMail, Component: MailboxesPage },
  { path: 'mail-templates', permission: 'settings.manage', labelKey: 'admin.mailTemplates', Icon: IconTemplate, Component: MailTemplatesPage },
  { path: 'failed-mail', permission: 'settings.manage', labelKey: 'admin.failedMail', Icon: IconMailExclamation, Component: FailedMailPage },
  { path: 'tokens', permission: 'tokens.manage', labelKey: 'admin.tokens', Icon: IconKey, Component: TokensPage },
  { path: 'audit', permission: 'audit.read', labelKey: 'admin.audit', Icon: IconHistory, Component: AuditPage },
];

/** The screens this person may use. */
export function adminSectionsFor(user: SessionUser) {
  return adminSections.filter((section) => user.permissions.has(section.permission));
}
