import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Actor, Role } from '../../kernel/actor.js';
import { DomainError } from '../../kernel/errors.js';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators.js';
import { TokenVerifier } from './token-verifier.js';

/** The one global guard: resolves the actor from the bearer token and checks route roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = ctx.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      throw new DomainError('unauthenticated', 'missing_token', {
        zh: '未登录：请求缺少 Bearer 登录凭证',
        en: 'not signed in: the request has no bearer token',
      });
    }
    // The request gate (platform/http/request-gate.ts) verified this token before the body was read.
    const actor = req.actor ?? (await this.verifier.verify(match[1]));
    req.actor = actor;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !actor.roles.some((r) => required.includes(r))) {
      throw DomainError.forbidden('role_required', {
        zh: `当前角色无权执行此操作（需要：${required.join('、')}）`,
        en: `your role may not do this (requires one of: ${required.join(', ')})`,
      });
    }
    return true;
  }
}
