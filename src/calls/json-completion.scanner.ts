/**
 * Tells, fragment by fragment, when a streamed JSON object or array is closed, without parsing it:
 * one pass over each fragment's characters, tracking strings, escapes and nesting depth. A value
 * that does not start with `{` or `[` is never reported closed (its provider's end marker decides).
 */
export class JsonCompletionScanner {
  private depth = 0;
  private started = false;
  private opaque = false;
  private inString = false;
  private escaped = false;
  private done = false;

  /** Whether the top-level value has closed. */
  get closed(): boolean {
    return this.done;
  }

  /** Scans one more fragment; returns true once the top-level object or array has closed. */
  push(fragment: string): boolean {
    if (this.done || this.opaque) return this.done;
    for (let i = 0; i < fragment.length; i++) {
      const c = fragment.charCodeAt(i);
      if (!this.started) {
        if (c === 32 || c === 9 || c === 10 || c === 13) continue;
        if (c !== 123 /* { */ && c !== 91 /* [ */) {
          this.opaque = true;
          return false;
        }
        this.started = true;
        this.depth = 1;
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92 /* \ */) this.escaped = true;
        else if (c === 34 /* " */) this.inString = false;
      } else if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) this.depth++;
      else if (c === 125 /* } */ || c === 93 /* ] */) {
        if (--this.depth === 0) {
          this.done = true;
          return true;
        }
      }
    }
    return false;
  }
}
