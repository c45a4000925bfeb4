import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSequence } from './sequence.ts';
import { tempDir } from './testkit.ts';

describe('the message sequence', () => {
  it('issues increasing positive numbers starting at 1', () => {
    const sequence = openSequence(path.join(tempDir(), 'seq.json'));
    expect([sequence.next(), sequence.next(), sequence.next()]).toEqual([1, 2, 3]);
  });

  it('never repeats a number across crashes, even mid-block or with a half-written temporary file', () => {
    const file = path.join(tempDir(), 'state', 'seq.json');
    const issued: number[] = [];
    // Each "life" issues some numbers and then dies without any shutdown hook running.
    for (const count of [5, 1000, 1, 2500, 0, 3]) {
      const sequence = openSequence(file, { blockSize: 1000 });
      for (let i = 0; i < count; i++) issued.push(sequence.next());
      fs.writeFileSync(`${file}.tmp`, '{"reservedThr'); // a crash during the next reservation
    }
    const last = openSequence(file).next();
    expect(new Set([...issued, last]).size).toBe(issued.length + 1);
    expect([...issued, last]).toEqual([...issued, last].sort((a, b) => a - b));
  });

  it('writes to disk once per block, not once per number', () => {
    const file = path.join(tempDir(), 'seq.json');
    const sequence = openSequence(file, { blockSize: 100 });
    sequence.next();
    const written = fs.statSync(file).mtimeMs;
    fs.utimesSync(file, 0, 0);
    for (let i = 0; i < 99; i++) sequence.next();
    expect(fs.statSync(file).mtimeMs).toBe(0);
    expect(sequence.next()).toBe(101);
    expect(fs.statSync(file).mtimeMs).not.toBe(0);
    expect(written).toBeGreaterThan(0);
  });

  it('starts above a floor such as the highest seq still in the outbox', () => {
    expect(openSequence(path.join(tempDir(), 'seq.json'), { floor: 41 }).next()).toBe(42);
  });

  it('keeps its series across restarts, and a lost file starts a new series with its numbers', () => {
    const dir = tempDir();
    const file = path.join(dir, 'seq.json');
    const first = openSequence(file);
    first.next();
    expect(first.series).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(openSequence(file).series).toBe(first.series);

    fs.rmSync(file); // a replaced gateway, a wiped state folder
    const fresh = openSequence(file);
    expect(fresh.next()).toBe(1);
    expect(fresh.series).not.toBe(first.series);
  });

  it('gives a file from before series existed a series, on disk before its first number', () => {
    const file = path.join(tempDir(), 'seq.json');
    fs.writeFileSync(file, '{"reservedThrough":1000}');
    const upgraded = openSequence(file);
    expect(upgraded.next()).toBe(1001);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ series: upgraded.series });
    expect(openSequence(file).series).toBe(upgraded.series);
  });

  it('refuses to start from a damaged file rather than risk reusing numbers', () => {
    const file = path.join(tempDir(), 'seq.json');
    fs.writeFileSync(file, 'garbage');
    expect(() => openSequence(file)).toThrow(/damaged/);
    fs.writeFileSync(file, '{"reservedThrough":-3}');
    expect(() => openSequence(file)).toThrow(/damaged/);
    fs.writeFileSync(file, '{"reservedThrough":3,"series":"../x"}');
    expect(() => openSequence(file)).toThrow(/damaged/);
  });
});
