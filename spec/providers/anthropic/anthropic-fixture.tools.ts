import { Field, Tool } from 'parallel-tools';

/** The tools of the recorded Anthropic traffic in ../shared/fixtures, as `@Tool` classes. */
@Tool({ name: 'updateIssueList' })
export class UpdateIssueList {}

/** `get_weather` as the Vercel and pydantic-ai recordings declare it. */
@Tool({ name: 'get_weather' })
export class GetWeatherByCity {
  @Field() city!: string;
}

/** `get_weather` as the OpenInference recording declares it. */
@Tool({ name: 'get_weather' })
export class GetWeatherByLocation {
  @Field() location!: string;
}

@Tool({ name: 'get_time' })
export class GetTime {
  @Field() timezone!: string;
}

@Tool({ name: 'get_elevation' })
export class GetElevation {
  @Field() city!: string;
}

@Tool({ name: 'test_tool' })
export class TestTool {
  @Field() count!: number;
}

@Tool({ name: 'retrieve_entity_info' })
export class RetrieveEntityInfo {
  @Field() name!: string;
}

@Tool({ name: 'make_file' })
export class MakeFile {
  @Field() filename!: string;
  @Field({ type: () => [String] }) lines_of_text!: string[];
}
