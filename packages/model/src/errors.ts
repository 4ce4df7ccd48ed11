/**
 * The one error class of ringlink. Every failure that crosses a module
 * boundary is a RinglinkError with a stable `code`; transports (CLI, HTTP)
 * translate codes, never messages.
 */
export type RinglinkErrorCode =
  | 'INVALID_SPEC'
  | 'INVALID_INPUT'
  | 'UNKNOWN_SOURCE'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'STORE_UNAVAILABLE'
  | 'STORE_ERROR'
  | 'INVALID_ARGUMENT'
  | 'INTERNAL';

export class RinglinkError extends Error {
  override readonly name = 'RinglinkError';
  readonly code: RinglinkErrorCode;
  readonly details: unknown;
  readonly retriable: boolean;

  constructor(
    code: RinglinkErrorCode,
    message: string,
    options: { details?: unknown; cause?: unknown; retriable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
    this.retriable = options.retriable ?? false;
  }
}

export function isRinglinkError(err: unknown, code?: RinglinkErrorCode): err is RinglinkError {
  return err instanceof RinglinkError && (code === undefined || err.code === code);
}
