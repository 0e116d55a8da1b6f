// The browser-neutral end-to-end runner: one test, written once, runs in Chromium (chromedriver),
// Firefox (geckodriver) and WebKitGTK (WebKitWebDriver on an Xvfb display), through
// selenium-webdriver.
//
//   forEachEngine({ required: { 'pkg/fastwasm.js': 'run bash scripts/build.sh' } }, (env) => {
//     test('…', async (t) => { const page = await env.browser.newPage(); … });
//   });
//
// FASTWASM_ENGINES=firefox,webkit narrows the engines; `forEachEngine({ engines: [...] })` limits
// one file. Drivers and browsers come from env CHROMEDRIVER, CHROMIUM, GECKODRIVER, FIREFOX,
// WEBKITWEBDRIVER, MINIBROWSER, XVFB (defaults: Debian's, geckodriver from ~/.cargo/bin).
//
// `env`: engine, supports (SUPPORTS[engine]), server ({ url, port }), proxy (the recording proxy),
// browser.newPage({ width, height }), screenshotPath(name) -> test-results/<engine>-<name>.png.
// A page is a fresh WebDriver session (a fresh profile): goto(url), evaluate(fn, ...args),
// waitFor(fn, { timeout, what, interval, args }), waitForDone(what, timeout), text(selector),
// click(selector), setViewport({ width, height }), screenshot(file, { fullPage }), requests()
// (paths the test server was asked for), problems(), close(), and `driver` (selenium) for the rest.
// Page functions run with the page's window as globalThis; their results travel as JSON. Every
// error names the engine.
//
// What `page.problems()` sees, per engine:
// - requests leaving 127.0.0.1, on every engine: each session uses a manual proxy (`proxy`
//   capability) that is a recording proxy in this process; loopback bypasses it, so whatever
//   reaches it is a request to another host. It records the URL (or host:port for https) and
//   refuses it. WebKitWebDriver speaks TLS to an sslProxy and refuses the proxy's self-signed
//   certificate, so on WebKit an https request is recorded without its host.
// - uncaught errors and console.error, from the page and its workers, and requests that got no
//   response: WebDriver BiDi log and network events on Chromium, from the first script on.
//   WebKitGTK 2.50 offers no BiDi, and Firefox is driven without it (below), so there a capture
//   installed by `goto` records the page's (not its workers') errors after the load event.
//
// Why Firefox runs without BiDi: while a BiDi connection is open, Firefox 153 ESR can block a
// worker for good inside `new Worker()` called from that worker (a nested worker, as every threads
// pool makes). The demo page hung so about once in 20 runs; a page that starts a pool and reloads
// itself hung within a minute with BiDi, whether subscribed to events or not, and started its pool
// more than 800 times in a row without it. The README's "Browsers" section says the same.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import tls from 'node:tls';
import { Builder } from 'selenium-webdriver';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The version, defined once in Cargo.toml. */
export const VERSION = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
/** The Python wheel scripts/build.sh makes. */
export const WHEEL = `python/dist/fastwasm-${VERSION}-py3-none-any.whl`;

/** Throws a clear error when a build output (path relative to the repo) is missing. */
export function requireFile(rel, hint) {
  if (!fs.existsSync(path.join(ROOT, rel))) throw new Error(`${rel} is missing: ${hint}`);
}

/** Every engine the runner knows, in the order they run. */
export const ALL_ENGINES = ['chromium', 'firefox', 'webkit'];

/** The engines to run: env FASTWASM_ENGINES (comma-separated) or all. */
export const ENGINES = selectedEngines(process.env.FASTWASM_ENGINES);

function selectedEngines(text) {
  if (!text || !text.trim()) return ALL_ENGINES;
  const names = text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => !ALL_ENGINES.includes(n));
  if (unknown.length) throw new Error(`FASTWASM_ENGINES: unknown engine ${unknown.join(', ')} (know ${ALL_ENGINES.join(', ')})`);
  return ALL_ENGINES.filter((n) => names.includes(n));
}

/**
 * What each engine can do, known in advance so tests can skip what an engine lacks:
 * `sharedArrayBuffer` (WebKitGTK exposes none even when cross-origin isolated), `moduleWorkers`,
 * `bidiLog` (uncaught errors caught from the first script, and in workers), `foreignHttpsHost` (the
 * host of an https request leaving 127.0.0.1 is known; WebKit's is reported as unknown),
 * `phoneViewport` (setViewport goes down to a phone's 375 px, through BiDi; without it, sizing the
 * window, MiniBrowser's stops at ~450 px and Firefox's at 500).
 */
