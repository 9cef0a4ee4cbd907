import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

/** One recorded request and its reply, from a VCR cassette (pydantic-ai's format). */
export interface CassetteInteraction {
  uri: string;
  request: any;
  response: any;
}

/** The parsed request and response bodies of a VCR cassette's interactions, in order. */
export function readCassette(path: string): CassetteInteraction[] {
  const doc = load(readFileSync(path, 'utf8')) as { interactions: any[] };
  return doc.interactions.map((i) => ({
    uri: i.request.uri,
    request: i.request.parsed_body,
    response: i.response.parsed_body,
  }));
}
