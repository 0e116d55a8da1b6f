// The e2e runner itself (tests/e2e/engines.mjs), in every engine: it drives a page, and its
// detectors see a request leaving 127.0.0.1 and an uncaught page error.
//
//   node --test tests/e2e/engines.test.mjs        (FASTWASM_ENGINES=webkit narrows)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { forEachEngine } from './engines.mjs';

/** A port on 127.0.0.1 that nothing listens on (just freed). */
function closedPort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

forEachEngine({}, (env) => {
  test('drives a page: goto, waitForDone, text, click, evaluate, screenshot', async () => {
    const page = await env.browser.newPage({ width: 800, height: 600 });
    try {
      await page.goto(new URL('tests/e2e/engines-page.html', env.server.url).href);
      await page.waitForDone('runner check page', 20_000);
      const sab = env.supports.sharedArrayBuffer ? 'function' : 'undefined';
      assert.equal(await page.text('#out'), `isolated true, SharedArrayBuffer ${sab}`);
      await page.click('#run');
      assert.equal(await page.text('#out'), 'clicked');
      assert.equal(await page.evaluate(async (a, b) => a + b, 2, 3), 5);
      await page.evaluate(() => {
        globalThis.setByTest = 7;
      });
      assert.equal(await page.evaluate(() => window.setByTest), 7, 'globalThis in a page function is the window');
      assert.deepEqual(await page.evaluate(() => ({ list: [1, 'two'], none: undefined })), { list: [1, 'two'] });
      await assert.rejects(page.evaluate(() => Promise.reject(new Error('nope'))), new RegExp(`^Error: ${env.engine}: .*nope`));
      await assert.rejects(
        page.waitFor(() => false, { timeout: 300, what: 'never' }),
        new RegExp(`^Error: ${env.engine}: timed out after 300 ms waiting for never`),
      );
      assert.ok(page.requests().includes('/tests/e2e/page-run.mjs'), 'the server log has the module');
      await page.screenshot(env.screenshotPath('runner'));
      assert.deepEqual(await page.problems(), []);
    } finally {
      await page.close();
    }
  });

  test('sees requests leaving 127.0.0.1, failed requests and uncaught page errors', async () => {
    const page = await env.browser.newPage();
    try {
      await page.goto(new URL('tests/e2e/engines-page.html', env.server.url).href);
      await page.waitForDone('runner check page', 20_000);
      const closed = await closedPort();
      await page.evaluate(
        (port) =>
          Promise.allSettled([fetch('http://example.com/plain'), fetch('https://example.org/tls'), fetch(`http://127.0.0.1:${port}/closed`)]),
        closed,
      );
      // An error of the page's own code (a script element): in Firefox one thrown by a timer that a
      // page function (WebDriver's script) set never reaches the page's error event.
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = "setTimeout(() => { throw new Error('uncaught on purpose'); });";
        document.head.append(script);
      });
      const problems = await page.waitFor(
        () => new Promise((r) => setTimeout(() => r(true), 200)),
        { what: 'a tick' },
      ).then(() => page.problems());
      const has = (re) => problems.some((p) => p.startsWith(`${env.engine}: `) && re.test(p));
      assert.ok(has(/request to another host: http:\/\/example\.com\/plain/), problems.join('\n'));
      // WebKitWebDriver tunnels https through TLS to the proxy, whose certificate it refuses: the
      // proxy sees the attempt but not the host.
      const https = env.supports.foreignHttpsHost ? /https:\/\/example\.org:443\// : /https:\/\/\(unknown host/;
      assert.ok(has(new RegExp(`request to another host: ${https.source}`)), problems.join('\n'));
      assert.ok(has(/page error: .*uncaught on purpose/), problems.join('\n'));
      // A request that got no response at all (a closed port on 127.0.0.1), where BiDi reports it.
      if (env.supports.bidiLog) assert.ok(has(new RegExp(`request failed: http://127\\.0\\.0\\.1:${closed}/closed`)), problems.join('\n'));
    } finally {
      await page.close();
    }
  });
});
