import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { silentErrors } from './http-context';
import type { RuntimeConfig } from './models';

/**
 * Settings that differ per deployment (IdP issuer, client id) come from the backend at startup
 * instead of being baked into the bundle, so one build serves every environment.
 */
@Injectable({ providedIn: 'root' })
export class RuntimeConfigService {
  private readonly http = inject(HttpClient);
  private readonly state = signal<RuntimeConfig | null>(null);

  readonly config = this.state.asReadonly();
  readonly version = computed(() => this.state()?.version ?? '');

  async load(): Promise<RuntimeConfig> {
    const config = await firstValueFrom(
      this.http.get<RuntimeConfig>('/api/config', { context: silentErrors() }),
    );
    if (!config?.oidc?.issuer || !config.oidc.clientId) {
      throw new Error('/api/config did not contain oidc.issuer and oidc.clientId');
    }
    this.state.set(config);
    return config;
  }
}
