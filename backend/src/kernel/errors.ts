// Every error a user can see carries a stable code and a message in both languages,
// so the UI can show zh-CN by default and English on request without guessing.

export interface BilingualMessage {
  zh: string;
  en: string;
}

export type ErrorKind =
  | 'validation' | 'forbidden' | 'not_found' | 'conflict' | 'unauthenticated' | 'unavailable'
  /** The request body is larger than the route accepts (413). */
  | 'too_large'
  /** Too many requests from this user or address; details.retryAfterSeconds says when to retry (429). */
  | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly text: BilingualMessage,
    readonly details?: Record<string, unknown>,
  ) {
    super(text.en);
    this.name = 'DomainError';
  }

  static validation(code: string, text: BilingualMessage, details?: Record<string, unknown>) {
    return new DomainError('validation', code, text, details);
  }
  static forbidden(code: string, text: BilingualMessage) {
    return new DomainError('forbidden', code, text);
  }
  static notFound(what: BilingualMessage, id: string) {
    return new DomainError('not_found', 'not_found', {
      zh: `${what.zh}不存在或无权查看：${id}`,
      en: `${what.en} not found or not visible to you: ${id}`,
    });
  }
  static conflict(code: string, text: BilingualMessage, details?: Record<string, unknown>) {
    return new DomainError('conflict', code, text, details);
  }
  /** Something the server needs is missing or broken (not the caller's fault, not retryable by them). */
  static unavailable(code: string, text: BilingualMessage) {
    return new DomainError('unavailable', code, text);
  }
}
