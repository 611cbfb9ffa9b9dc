import type { CustomField, TicketStatus } from '../../../shared/schemas/tickets.js';
import { isAtOrBeyond } from '../../../shared/ticket-status.js';
import { ValidationError } from '../../platform/http/errors.js';

/** Pure checks of a ticket's custom field values against the admin's definitions. */
export type CustomFieldValues = Record<string, string | number | boolean | string[] | null>;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function wrongType(field: CustomField, expected: string): never {
  throw new ValidationError('invalid_field', `Custom field "${field.label}" takes ${expected}.`, { field: `customFields.${field.key}`, expected });
}

/** Throws 400 invalid_field for an unknown key or a value of the wrong type; null clears a value. */
export function validateCustomFieldValues(definitions: readonly CustomField[], values: CustomFieldValues): void {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  for (const [key, value] of Object.entries(values)) {
    const field = byKey.get(key);
    if (!field || !field.isActive) {
      throw new ValidationError('invalid_field', `There is no custom field "${key}".`, { field: `customFields.${key}` });
    }
    if (value === null) continue;
    switch (field.fieldType) {
      case 'text':
        if (typeof value !== 'string') wrongType(field, 'text');
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) wrongType(field, 'a number');
        break;
      case 'date':
        if (typeof value !== 'string' || !isoDate.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) wrongType(field, 'a date (YYYY-MM-DD)');
        break;
      case 'checkbox':
        if (typeof value !== 'boolean') wrongType(field, 'true or false');
        break;
      case 'dropdown':
        if (typeof value !== 'string' || !field.options.includes(value)) wrongType(field, `one of: ${field.options.join(', ')}`);
        break;
      case 'multi_select':
        if (!Array.isArray(value) || value.some((v) => !field.options.includes(v))) wrongType(field, `a list of: ${field.options.join(', ')}`);
        break;
    }
  }
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The first field required at `status` that has no value, or undefined. A checkbox counts as
 * filled when it is set either way.
 */
export function missingRequiredField(definitions: readonly CustomField[], values: CustomFieldValues, status: TicketStatus): CustomField | undefined {
  return definitions.find(
    (field) => field.isActive && field.requiredFromStatus !== null && isAtOrBeyond(status, field.requiredFromStatus) && isEmpty(values[field.key]),
  );
}

export function assertRequiredFields(definitions: readonly CustomField[], values: CustomFieldValues, status: TicketStatus): void {
  const missing = missingRequiredField(definitions, values, status);
  if (missing) {
    throw new ValidationError('required_field_missing', `"${missing.label}" is required from status ${missing.requiredFromStatus} on.`, {
      field: `customFields.${missing.key}`,
      key: missing.key,
      label: missing.label,
      requiredFromStatus: missing.requiredFromStatus,
    });
  }
}

/** Merges a change into the current values; null removes a value. */
export function mergeCustomFieldValues(current: CustomFieldValues, change: CustomFieldValues): CustomFieldValues {
  const merged: CustomFieldValues = { ...current };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
