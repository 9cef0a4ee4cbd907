/** Anthropic's `error.type` by HTTP status; any other 4xx is invalid_request_error, 5xx api_error. */
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** The error body's `error.type` for an HTTP status, as the Anthropic API sends it. @internal */
export function anthropicErrorType(status: number): string {
  return ERROR_TYPES[status] ?? (status < 500 ? 'invalid_request_error' : 'api_error');
}

/** The error body the Anthropic API sends (also the payload of a stream's `error` event). @internal */
export function anthropicErrorBody(status: number, message: string): unknown {
  return { type: 'error', error: { type: anthropicErrorType(status), message } };
}
