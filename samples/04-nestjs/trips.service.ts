import { Injectable } from '@nestjs/common';
import { Extractor, type Usage } from 'parallel-tools';
import { toolCallToJson, type ToolCallJson } from 'parallel-tools/nestjs';
import { TRIP_TOOLS } from './trip.dtos';

/** What POST /trips answers. */
export interface TripPlan {
  calls: ToolCallJson[];
  usage: Usage;
}

/** Turns a traveller's sentence into bookings. Knows nothing of the provider: it injects `Extractor`. */
@Injectable()
export class TripsService {
  constructor(private readonly extractor: Extractor) {}

  async plan(request: string): Promise<TripPlan> {
    const today = new Date().toISOString().slice(0, 10);
    // data: Array<BookFlightDto | BookHotelDto | RentCarDto>, each validated. A reply with a bad call
    // throws ExtractionError, which ExtractionErrorFilter turns into a 422.
    const { data, usage } = await this.extractor.extractWithResponse({
      messages: [
        {
          role: 'system',
          content:
            `You are a travel agent. Today is ${today}. Call one tool per booking the traveller asks for, ` +
            `all in the same reply. Assume one traveller unless told otherwise.`,
        },
        { role: 'user', content: request },
      ],
      responseModel: TRIP_TOOLS,
    });
    return { calls: data.map(toolCallToJson), usage };
  }
}
