import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateTeamSchema, IdParamsSchema, SetTeamMembersSchema, TeamSchema, UpdateTeamSchema } from '../../../shared/schemas/identity.js';
import type { HttpServer } from '../../platform/http/server.js';
import { auditContextOf } from './audit.js';
import type { IdentityDeps } from './identity-deps.js';
import { createTeam, loadTeam, loadTeams, setTeamMembers, updateTeam } from './teams.service.js';

const tags = ['teams'];

export function registerTeamRoutes(http: HttpServer, deps: IdentityDeps): void {
  const app = http.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/teams',
    { config: { access: { permission: 'users.read' } }, schema: { tags, summary: 'Every team with its members and leads, by tier then name', response: { 200: z.object({ items: z.array(TeamSchema) }) } } },
    async () => ({ items: await loadTeams(deps.db) }),
  );

  app.post(
    '/api/v1/teams',
    { config: { access: { permission: 'teams.manage' } }, schema: { tags, summary: 'Create a team', body: CreateTeamSchema, response: { 201: TeamSchema } } },
    async (request, reply) => reply.code(201).send(await createTeam(deps, request.body, auditContextOf(request, deps.clock))),
  );

  app.get(
    '/api/v1/teams/:id',
    { config: { access: { permission: 'users.read' } }, schema: { tags, summary: 'One team', params: IdParamsSchema, response: { 200: TeamSchema } } },
    async (request) => loadTeam(deps.db, request.params.id),
  );

  app.patch(
    '/api/v1/teams/:id',
    { config: { access: { permission: 'teams.manage' } }, schema: { tags, summary: 'Change a team', params: IdParamsSchema, body: UpdateTeamSchema, response: { 200: TeamSchema } } },
    async (request) => updateTeam(deps, request.params.id, request.body, auditContextOf(request, deps.clock)),
  );

  app.put(
    '/api/v1/teams/:id/members',
    {
      config: { access: { permission: 'teams.manage' } },
      schema: { tags, summary: 'Replace the members and leads of a team', params: IdParamsSchema, body: SetTeamMembersSchema, response: { 200: TeamSchema } },
    },
    async (request) => setTeamMembers(deps, request.params.id, request.body, auditContextOf(request, deps.clock)),
  );
}
