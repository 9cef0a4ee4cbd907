import { Tool } from 'parallel-tools';

/** A tool without parameters: Claude calls it with `input: {}`. */
@Tool({ description: 'Refresh the issue list' })
export class Refresh {}