export const SUPPORTS = {
  chromium: { sharedArrayBuffer: true, moduleWorkers: true, bidiLog: true, foreignHttpsHost: true, phoneViewport: true },
  firefox: { sharedArrayBuffer: true, moduleWorkers: true, bidiLog: false, foreignHttpsHost: true, phoneViewport: false },
  webkit: { sharedArrayBuffer: false, moduleWorkers: true, bidiLog: false, foreignHttpsHost: false, phoneViewport: false },
};

const HOME = process.env.HOME || '/root';
const BINARIES = {
  chromedriver: process.env.CHROMEDRIVER || '/usr/bin/chromedriver',
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  geckodriver: process.env.GECKODRIVER || path.join(HOME, '.cargo/bin/geckodriver'),
  firefox: process.env.FIREFOX || '/usr/bin/firefox-esr',
  webkitDriver: process.env.WEBKITWEBDRIVER || '/usr/bin/WebKitWebDriver',
  miniBrowser: process.env.MINIBROWSER || findMiniBrowser(),
  xvfb: process.env.XVFB || '/usr/bin/Xvfb',
};

function findMiniBrowser() {
  for (const lib of ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib']) {
    for (const api of ['webkit2gtk-4.1', 'webkit2gtk-4.0', 'webkitgtk-6.0']) {
      const candidate = path.join(lib, api, 'MiniBrowser');
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  return '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
}

function requireBinary(file, what, hint) {
  if (!fs.existsSync(file)) throw new Error(`${what} not found at ${file}: ${hint}`);
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The target of a SOCKS 4/4a/5 CONNECT request in `buf`, or undefined while it is incomplete. */
function socksTarget(buf) {
  if (buf[0] === 4) {
    const userEnd = buf.indexOf(0, 8);
    if (buf.length < 9 || userEnd < 0) return undefined;
    const port = buf.readUInt16BE(2);
    const ip = [...buf.subarray(4, 8)];
    if (ip[0] === 0 && ip[1] === 0 && ip[2] === 0 && ip[3] !== 0) {
      const hostEnd = buf.indexOf(0, userEnd + 1);
      return hostEnd < 0 ? undefined : { host: buf.toString('latin1', userEnd + 1, hostEnd), port };
    }
    return { host: ip.join('.'), port };
  }
  // SOCKS 5, after the method negotiation: VER CMD RSV ATYP ADDR PORT.
  if (buf.length < 5) return undefined;
  const type = buf[3];
  const addrLength = type === 1 ? 4 : type === 4 ? 16 : type === 3 ? 1 + buf[4] : -1;
  if (addrLength < 0) return { host: '?', port: 0 };
  if (buf.length < 4 + addrLength + 2) return undefined;
  const addr = buf.subarray(4, 4 + addrLength);
  const host =
    type === 1 ? [...addr].join('.') : type === 3 ? addr.toString('latin1', 1) : addr.toString('hex').replace(/(.{4})(?!$)/g, '$1:');
  return { host, port: buf.readUInt16BE(4 + addrLength) };
}

/** Answers a SOCKS client: records its target, then refuses the connection. */
function refuseSocks(socket, first, record) {
  let buf = first;
  let negotiated = first[0] === 4;
  const step = () => {
    if (!negotiated) {
      if (buf.length < 2 || buf.length < 2 + buf[1]) return;
      buf = buf.subarray(2 + buf[1]);
      negotiated = true;
      socket.write(Buffer.from([5, 0])); // no authentication
    }
    const target = socksTarget(buf);
    if (!target) return;
    record(`${target.port === 443 ? 'https' : target.port === 80 ? 'http' : 'tcp'}://${target.host}:${target.port}/`);
    const reply = first[0] === 4 ? [0, 0x5b, 0, 0, 0, 0, 0, 0] : [5, 2, 0, 1, 0, 0, 0, 0, 0, 0];
    socket.end(Buffer.from(reply));
  };
  socket.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    step();
  });
  step();
}

let identity;

/** A throwaway self-signed key and certificate for the proxy's TLS side (made with openssl). */
function tlsIdentity() {
  if (identity) return identity;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fastwasm-proxy-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
        '-subj', '/CN=127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')],
      { stdio: 'ignore' },
    );
    identity = { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return identity;
}

