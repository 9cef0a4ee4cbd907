import { Field, Tool } from 'parallel-tools';

/** The tool of gemini-generate-2-function-calls.json. */
@Tool({ name: 'get_resource_schema', description: 'The schema of a resource type' })
export class GetResourceSchema {
  @Field({ description: 'A resource type, e.g. user' }) resourceType!: string;
}

/** The declaration of {@link GetResourceSchema} that both SDKs must send, written out by hand. */
export const GET_RESOURCE_SCHEMA_DECLARATION = {
  name: 'get_resource_schema',
  description: 'The schema of a resource type',
  parameters: {
    type: 'OBJECT',
    properties: { resourceType: { type: 'STRING', description: 'A resource type, e.g. user' } },
    required: ['resourceType'],
  },
};

/** The tool of vertex-stream-partial-args-2-calls.jsonl. */
@Tool({ name: 'getWeather' })
export class GetWeather {
  @Field() location!: string;
}

/** The tool of vertex-stream-1-call.jsonl. */
@Tool({ name: 'weather' })
export class WeatherOf {
  @Field() location!: string;
}

/** The argument-less tool of vertex-stream-partial-args-4-calls.jsonl. */
@Tool({ name: 'read_theme' })
export class ReadTheme {}

/** The other tool of vertex-stream-partial-args-4-calls.jsonl. */
@Tool({ name: 'read_screen' })
export class ReadScreen {
  @Field() id!: string;
}
