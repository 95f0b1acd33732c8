/**
 * The gate reads both results files in one streamed pass into typed arrays keyed by example
 * number (issue 16); its decisions must stay bit-identical to the gate before that change. The
 * reference holds what the gate at fb2904f decided on seeded scenarios; numbers survive JSON
 * exactly, and toEqual compares them with Object.is.
 *
 * RECORD_GATE_REFERENCE=1 rewrites the reference (only ever from the old code path).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gate } from '../../src/modes/gate';
import { contextOf } from '../support/context';
import { makeWorkspace, type Workspace } from '../support/workspace';
import { scaleScenarios, writeScenario } from './gate-scale-scenarios';

const referenceFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'gate-scale-reference.json');
const recording = process.env.RECORD_GATE_REFERENCE === '1';

let ws: Workspace;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(() => ws.cleanup());

async function decideScenario(index: number): Promise<unknown> {
  const scenario = scaleScenarios()[index];
  if (!scenario) throw new Error(`no scenario ${index}`);
  const configText = await writeScenario(ws, scenario);
  const result = await gate(contextOf(configText, ws.dir).ctx, { modelVersion: '2' });
  const record = JSON.parse(await ws.read(result.decisionPath)) as { inputs: unknown };
  return { decision: result.decision, rules: result.rules, flakiness: result.flakiness, inputs: record.inputs };
}

const names = scaleScenarios().map((s, i) => [s.name, i] as const);

describe('the gate decides bit for bit as before on seeded scenarios', () => {
  const recorded: Record<string, unknown> = {};
  if (recording) afterAll(() => writeFile(referenceFile, `${JSON.stringify(recorded, null, 1)}\n`));

  it.each(names)('%s', async (name, index) => {
    const decided = await decideScenario(index);
    if (recording) {
      recorded[name] = decided;
      return;
    }
    const reference = (JSON.parse(await readFile(referenceFile, 'utf8')) as Record<string, unknown>)[name];
    expect(reference).toBeDefined();
    expect(decided).toEqual(reference);
  });
});
