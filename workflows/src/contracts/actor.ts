/**
 * The acting user as carried inside workflow inputs: activities run the backend's commands on
 * this actor's behalf, inside its tenant scope. Plain data, so it survives history serialization.
 */
export interface ActorSnapshot {
  userId: string;
  username: string;
  displayName: string;
  roles: string[];
  regionPath: string;
  organizationId: string;
  organizationKind: 'bureau' | 'agency' | 'institution';
}
