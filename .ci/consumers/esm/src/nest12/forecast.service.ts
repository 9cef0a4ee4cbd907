import { Injectable } from '@nestjs/common';
import { Extractor, InjectExtractor } from 'parallel-tools/nestjs';
import { GoogleSearch, Weather } from './forecast.tools.js';

@Injectable()
export class ForecastService {
  constructor(@InjectExtractor('forecast') private readonly extractor: Extractor) {}

  plan(question: string): Promise<Array<Weather | GoogleSearch>> {
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
