import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '../../kernel/actor.js';

export const IS_PUBLIC = 'fundsup:public';
export const REQUIRED_ROLES = 'fundsup:roles';

/** Opts a route out of authentication (health, client config, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The actor needs at least one of these roles. Tenancy still applies on top. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!req.actor) throw new Error('no actor on a route that is not public');
  return req.actor;
});