/**
 * A proxy that records and refuses every request reaching it, as an HTTP proxy (requests and
 * CONNECT tunnels) and as a SOCKS 4/5 proxy on the same port. Browsers bypass the proxy for
 * 127.0.0.1, so each record is a request that would have left the machine.
 */
export async function startRecordingProxy() {
  const records = [];
  const record = (target) => records.push(target);
  const httpProxy = http.createServer((req, res) => {
    record(req.url);
    res.writeHead(502, { 'Content-Type': 'text/plain' });
    res.end('refused by the fastwasm test proxy: only 127.0.0.1 may be reached\n');
  });
  httpProxy.on('connect', (req, socket) => {
    record(`https://${req.url}/`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  httpProxy.on('clientError', (_err, socket) => socket.destroy());
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.once('data', (first) => {
      if (first[0] === 4 || first[0] === 5) return refuseSocks(socket, first, record);
      socket.pause();
      socket.unshift(first);
      httpProxy.emit('connection', socket);
      socket.resume();
    });
  });
  // WebKitWebDriver makes sslProxy an https:// proxy (TLS to the proxy): this port terminates that
  // TLS, with a self-signed certificate (the session accepts insecure certificates), and reads the
  // CONNECT inside.
  const tlsServer = tls.createServer(tlsIdentity(), (secure) => {
    sockets.add(secure);
    secure.on('close', () => sockets.delete(secure));
    secure.on('error', () => {});
    httpProxy.emit('connection', secure);
  });
  tlsServer.on('tlsClientError', (_err, socket) => {
    record('https://(unknown host: the TLS handshake with the proxy failed)/');
    socket.destroy();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  return {
    /** host:port of the plain proxy (HTTP, CONNECT, SOCKS). */
    address: `127.0.0.1:${server.address().port}`,
    /** host:port of the same proxy behind TLS. */
    tlsAddress: `127.0.0.1:${tlsServer.address().port}`,
    records,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([server, tlsServer].map((srv) => new Promise((resolve) => srv.close(() => resolve()))));
    },
  };
}

/** Starts Xvfb on a free display; resolves to `{ display, close() }`. */
function startXvfb() {
  requireBinary(BINARIES.xvfb, 'Xvfb', 'install the Debian package xvfb (scripts/install.sh --test)');
  return new Promise((resolve, reject) => {
    const child = spawn(BINARIES.xvfb, ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stopOnExit = () => child.kill('SIGTERM');
    process.once('exit', stopOnExit);
    child.once('exit', () => process.off('exit', stopOnExit));
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${stderr.trim()}`)));
    child.stdout.on('data', (d) => {
      stdout += d;
      const match = stdout.match(/^(\d+)\n/);
      if (!match) return;
      resolve({
        display: `:${match[1]}`,
        close: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Headless Chromium flags: no network chatter of its own, runs as root. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--no-pings',
  // Services that call Google from a fresh profile (seen through the recording proxy).
  '--disable-features=' +
    [
      'OptimizationHints',
      'OptimizationHintsFetching',
      'OptimizationGuideModelDownloading',
      'OptimizationTargetPrediction',
      'AutofillServerCommunication',
      'Translate',
      'MediaRouter',
      'DialMediaRouteProvider',
      'CertificateTransparencyComponentUpdater',
    ].join(','),
];

/** Firefox preferences that keep a fresh profile from calling home, on top of geckodriver's. */
const FIREFOX_PREFS = {
  'network.proxy.allow_hijacking_localhost': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.update.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'browser.region.network.url': '',
  'browser.search.geoSpecificDefaults': false,
  'dom.push.connection.enabled': false,
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'toolkit.telemetry.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
};

/**
 * Hosts a browser reaches on its own, whatever the page does (Chromium's account check at start
 * and its update and clock services some time into a session, Firefox's Remote Settings, which
 * ignores its server preference in release builds). The proxy refuses them too, but `problems()`
 * does not list them: no page asked for them.
 */
export const BROWSER_OWN_HOSTS = {
  chromium: ['accounts.google.com', 'update.googleapis.com', 'clients2.google.com'],
  firefox: ['firefox.settings.services.mozilla.com'],
  webkit: [],
};

/** The host of a proxy record (a URL, or https://host:port/ for a tunnel). */
function recordHost(record) {
  try {
    return new URL(record).hostname;
  } catch {
    return '';
  }
}

/** Resolves after `ms`, or rejects with `message` if `promise` has not settled by then. */
function withDeadline(promise, ms, message) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * A WebDriver server in a process group of its own (with the browsers it starts), so that stopping
 * it also stops a browser that no longer answers. `start()` resolves to its URL once /status
 * answers; `stop()` kills the group.
 */
function driverService(executable, args, env = process.env, port) {
  let child;
  const stopGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => child && stopGroup('SIGKILL');
  return {
    async start() {
      child = spawn(executable, args, { env, stdio: 'ignore', detached: true });
      process.on('exit', onExit);
      const exited = new Promise((_, reject) => {
        child.once('error', reject);
        child.once('exit', (code, signal) => reject(new Error(`${path.basename(executable)} exited (${code ?? signal})`)));
      });
      exited.catch(() => {});
      const url = `http://127.0.0.1:${port}/`;
      const deadline = Date.now() + 30_000;
      for (;;) {
        const ready = await Promise.race([
          fetch(new URL('status', url)).then((r) => r.ok, () => false),
          exited,
        ]);
        if (ready) return url;
        if (Date.now() > deadline) throw new Error(`${path.basename(executable)} did not answer on ${url} in 30 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    /**
     * Kills every process of the server's group but the server: the browser processes a closed
     * session left behind. (WebKitGTK's web and network processes outlive a quit MiniBrowser and
     * go on running the page's scripts and workers; a few of them left by heavy pages starved the
     * machine until new sessions stopped starting.)
     */
    reapBrowsers() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      let pids = [];
      try {
        pids = execFileSync('ps', ['-o', 'pid=', '-g', String(child.pid)], { encoding: 'utf8' })
          .split('\n')
          .map((line) => Number(line.trim()))
          .filter((pid) => pid && pid !== child.pid);
      } catch {
        return; // no process in the group (ps exits with 1)
      }
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
    async stop() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      stopGroup('SIGTERM');
      const timer = setTimeout(() => stopGroup('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
      stopGroup('SIGKILL'); // the browsers it left
      process.off('exit', onExit);
    },
  };
}

/** The WebDriver script and page-load timeouts of a page. */
const SCRIPT_TIMEOUT = 600_000;
const PAGE_LOAD_TIMEOUT = 300_000;
/** How long past its own timeout a WebDriver command may go unanswered (a browser that died). */
const COMMAND_DEADLINE = 30_000;

/**
 * How long a new browser session may take before its WebDriver server is restarted (a session
 * normally starts in about a second), and how many tries it gets.
 */
const SESSION_TIMEOUT = 40_000;
const SESSION_TRIES = 3;

/**
 * The environment of WebKitWebDriver and the MiniBrowsers it starts: the Xvfb display, and no
 * accessibility bus (GTK would otherwise look for one over D-Bus at start-up).
 */
function webkitEnv(display) {
  return { ...process.env, DISPLAY: display, NO_AT_BRIDGE: '1' };
}

/**
 * One engine: its driver (started once) and the capabilities of each session. `newSession()`
 * creates a fresh session (a fresh profile: no storage shared between pages).
 */
async function launchEngine(engine, recordingProxy) {
  const proxyAddress = recordingProxy.address;
  const noProxy = ['127.0.0.1', 'localhost'];
  const proxy = { proxyType: 'manual', httpProxy: proxyAddress, sslProxy: proxyAddress, noProxy };
  const port = await freePort();
  let service;
  let capabilities;
  let xvfb;
  if (engine === 'chromium') {
    requireBinary(BINARIES.chromedriver, 'chromedriver', 'install chromium-driver (scripts/install.sh --test) or set CHROMEDRIVER');
    requireBinary(BINARIES.chromium, 'Chromium', 'install chromium or set CHROMIUM');
    service = driverService(BINARIES.chromedriver, [`--port=${port}`], process.env, port);
    capabilities = {
      browserName: 'chrome',
      'goog:chromeOptions': { binary: BINARIES.chromium, args: CHROMIUM_ARGS },
      webSocketUrl: true,
      proxy,
    };
  } else if (engine === 'firefox') {
    requireBinary(BINARIES.geckodriver, 'geckodriver', 'cargo install geckodriver (scripts/install.sh --test) or set GECKODRIVER');
    requireBinary(BINARIES.firefox, 'Firefox', 'install firefox-esr or set FIREFOX');
    const websocketPort = await freePort();
    service = driverService(
      BINARIES.geckodriver,
      ['--port', String(port), '--host', '127.0.0.1', '--websocket-port', String(websocketPort)],
      process.env,
      port,
    );
    capabilities = {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: BINARIES.firefox,
        args: ['-headless'],
        prefs: FIREFOX_PREFS,
        // Lets services.settings.server (above) point Remote Settings nowhere.
        env: { MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      },
      // No webSocketUrl: Firefox is driven without BiDi (see the top of this file).
      proxy,
    };
  } else if (engine === 'webkit') {
    requireBinary(BINARIES.webkitDriver, 'WebKitWebDriver', 'install webkit2gtk-driver (scripts/install.sh --test) or set WEBKITWEBDRIVER');
    requireBinary(BINARIES.miniBrowser, 'MiniBrowser', 'install webkit2gtk-driver (it pulls libwebkit2gtk) or set MINIBROWSER');
    xvfb = await startXvfb();
    service = driverService(BINARIES.webkitDriver, [`--port=${port}`], webkitEnv(xvfb.display), port);
    capabilities = {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: BINARIES.miniBrowser, args: ['--automation'] },
      // WebKitWebDriver makes sslProxy an https:// proxy (TLS to the proxy): the proxy's TLS port.
      proxy: { ...proxy, sslProxy: recordingProxy.tlsAddress },
      acceptInsecureCerts: true,
    };
  } else {
    throw new Error(`unknown engine ${engine}`);
  }
  let url;
  try {
    url = await service.start();
  } catch (err) {
    await xvfb?.close();
    throw new Error(`${engine}: the WebDriver server did not start: ${err.message}`);
  }
  return {
    engine,
    /**
     * A new session. A browser that has not answered in SESSION_TIMEOUT (seen: MiniBrowser, on a
     * busy machine, now and then) gets its WebDriver server restarted and one more try.
     */
    async newSession() {
      for (let attempt = 1; ; attempt++) {
        const building = Promise.resolve(new Builder().usingServer(url).withCapabilities(capabilities).build());
        try {
          return await withDeadline(building, SESSION_TIMEOUT, `no answer in ${SESSION_TIMEOUT / 1000} s`);
        } catch (err) {
          building.then((late) => late.quit(), () => {}).catch(() => {});
          if (attempt >= SESSION_TRIES) throw new Error(`${engine}: could not start a browser session (${attempt} tries): ${err.message}`);
          await this.restart();
        }
      }
    },
    /** After a session has closed: no process of its browser keeps running (see reapBrowsers). */
    afterSession() {
      service.reapBrowsers();
    },
    /**
     * Stops the WebDriver server and every browser it started, and starts it again (for WebKit on a
     * new Xvfb display too: a MiniBrowser that cannot use its display never answers).
     */
    async restart() {
      await service.stop();
      if (xvfb) {
        await xvfb.close();
        xvfb = await startXvfb();
        service = driverService(BINARIES.webkitDriver, [`--port=${port}`], webkitEnv(xvfb.display), port);
      }
      url = await service.start();
    },
    close: async () => {
      await service.stop();
      await xvfb?.close();
    },
  };
}

/** The function `fn` (or a function body string) as the source of an expression. */
function functionSource(fn) {
  if (typeof fn === 'function') return `(${fn.toString()})`;
  if (typeof fn === 'string') return `(function () { return (${fn}); })`;
  throw new TypeError('expected a function or an expression string');
}

/** In the page: an error's message, and its stack when that adds to it. */
const describeError = `(err) => {
  const text = String(err);
  const stack = err && typeof err.stack === 'string' ? err.stack : '';
  return stack.includes(text) ? stack : stack ? text + '\\n' + stack : text;
}`;

/** Runs in the page: collects uncaught errors and console.error calls into a global list. */
const PAGE_CAPTURE = `
  if (!window.__fastwasmProblems) {
    const list = (window.__fastwasmProblems = []);
    const describe = ${describeError};
    addEventListener('error', (e) => {
      // The ResizeObserver notice is an error event with no error, which the BiDi engines and
      // Playwright do not report as a page error either (a resize, e.g. a chart's, not a fault).
      if (!e.error && /^ResizeObserver loop/.test(e.message)) return;
      list.push('page error: ' + (e.error ? describe(e.error) : e.message));
    });
    addEventListener('unhandledrejection', (e) => list.push('page error: unhandled rejection: ' + describe(e.reason)));
    const original = console.error;
    console.error = function (...args) { list.push('console error: ' + args.map(String).join(' ')); return original.apply(this, args); };
  }`;

/**
 * A page: a fresh WebDriver session (its own profile) on `env`'s engine. See runner-api.md for
 * the methods; every error message names the engine.
 */
async function openPage(env, viewport) {
  try {
    return await openPageOnce(env, viewport);
  } catch (err) {
    // A fresh browser that cannot be set up (seen: MiniBrowser refusing its first window size on
    // a busy machine) gets one more try on a restarted WebDriver server.
    if (!/could not (open a page|size the window)/.test(err.message)) throw err;
    await env.launched.restart();
    return openPageOnce(env, viewport);
  }
}

/** One attempt of openPage. */
async function openPageOnce(env, { width = 1100, height = 900 } = {}) {
  const { engine } = env;
  const driver = await env.launched.newSession();
  const foreignStart = env.proxy.records.length;
  const requestStart = env.requestLog.length;
  const errors = [];
  let bidi;
  try {
    await driver.manage().setTimeouts({ script: SCRIPT_TIMEOUT, pageLoad: PAGE_LOAD_TIMEOUT });
    if (env.supports.bidiLog) {
      bidi = await driver.getBidi();
      await bidi.subscribe(['log.entryAdded', 'network.fetchError']);
      bidi.on('log.entryAdded', (entry) => {
        if (entry.type === 'javascript' && entry.level === 'error') errors.push(`page error: ${entry.text}${stackText(entry)}`);
        else if (entry.type === 'console' && entry.level === 'error') errors.push(`console error: ${entry.text}`);
      });
      // A request of the page that got no response (refused, reset, blocked); not HTTP errors.
      bidi.on('network.fetchError', (event) => {
        if (event.context) errors.push(`request failed: ${event.request?.url} (${event.errorText})`);
      });
    }
  } catch (err) {
    await withDeadline(driver.quit(), COMMAND_DEADLINE, 'quit').catch(() => {});
    throw new Error(`${engine}: could not open a page: ${err.name}: ${err.message}`);
  }

  /** `promise` (a WebDriver command), or an error naming the engine once `ms` have passed. */
  const answer = (promise, what, ms = COMMAND_DEADLINE) =>
    withDeadline(promise, ms, `${engine}: the browser did not answer ${what} in ${Math.round(ms / 1000)} s`);

  const evaluateIn = async (fn, args, ms = SCRIPT_TIMEOUT + COMMAND_DEADLINE) => {
    // Firefox runs WebDriver scripts in a sandbox whose globalThis is not the page's window (reads
    // fall through to the window, writes stay in the sandbox): the page function sees the window.
    const script = `
      const globalThis = window;
      const done = arguments[arguments.length - 1];
      const args = JSON.parse(arguments[0]);
      Promise.resolve().then(() => ${functionSource(fn)}(...args)).then(
        (value) => done({ json: value === undefined ? 'null' : JSON.stringify(value) }),
        (err) => done({ error: (${describeError})(err) }));`;
    const reply = await answer(driver.executeAsyncScript(script, JSON.stringify(args)), 'a page function', ms);
    if (reply?.error !== undefined) throw new Error(`${engine}: page function threw: ${reply.error}`);
    return JSON.parse(reply?.json ?? 'null');
  };

  // The BiDi browsing context of this page (its window handle) when the engine speaks BiDi.
  const context = bidi ? await driver.getWindowHandle() : undefined;
  /** Sends a BiDi command; its result, or an error naming the engine. */
  const bidiCommand = async (method, params) => {
    const reply = await bidi.send({ method, params });
    if (reply.type === 'error' || reply.error) throw new Error(`${engine}: ${method}: ${reply.error}: ${reply.message}`);
    return reply.result;
  };

  /**
   * Makes the page's viewport (innerWidth × innerHeight) width × height: through BiDi where there
   * is BiDi (any size, as a phone's), otherwise by sizing the window (down to the engine's minimum).
   */
  const setViewport = async ({ width, height }) => {
    if (bidi) {
      await bidiCommand('browsingContext.setViewport', { context, viewport: { width, height } });
      return;
    }
    const window = driver.manage().window();
    await window.setRect({ width, height });
    for (let attempt = 0; attempt < 2; attempt++) {
      const inner = await driver.executeScript('return [innerWidth, innerHeight];');
      if (inner[0] === width && inner[1] === height) return;
      const rect = await window.getRect();
      await window.setRect({ width: rect.width + width - inner[0], height: rect.height + height - inner[1] });
    }
  };

  const outText = () =>
    answer(driver.executeScript("const el = document.querySelector('#out'); return el ? el.textContent : null;"), '#out').catch(
      () => null,
    );

  try {
    await setViewport({ width, height });
  } catch (err) {
    await withDeadline(driver.quit(), COMMAND_DEADLINE, 'quit').catch(() => {});
    throw new Error(`${engine}: could not size the window to ${width}×${height}: ${err.name}: ${err.message}`);
  }

  const page = {
    engine,
    driver,
    /** Resizes the window so that the viewport is width × height CSS pixels (as far as the engine allows). */
    setViewport,
    /** Loads `url` and waits for its load event. */
    async goto(url) {
      try {
        await answer(driver.get(url), `loading ${url}`, PAGE_LOAD_TIMEOUT + COMMAND_DEADLINE);
      } catch (err) {
        throw new Error(`${engine}: loading ${url} failed: ${err.message}`);
      }
      if (!env.supports.bidiLog) await driver.executeScript(PAGE_CAPTURE).catch(() => {});
    },
    /** Runs `fn(...args)` in the page, awaits it, returns its JSON value. */
    evaluate(fn, ...args) {
      return evaluateIn(fn, args);
    },
    /** Polls `fn(...args)` in the page until truthy; returns that value. */
    async waitFor(fn, { timeout = 30_000, what = 'condition', interval = 250, args = [] } = {}) {
      const deadline = Date.now() + timeout;
      let lastError;
      for (;;) {
        try {
          // A poll the browser does not answer at all ends the wait (it will not answer later).
          const value = await evaluateIn(fn, args, Math.max(0, deadline - Date.now()) + COMMAND_DEADLINE);
          if (value) return value;
          lastError = undefined;
        } catch (err) {
          if (/did not answer/.test(err.message)) throw err;
          lastError = err;
        }
        if (Date.now() >= deadline) break;
        await new Promise((r) => setTimeout(r, interval));
      }
      const out = await outText();
      throw new Error(
        `${engine}: timed out after ${timeout} ms waiting for ${what}` +
          (lastError ? ` (last error: ${lastError.message})` : '') +
          (out ? `\n#out: ${out}` : ''),
      );
    },
    /** The runPage convention (tests/e2e/page-run.mjs): waits for body[data-state] done or error. */
    async waitForDone(what, timeout = 60_000) {
      const state = await page.waitFor(
        () => ['done', 'error'].includes(document.body?.dataset.state) && document.body.dataset.state,
        { timeout, what },
      );
      if (state !== 'done') throw new Error(`${engine}: ${what} failed: ${await outText()}`);
    },
    /** The textContent of the first element matching `selector`. */
    async text(selector) {
      const value = await answer(
        driver.executeScript('const el = document.querySelector(arguments[0]); return el ? el.textContent : null;', selector),
        `reading ${selector}`,
      );
      if (value === null) throw new Error(`${engine}: no element matches ${selector}`);
      return value;
    },
    /** A WebDriver (real pointer) click on the first element matching `selector`. */
    async click(selector) {
      const { By } = await import('selenium-webdriver');
      try {
        await answer(driver.findElement(By.css(selector)).click(), `clicking ${selector}`);
      } catch (err) {
        throw new Error(`${engine}: clicking ${selector} failed: ${err.message}`);
      }
    },
    /**
     * Saves a PNG at `file` (relative to the repository, or absolute): the viewport, or with
     * `{ fullPage: true }` the whole page (the window is made as tall as the page for the shot).
     */
    async screenshot(file, { fullPage = false } = {}) {
      const abs = path.resolve(ROOT, file);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      if (fullPage && bidi) {
        const { data } = await bidiCommand('browsingContext.captureScreenshot', { context, origin: 'document' });
        fs.writeFileSync(abs, Buffer.from(data, 'base64'));
        return abs;
      }
      let restore;
      if (fullPage) {
        const [w, h, pageHeight] = await driver.executeScript(
          'return [innerWidth, innerHeight, Math.ceil(document.documentElement.scrollHeight)];',
        );
        if (pageHeight > h) {
          restore = { width: w, height: h };
          await setViewport({ width: w, height: Math.min(pageHeight, 16_000) }).catch(() => {});
        }
      }
      try {
        fs.writeFileSync(abs, Buffer.from(await answer(driver.takeScreenshot(), 'a screenshot'), 'base64'));
      } finally {
        if (restore) await setViewport(restore).catch(() => {});
      }
      return abs;
    },
    /** Paths (with query) the test server was asked for since this page opened. */
    requests() {
      return env.requestLog.slice(requestStart);
    },
    /** Requests to hosts other than 127.0.0.1, uncaught page errors and console errors. */
    async problems() {
      const list = env.proxy.records
        .slice(foreignStart)
        .filter((u) => !BROWSER_OWN_HOSTS[engine].includes(recordHost(u)))
        .map((u) => `${engine}: request to another host: ${u}`);
      list.push(...errors.map((e) => `${engine}: ${e}`));
      if (!env.supports.bidiLog) {
        const captured = await answer(driver.executeScript('return window.__fastwasmProblems || [];'), 'the problem list').catch(
          (err) => [`could not read the page's problem list: ${err.message}`],
        );
        list.push(...captured.map((e) => `${engine}: ${e}`));
      }
      return list;
    },
    /** Ends the session (closes the browser of this page). */
    async close() {
      try {
        bidi?.close();
      } catch {
        // already closed
      }
      try {
        await answer(driver.quit(), 'closing the session');
        env.launched.afterSession();
      } catch (err) {
        // A browser that does not close: stop the WebDriver server and its browsers, start afresh.
        if (/did not answer/.test(err.message)) await env.launched.restart();
      }
    },
  };
  return page;
}

function stackText(entry) {
  const frames = entry.stackTrace?.callFrames ?? [];
  if (!frames.length) return '';
  return '\n' + frames.map((f) => `    at ${f.functionName || '<anonymous>'} (${f.url}:${f.lineNumber + 1}:${f.columnNumber + 1})`).join('\n');
}

let exitHooked = false;

/**
 * On SIGTERM or SIGINT (a test runner stopping this file), exits through process.exit so that the
 * 'exit' hooks stop Xvfb and the WebDriver servers (selenium-webdriver's own hook) with it.
 */
function exitOnSignals() {
  if (exitHooked) return;
  exitHooked = true;
  process.once('SIGTERM', () => process.exit(143));
  process.once('SIGINT', () => process.exit(130));
}

/**
 * Registers, for each engine of ENGINES, a node:test `describe('<engine>', …)`: `before` checks the
 * `required` files (repo-relative path -> hint), starts scripts/serve.mjs on a free port with the
 * test mount (/tests/ -> tests/) and the engine's WebDriver server; `after` stops both. `fn(env)`
 * registers the tests; `env.engine`, `env.server`, `env.browser.newPage()` and `env.supports` are
 * set once `before` has run (`env.engine` and `env.supports` at once).
 * `options.engines` limits the engines for this file (intersected with ENGINES).
 */
export function forEachEngine({ required = {}, engines = ALL_ENGINES } = {}, fn) {
  for (const engine of ENGINES.filter((e) => engines.includes(e))) {
    describe(engine, () => {
      const env = {
        engine,
        supports: SUPPORTS[engine],
        server: undefined,
        proxy: undefined,
        requestLog: [],
        launched: undefined,
        browser: {
          newPage: (viewport) => openPage(env, viewport),
        },
        /** test-results/<engine>-<name>.png */
        screenshotPath: (name) => `test-results/${engine}-${name}.png`,
      };
      before(async () => {
        for (const [rel, hint] of Object.entries(required)) requireFile(rel, hint);
        exitOnSignals();
        env.server = await startServer({ port: 0, host: '127.0.0.1', testMounts: true });
        env.server.server.prependListener('request', (req) => env.requestLog.push(req.url));
        env.proxy = await startRecordingProxy();
        env.launched = await launchEngine(engine, env.proxy);
      });
      after(async () => {
        await env.launched?.close();
        await env.proxy?.close();
        await env.server?.close();
      });
      fn(env);
    });
  }
}
