import {
  Catch,
  HttpStatus,
  Logger,
  Optional,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ExtractionError, type CallFailure } from '../errors/extraction.error';
import { ToolDefinitionError } from '../errors/tool-definition.error';
import { toolCallToJson, type ToolCallJson } from './tool-call.json';

/** The 422 body of an {@link ExtractionError}: nothing the model got right is lost. */
export interface ExtractionErrorBody {
  statusCode: 422;
  /** `validation_failed`, `unknown_tool`, `no_tool_calls`, … (see `ExtractionErrorCode`). */
  code: string;
  message: string;
  /** The calls that could not be used, each with its `errors` (`nights: nights must not be less than 1`). */
  failures: CallFailure[];
  /** The calls that were valid. */
  results: ToolCallJson[];
}

/** The 500 body of a {@link ToolDefinitionError}: a server-side bug in a tool class. */
export interface ToolDefinitionErrorBody {
  statusCode: 500;
  code: string;
  message: string;
}

/**
 * The HTTP status and body for an extraction error: 422 with the failures and the valid calls for
 * an `ExtractionError` (the model's reply was unusable), 500 for a `ToolDefinitionError` (a tool
 * class is wrong: fix the code). For apps that map errors themselves.
 *
 * @example
 * const { status, body } = extractionErrorResponse(error);
 * res.status(status).json(body);
 */
export function extractionErrorResponse(error: ExtractionError | ToolDefinitionError): {
  status: number;
  body: ExtractionErrorBody | ToolDefinitionErrorBody;
} {
  if (error instanceof ExtractionError) {
    const body: ExtractionErrorBody = {
      statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
      code: error.code,
      message: error.message,
      failures: error.failures,
      results: error.results.map((call) => toolCallToJson(call as object)),
    };
    return { status: body.statusCode, body };
  }
  const body: ToolDefinitionErrorBody = {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    code: error.code,
    message: `A tool class is invalid (a server bug, not a bad request): ${error.message}`,
  };
  return { status: body.statusCode, body };
}

/**
 * Answers `ExtractionError` with HTTP 422 `{ statusCode, code, message, failures, results }` and
 * `ToolDefinitionError` with 500 and the fix, instead of Nest's bare 500. HTTP only; works on the
 * Express and Fastify platforms.
 *
 * @example
 * // app-wide, through DI:
 * providers: [{ provide: APP_FILTER, useClass: ExtractionErrorFilter }]
 * // or on a controller: @UseFilters(ExtractionErrorFilter), or app.useGlobalFilters(new ExtractionErrorFilter())
 */
@Catch(ExtractionError, ToolDefinitionError)
export class ExtractionErrorFilter implements ExceptionFilter<ExtractionError | ToolDefinitionError> {
  private readonly logger = new Logger('ParallelTools');

  constructor(@Optional() private readonly adapterHost?: HttpAdapterHost) {}

  catch(exception: ExtractionError | ToolDefinitionError, host: ArgumentsHost): void {
    // RPC and WebSocket contexts have their own error protocols: leave them to their filters.
    if (host.getType() !== 'http') throw exception;
    const { status, body } = extractionErrorResponse(exception);
    if (status >= 500) this.logger.error(exception.message, exception.stack);
    else this.logger.warn(`${exception.code}: ${exception.message}`);
    const response = host.switchToHttp().getResponse();
    const adapter = this.adapterHost?.httpAdapter;
    if (adapter) return void adapter.reply(response, body, status);
    // Created with `new` outside DI: talk to the platform's response directly.
    if (typeof response.status === 'function' && typeof response.json === 'function') {
      return void response.status(status).json(body);
    }
    response.code(status).send(body);
  }
}
