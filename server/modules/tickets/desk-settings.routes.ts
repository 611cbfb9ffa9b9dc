import { z } from 'zod';
import {
  CategoryBodySchema,
  CategorySchema,
  CustomFieldBodySchema,
  CustomFieldSchema,
  DeskSettingsBodySchema,
  DeskSettingsSchema,
  PriorityMatrixSchema,
} from '../../../shared/schemas/tickets.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { DeskSettingsService } from './desk-settings.service.js';
import { actorOf } from './tickets.routes.js';

const IdParamsSchema = z.object({ id: z.coerce.number().int().positive() });
const CategoryNodeSchema = CategorySchema.extend({
  /** 0 for a top-level category. */
  depth: z.number(),
  /** "Hardware / Laptops / Battery". */
  path: z.string(),
});

/** Categories, custom fields and the priority matrix: anyone signed in reads them (forms need them); admins change them. */
export function registerDeskSettingsRoutes(server: HttpServer, settings: DeskSettingsService): void {
  const http = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['desk settings'];
  const manage = { permission: 'settings.manage' } as const;

  http.get(
    '/api/v1/categories',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The category tree, depth-first (parents before their children)', response: { 200: z.object({ items: z.array(CategoryNodeSchema) }) } },
    },
    async () => ({ items: await settings.listCategories() }),
  );
  http.post(
    '/api/v1/categories',
    { config: { access: manage }, schema: { tags, summary: 'Add a category', body: CategoryBodySchema, response: { 201: CategorySchema } } },
    async (request, reply) => reply.code(201).send(await settings.createCategory(actorOf(request), request.body)),
  );
  http.patch(
    '/api/v1/categories/:id',
    {
      config: { access: manage },
      schema: { tags, summary: 'Rename, move or deactivate a category', params: IdParamsSchema, body: CategoryBodySchema.partial(), response: { 200: CategorySchema } },
    },
    async (request) => settings.updateCategory(actorOf(request), request.params.id, request.body),
  );

  http.get(
    '/api/v1/custom-fields',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Custom field definitions', response: { 200: z.object({ items: z.array(CustomFieldSchema) }) } } },
    async () => ({ items: await settings.listCustomFields() }),
  );
  http.post(
    '/api/v1/custom-fields',
    { config: { access: manage }, schema: { tags, summary: 'Define a custom field', body: CustomFieldBodySchema, response: { 201: CustomFieldSchema } } },
    async (request, reply) => reply.code(201).send(await settings.createCustomField(actorOf(request), request.body)),
  );
  http.patch(
    '/api/v1/custom-fields/:id',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Change a custom field (its key and type are fixed)',
        params: IdParamsSchema,
        body: CustomFieldBodySchema.omit({ key: true, fieldType: true }).partial(),
        response: { 200: CustomFieldSchema },
      },
    },
    async (request) => settings.updateCustomField(actorOf(request), request.params.id, request.body),
  );

  http.get(
    '/api/v1/priority-matrix',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Impact × urgency → priority', response: { 200: PriorityMatrixSchema } } },
    async () => settings.priorityMatrix(),
  );
  http.put(
    '/api/v1/priority-matrix',
    { config: { access: manage }, schema: { tags, summary: 'Replace the priority matrix', body: PriorityMatrixSchema, response: { 200: PriorityMatrixSchema } } },
    async (request) => settings.setPriorityMatrix(actorOf(request), request.body),
  );

  http.get(
    '/api/v1/desk-settings',
    // Anyone signed in: the portal shows the desk's name, colour and logo to requesters too.
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Desk-wide settings: the default team, the desk name, accent colour and logo', response: { 200: DeskSettingsSchema } } },
    async () => settings.deskSettings(),
  );
  http.patch(
    '/api/v1/desk-settings',
    {
      config: { access: manage },
      schema: { tags, summary: 'Change the default team, desk name, accent colour or logo (only the fields sent)', body: DeskSettingsBodySchema, response: { 200: DeskSettingsSchema } },
    },
    async (request) => settings.updateDeskSettings(actorOf(request), request.body),
  );
}
