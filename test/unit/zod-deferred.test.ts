import { z } from 'zod';
import { parseConfig } from '../../src/config/load';
import { notificationsSchema } from '../../src/config/notify-schema';
import { servingSchema } from '../../src/config/serving-schema';
import { shadowSchema } from '../../src/config/shadow-schema';
import { deferred, strictObject } from '../../src/config/zod-helpers';
import { jsonSchemaProblem } from '../../src/evaluate/json-schema';

function counted<T extends z.ZodType>(build: () => T): { build: () => T; calls: () => number } {
  let calls = 0;
  return {
    build: () => {
      calls++;
      return build();
    },
    calls: () => calls,
  };
}

/** Whether z.lazy has built its schema: it keeps the result on its def. */
const built = (schema: z.ZodType): boolean => (schema._zod.def as { _cachedInner?: unknown })._cachedInner !== undefined;

describe('deferred schemas', () => {
  it('builds an optional section only when a value reaches it, and once', () => {
    const section = counted(() => strictObject({ url: z.string().min(1) }));
    const root = strictObject({ name: z.string(), hooks: deferred(section.build).optional() });
    expect(root.parse({ name: 'a' })).toEqual({ name: 'a' });
    expect(section.calls()).toBe(0);
    expect(root.parse({ name: 'a', hooks: { url: 'x' } })).toEqual({ name: 'a', hooks: { url: 'x' } });
    expect(root.parse({ name: 'b', hooks: { url: 'y' } })).toEqual({ name: 'b', hooks: { url: 'y' } });
    expect(section.calls()).toBe(1);
  });

  it('leaves a defaulted section unbuilt and still reports its errors with their full path', () => {
    const section = counted(() => strictObject({ url: z.string().min(1, { error: 'must not be empty' }) }));
    const root = strictObject({ hooks: deferred(section.build).default({ url: 'd' }) });
    expect(root.parse({})).toEqual({ hooks: { url: 'd' } });
    expect(section.calls()).toBe(0);
    const result = root.safeParse({ hooks: { url: '', extra: 1 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['hooks.url', 'must not be empty'],
      ['hooks', 'unknown key "extra"; valid keys: url'],
    ]);
  });

  it('builds only the union option whose tag the value carries', () => {
    const a = counted(() => strictObject({ kind: z.literal('a'), x: z.number() }));
    const b = counted(() => strictObject({ kind: z.literal('b'), y: z.number() }));
    const union = z.discriminatedUnion('kind', [deferred(a.build, { key: 'kind', value: 'a' }), deferred(b.build, { key: 'kind', value: 'b' })]);
    expect(union.parse({ kind: 'b', y: 1 })).toEqual({ kind: 'b', y: 1 });
    expect([a.calls(), b.calls()]).toEqual([0, 1]);
    expect(union.safeParse({ kind: 'c' }).success).toBe(false);
    expect(a.calls()).toBe(0);
  });

  it('refuses a schema that is optional itself, or a tag its schema does not carry, on first use', () => {
    const optional = strictObject({ a: deferred(() => z.string().optional()).optional() });
    expect(() => optional.parse({ a: 'x' })).toThrow('deferred() takes a required schema');
    const mistagged = z.discriminatedUnion('kind', [deferred(() => strictObject({ kind: z.literal('a') }), { key: 'kind', value: 'b' })]);
    expect(() => mistagged.parse({ kind: 'b' })).toThrow('deferred(): the schema\'s kind is not "b"');
  });

  it('leaves the sections a config does not name unbuilt', () => {
    const config = parseConfig('version: 1\nmodel: { name: m }\ngate:\n  thresholds:\n    "contains/mean": { min: 0.5 }\n', {
      file: 'agent-release.yml',
      workdir: '/ws',
      env: {},
      checkJsonSchema: jsonSchemaProblem,
    });
    expect(config.config.gate?.thresholds).toEqual({ 'contains/mean': { min: 0.5 } });
    expect([built(notificationsSchema), built(shadowSchema), built(servingSchema)]).toEqual([false, false, false]);
  });
});
