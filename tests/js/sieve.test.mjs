// primes from pkg/, against trial division and known prime counts.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fw from './helpers.mjs';

function isPrime(n) {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

function trialDivisionPrimes(n) {
  const out = [];
  for (let k = 2; k <= n; k++) if (isPrime(k)) out.push(k);
  return out;
}

describe('primes', () => {
  test('returns a Uint32Array', () => {
    assert.ok(fw.primes(10) instanceof Uint32Array);
  });

  test('small cases', () => {
    assert.deepEqual([...fw.primes(0)], []);
    assert.deepEqual([...fw.primes(1)], []);
    assert.deepEqual([...fw.primes(2)], [2]);
    assert.deepEqual([...fw.primes(3)], [2, 3]);
    assert.deepEqual([...fw.primes(10)], [2, 3, 5, 7]);
    assert.deepEqual([...fw.primes(11)], [2, 3, 5, 7, 11]);
  });

  test('matches trial division for every n up to 600, and around larger bounds', () => {
    const all = trialDivisionPrimes(600);
    for (let n = 0; n <= 600; n++) {
      assert.deepEqual([...fw.primes(n)], all.filter((p) => p <= n), `n = ${n}`);
    }
    const upTo = trialDivisionPrimes(70_000);
    for (const n of [1023, 1024, 1025, 4095, 4096, 32_767, 32_768, 32_769, 65_535, 65_536, 65_537, 70_000]) {
      assert.deepEqual([...fw.primes(n)], upTo.filter((p) => p <= n), `n = ${n}`);
    }
  });

  test('known prime counts π(10^k)', () => {
    const pi = { 10: 4, 100: 25, 1000: 168, 10_000: 1229, 100_000: 9592, 1_000_000: 78_498, 10_000_000: 664_579 };
    for (const [n, count] of Object.entries(pi)) {
      assert.equal(fw.primes(Number(n)).length, count, `π(${n})`);
    }
  });

  test('results near 10^6 are prime and ascending', () => {
    const p = fw.primes(1_000_000);
    assert.equal(p[p.length - 1], 999_983);
    for (let i = p.length - 200; i < p.length; i++) {
      assert.ok(p[i - 1] < p[i]);
      assert.ok(isPrime(p[i]), `${p[i]} is prime`);
    }
  });

  test('n above 10^9 is refused', () => {
    assert.throws(() => fw.primes(1e9 + 1), { message: /^primes: n must be at most 1000000000, got 1000000001$/ });
  });
});
