// Golden fixtures (tests/fixtures/golden.json, numpy results) against pkg/ in Node.
//
//   bash scripts/build.sh && node --test tests/js/golden.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fastwasm, { ROOT } from './helpers.mjs';
import { formatFailures, runGolden } from './golden.mjs';

const FIXTURES = path.join(ROOT, 'tests/fixtures/golden.json');

test('every golden case matches numpy', (t) => {
  const fixtures = JSON.parse(fs.readFileSync(FIXTURES, 'utf8'));
  assert.ok(fixtures.cases.length > 0, 'no cases in golden.json');
  const result = runGolden(fastwasm, fixtures);
  t.diagnostic(
    `${result.checked} cases (numpy ${fixtures.numpy}), ${result.failures.length} failed, ` +
      `${result.nearTies} ambiguous image bytes off by one`,
  );
  assert.equal(result.checked, fixtures.cases.length);
  assert.equal(result.failures.length, 0, formatFailures(result));
});

test('every kernel in the fixtures is exported by pkg/', () => {
  const fixtures = JSON.parse(fs.readFileSync(FIXTURES, 'utf8'));
  const missing = [...new Set(fixtures.cases.map((c) => c.fn))].filter((fn) => typeof fastwasm[fn] !== 'function');
  assert.deepEqual(missing, []);
});
