export type ServiceName = 'postgres' | 'temporal' | 'keycloak';

export interface ServiceStatus {
  name: ServiceName;
  /** `external` when the service comes from DATABASE_URL / TEMPORAL_ADDRESS / OIDC_ISSUER_URL. */
  mode: 'managed' | 'external';
  /** Managed: our process is alive. External: it answers. */
  running: boolean;
  healthy: boolean;
  pid?: number;
  endpoint: string;
  logFile?: string;
  detail?: string;
}
