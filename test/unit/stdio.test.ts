import { writeFully, writesDirectly } from '../../src/shell/stdio';

const failure = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

describe('writeFully', () => {
  it('writes the rest after a partial write, and waits out a full non-blocking descriptor', () => {
    const text = Buffer.from('line one\nline two ✅\n');
    const written: Buffer[] = [];
    const answers: Array<number | string> = [5, 'EAGAIN', 'EAGAIN', 3, Infinity];
    const failures: string[] = [];
    writeFully(
      text,
      (bytes, at) => {
        const answer = answers.shift() as number | string;
        if (typeof answer === 'string') throw failure(answer);
        const count = Math.min(answer, bytes.length - at);
        written.push(bytes.subarray(at, at + count));
        return count;
      },
      (error) => failures.push(error.code ?? ''),
    );
    expect(failures).toEqual([]);
    expect(Buffer.concat(written).toString()).toBe('line one\nline two ✅\n');
    expect(answers).toEqual([]);
  });

  it('stops at a failure other than a full descriptor, without throwing, and says which', () => {
    for (const code of ['EPIPE', 'ENOSPC', 'EIO']) {
      let calls = 0;
      const failures: string[] = [];
      expect(() =>
        writeFully(
          Buffer.from('lost'),
          () => {
            calls++;
            throw failure(code);
          },
          (error) => failures.push(error.code ?? ''),
        ),
      ).not.toThrow();
      expect([calls, failures]).toEqual([1, [code]]);
    }
  });
});

describe('writesDirectly', () => {
  it('is for the runs that end after their report, not the ones with work in flight while they log', () => {
    const direct = ['gate', 'promote', 'merge', 'detect', 'registry', undefined].filter((command) => writesDirectly(command));
    const streamed = ['evaluate', 'deploy', 'verify', 'rollback', 'shadow'].filter((command) => !writesDirectly(command));
    expect(direct).toEqual(process.platform === 'win32' ? [] : ['gate', 'promote', 'merge', 'detect', 'registry', undefined]);
    expect(streamed).toEqual(['evaluate', 'deploy', 'verify', 'rollback', 'shadow']);
  });
});
