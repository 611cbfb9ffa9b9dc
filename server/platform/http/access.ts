import type { Permission } from '../../../shared/permissions.js';

/**
 * Every route declares who may call it in `config.access`; a route without one refuses to register
 * (see assertEveryRouteHasAccess), so nothing is reachable by accident.
 * - 'public': anyone, signed in or not (sign-in, health, the OpenAPI document);
 * - 'authenticated': any signed-in person, whatever their role (their own profile, their own tokens);
 * - { permission }: signed in and holding that permission. What they may see inside (which tickets)
 *   is then decided by the policy module.
 */
export type RouteAccess = 'public' | 'authenticated' | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
