import { HttpErrorResponse } from '@angular/common/http';
import { type ResourceRef, type Signal, type WritableSignal, computed, linkedSignal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { Observable } from 'rxjs';

/** Whether a resource failed with 404/403 (not there, or not the caller's). */
export function isNotFound(error: unknown): boolean {
  const cause = error instanceof HttpErrorResponse ? error : (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof HttpErrorResponse && (cause.status === 404 || cause.status === 403);
}

/** A detail page's record, loaded by the id of its route. */
export interface DetailResource<T> {
  /** The request: set it to what an action returned, reload it after a conflict. */
  readonly resource: ResourceRef<T | undefined>;
  /** The loaded record (null while loading or failed), replaceable by what the page's actions return. */
  readonly record: WritableSignal<T | null>;
  readonly error: Signal<unknown>;
  /** Not there, or not the reader's (404/403): the page says so instead of a load error. */
  readonly notFound: Signal<boolean>;
}

/** Loads a detail page's record whenever `id` changes. Call it in a field initializer (it injects). */
export function detailResource<T>(id: () => string, load: (id: string) => Observable<T>): DetailResource<T> {
  const resource = rxResource({ params: () => ({ id: id() }), stream: ({ params }) => load(params.id) });
  return {
    resource,
    record: linkedSignal<T | null>(() => (resource.hasValue() ? resource.value() : null)),
    error: computed(() => resource.error()),
    notFound: computed(() => isNotFound(resource.error())),
  };
}
