/** A failure the CLI reports as a message, without a stack trace. */
export class StackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackError';
  }
}

/** Something the machine lacks; the message says how to install it. */
export class PrereqError extends StackError {
  constructor(message: string) {
    super(message);
    this.name = 'PrereqError';
  }
}
