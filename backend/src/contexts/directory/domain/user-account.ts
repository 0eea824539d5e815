/** A person known to the suite: created or refreshed from their token when they sign in (RegisterUserCommand). */
export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  organizationId: string;
  /** Sorted, as RegisterUserCommand stores them. */
  roles: string[];
  regionPath: string;
  lastSeenAt: Date;
}
