import { Field, Tool } from 'parallel-tools';

/** The tools of the recorded OpenAI fixtures (openai-python's test_parse_multiple_pydantic_tools). */
@Tool()
export class GetWeatherArgs {
  @Field() city!: string;
  @Field() country!: string;
  @Field({ enum: ['c', 'f'], default: 'c' }) units: 'c' | 'f' = 'c';
}

@Tool({ name: 'get_stock_price' })
export class GetStockPrice {
  @Field() ticker!: string;
  @Field() exchange!: string;
}
