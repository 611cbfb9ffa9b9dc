import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServer } from '../../platform/http/server.js';
import { SearchQuerySchema, SearchResultSchema } from '../../../shared/schemas/ticket-extras.js';
import type { SearchService } from './search.service.js';

export function registerSearchRoutes(http: HttpServer, search: SearchService): void {
  const app = http.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/search',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['search'],
        summary: 'Full-text search over ticket subjects, messages and attachment names',
        description:
          'Every word must match (as a prefix). Combine with the ticket list filters or a saved view (`viewId`). Requesters never match text of internal notes.',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema },
      },
    },
    async (request) => search.search(request.actor!, request.query),
  );
}
