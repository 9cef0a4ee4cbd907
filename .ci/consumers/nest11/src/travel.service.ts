import { Injectable } from '@nestjs/common';
import { Extractor } from 'parallel-tools/nestjs';
import { GoogleSearch, Weather } from './travel.tools';

@Injectable()
export class TravelService {
  constructor(private readonly extractor: Extractor) {}

  /** What the assistant should look up for a traveller's question. */
  lookups(question: string): Promise<Array<Weather | GoogleSearch>> {
    return this.extractor.extract({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You must always use tools' },
        { role: 'user', content: question },
      ],
      responseModel: [Weather, GoogleSearch],
    });
  }
}
