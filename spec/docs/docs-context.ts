/**
 * What the docs' code blocks may use without declaring it (spec/docs/code-blocks.spec.ts imports
 * it through a block's hidden prelude as `docs-context`). Declarations only: nothing here runs.
 */
import type OpenAI from 'openai';
import type { ChatMessage } from 'parallel-tools';
import type { OpenAIExtractor } from 'parallel-tools/openai';

export { Weather, GoogleSearch } from '../support/seed-tools';
export { BookFlightDto, BookHotelDto, RentCarDto } from '../../samples/04-nestjs/trip.dtos';
export { TripsController } from '../../samples/04-nestjs/trips.controller';
export { TripsService } from '../../samples/04-nestjs/trips.service';

/** A conversation, in the neutral form every provider takes. */
export declare const messages: ChatMessage[];
/** Chat-completion parameters without `responseModel`. */
export declare const params: { model: string; messages: ChatMessage[] };
/** An `openai` client. */
export declare const openai: OpenAI;
/** `fromOpenAI(openai)`. */
export declare const client: OpenAIExtractor;
/** A Google Cloud project id and an API key. */
export declare const project: string;
export declare const apiKey: string;
/** App functions the examples call. */
export declare function log(...values: unknown[]): void;
export declare function useTheValidOnes(calls: unknown[]): void;
export declare function startWeatherLookup(call: object): void;
