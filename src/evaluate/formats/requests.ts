import type { RequestStyle } from '../../config/evaluate-schema';
import type { AgentInput, FormatSettings } from './types';

/**
 * Request bodies by shape. Chat shapes need a conversation; model-input shapes (MLflow's
 * dataframe_records, dataframe_split, inputs) also take an object of input columns, and send a
 * string as the one column `inputField`. Each request carries one example: one record, one
 * dataframe row, or `inputs` as columns of one value ({question: ["..."]}), which is how an
 * MLflow scoring server reads a batch of one (checked against MLflow 3.17's server).
 */

const chatProblem = 'must be a string, a list of {role, content} messages, or {messages: [...]}';
const recordProblem = 'must be a string, a list of {role, content} messages, {messages: [...]}, or an object of model input columns';

export function requestInputProblem(style: RequestStyle, input: AgentInput): string | undefined {
  switch (style) {
    case 'messages':
    case 'input':
      return input.messages ? undefined : chatProblem;
    case 'dataframe_records':
    case 'dataframe_split':
      return record(input, 'input') ? undefined : recordProblem;
    case 'inputs':
      return input.raw === null || input.raw === undefined ? 'must not be empty' : undefined;
  }
}

export function requestBody(style: RequestStyle, input: AgentInput, settings: FormatSettings): Record<string, unknown> {
  switch (style) {
    case 'messages':
      return { messages: conversation(input) };
    case 'input':
      return { input: conversation(input) };
    case 'dataframe_records':
      return { dataframe_records: [requireRecord(input, settings.inputField)] };
    case 'dataframe_split': {
      const row = requireRecord(input, settings.inputField);
      return { dataframe_split: { columns: Object.keys(row), data: [Object.values(row)] } };
    }
    case 'inputs': {
      // MLflow reads an `inputs` object as columns: one value per column is a batch of one row.
      const row = record(input, settings.inputField);
      return { inputs: row ? Object.fromEntries(Object.entries(row).map(([column, value]) => [column, [value]])) : input.raw };
    }
  }
}

function conversation(input: AgentInput): readonly unknown[] {
  if (input.history) return input.history;
  if (!input.messages) throw new TypeError(`input ${chatProblem}`);
  return input.messages;
}

/** One row of model input: a string or scalar under `field`, a conversation as `messages`, an object as its columns. */
function record(input: AgentInput, field: string): Record<string, unknown> | undefined {
  const { raw } = input;
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return { [field]: raw };
  if (input.messages) return { messages: input.messages };
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length > 0) return raw as Record<string, unknown>;
  return undefined;
}

function requireRecord(input: AgentInput, field: string): Record<string, unknown> {
  const row = record(input, field);
  if (!row) throw new TypeError(`input ${recordProblem}`);
  return row;
}
