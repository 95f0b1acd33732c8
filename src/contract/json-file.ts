import { readFile } from '../fs-async';
import { InputError } from '../errors';

/**
 * A JSON file this tool wrote earlier, or undefined when there is none yet. Text that is not JSON
 * is an InputError with `notJson`'s message (given the parser's reason), which says what to do.
 */
export async function readJsonIfExists(file: string, notJson: (reason: string) => string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(notJson((error as Error).message));
  }
}
