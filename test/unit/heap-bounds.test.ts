import { exposedGc, oldGenerationBound, untilTrueAfterEachGc, youngGenerationCap, type OldGenerationHooks, type YoungGenerationHooks } from '../../src/shell/heap-bounds';

const MiB = 2 ** 20;

function hooks(sizes: number[], nodeFlags = ''): YoungGenerationHooks & { factors: number[] } {
  const factors: number[] = [];
  return {
    newSpaceBytes: () => sizes.shift() ?? Number.NaN,
    setGrowthFactor: (f) => factors.push(f),
    nodeFlags,
    factors,
  };
}

describe('youngGenerationCap', () => {
  it('stops the growth once the young generation reaches 8 MiB, and only then', () => {
    const h = hooks([1 * MiB, 4 * MiB, 8 * MiB]);
    const capped = youngGenerationCap(h);
    expect([capped(), capped()]).toEqual([false, false]);
    expect(h.factors).toEqual([]);
    expect(capped()).toBe(true);
    expect(h.factors).toEqual([1]);
  });

  it('stops it where it is when it grew past the cap between two checks', () => {
    const h = hooks([64 * MiB]);
    expect(youngGenerationCap(h)()).toBe(true);
    expect(h.factors).toEqual([1]);
  });

  it.each(['--max-semi-space-size=32', '--max_semi_space_size=4', '--min-semi-space-size=16', '--semi-space-growth-factor=4'])(
    'leaves a young generation the user sized (%s) alone',
    (flag) => {
      const h = hooks([64 * MiB], `--enable-source-maps ${flag}`);
      expect(youngGenerationCap(h)()).toBe(true);
      expect(h.factors).toEqual([]);
    },
  );
});

describe('oldGenerationBound', () => {
  /** Hooks whose held bytes follow `held` (MiB), one value per read; a collection drops them to `after`. */
  function old(held: number[], after: number, nodeFlags = ''): OldGenerationHooks & { collections: number } {
    let collected = false;
    const h = {
      collections: 0,
      heldBytes: () => (collected ? ((collected = false), after * MiB) : (held.shift() ?? Number.NaN) * MiB),
      collect: () => {
        h.collections++;
        collected = true;
      },
      nodeFlags,
    };
    return h;
  }

  it('collects once the old generation holds 8 MiB more than the last major GC left, and then measures from there', () => {
    const h = old([10, 14, 18, 18.5], 11);
    const check = oldGenerationBound(h);
    check();
    check();
    check();
    expect(h.collections).toBe(0);
    check();
    expect(h.collections).toBe(1);
    // Measured from the 11 MiB the collection left: 19 is within 8 MiB of it, 19.1 is not.
    h.heldBytes = ((values: number[]) => () => (values.shift() ?? Number.NaN) * MiB)([19, 19.1]);
    check();
    expect(h.collections).toBe(1);
    check();
    expect(h.collections).toBe(2);
  });

  it('follows a collection V8 ran itself down, so growth is measured from what it left', () => {
    const h = old([20, 6, 14, 14.5], 6);
    const check = oldGenerationBound(h);
    for (let i = 0; i < 3; i++) check();
    expect(h.collections).toBe(0);
    check();
    expect(h.collections).toBe(1);
  });

  it('lets a large heap grow by half before collecting, so a run that holds more and more is not collected at every step', () => {
    const h = old([100, 140, 150, 151], 140);
    const check = oldGenerationBound(h);
    check();
    check();
    check();
    expect(h.collections).toBe(0);
    check();
    expect(h.collections).toBe(1);
  });

  it.each(['--max-old-space-size=512', '--max_old_space_size=64', '--max-heap-size=300', '--heap-growing-percent=10'])('leaves an old generation the user sized (%s) alone', (flag) => {
    const h = old([1, 100, 1000], 1, `--enable-source-maps ${flag}`);
    const check = oldGenerationBound(h);
    for (let i = 0; i < 3; i++) check();
    expect(h.collections).toBe(0);
  });
});

describe('exposedGc', () => {
  it('gives V8’s gc() without putting it on the global, and it collects', async () => {
    const hadGc = 'gc' in globalThis;
    const gc = exposedGc();
    expect('gc' in globalThis).toBe(hadGc);
    const ref = new WeakRef({ payload: new Array(1000).fill(1) });
    // A WeakRef's target stays alive until the current task ends, whatever the GC.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(ref.deref()).toBeUndefined();
  });
});

describe('untilTrueAfterEachGc', () => {
  it('asks after each GC until the answer is yes, and then never again', async () => {
    const gc = exposedGc();
    const answers = [false, false, true];
    let asked = 0;
    untilTrueAfterEachGc(() => answers[asked++] ?? true);
    expect(asked).toBe(0);
    for (let i = 0; i < 6; i++) {
      gc();
      // The answer is asked for on a later turn of the event loop, not inside the GC.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(asked).toBe(3);
  });
});
