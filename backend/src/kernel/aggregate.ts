/**
 * Domain events recorded by an aggregate while a command runs. Kept outside the entity (WeakMap)
 * so that entities hydrated by the ORM without running their constructor still record events.
 */
export interface DomainEvent<TPayload = Record<string, unknown>> {
  readonly type: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  /** Tenancy of the event: the same as the aggregate's, so the outbox row is scoped like it. */
  readonly regionPath: string;
  readonly ownerOrgId: string;
  readonly payload: TPayload;
}

const pending = new WeakMap<object, DomainEvent[]>();

export function recordEvent(aggregate: object, event: DomainEvent): void {
  const list = pending.get(aggregate) ?? [];
  list.push(event);
  pending.set(aggregate, list);
}

export function pullEvents(aggregate: object): DomainEvent[] {
  const list = pending.get(aggregate) ?? [];
  pending.delete(aggregate);
  return list;
}
