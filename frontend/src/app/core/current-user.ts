import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { silentErrors } from './http-context';
import type { Me, Role } from './models';

/** The signed-in user as the backend sees them (roles, region, organization) from /api/me. */
@Injectable({ providedIn: 'root' })
export class CurrentUser {
  private readonly http = inject(HttpClient);
  private readonly state = signal<Me | null>(null);

  readonly me = this.state.asReadonly();
  readonly roles = computed<readonly Role[]>(() => this.state()?.roles ?? []);

  async load(): Promise<Me> {
    // Failures surface on the boot error screen, not as a toast.
    const me = await firstValueFrom(this.http.get<Me>('/api/me', { context: silentErrors() }));
    this.state.set(me);
    return me;
  }

  /** For tests and for a future "switch role" feature; production code calls load(). */
  set(me: Me | null): void {
    this.state.set(me);
  }

  hasAnyRole(...roles: Role[]): boolean {
    return this.roles().some((r) => roles.includes(r));
  }
}
