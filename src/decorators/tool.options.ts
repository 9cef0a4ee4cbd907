/** Options of {@link Tool}. */
export interface ToolOptions {
  /** The function name the model sees. Defaults to the class name; must match `^[A-Za-z_][A-Za-z0-9_-]{0,63}$`. */
  name?: string;
  /** What the tool is for: the model reads it to choose between tools. */
  description?: string;
}
