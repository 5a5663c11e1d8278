/**
 * A minimal driver for headless Chromium over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`: JSON messages, NUL-terminated, on file descriptors 3 and 4).
 * No npm driver is needed, and one browser process serves many pages and figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** The Chromium binary; `CHROMIUM_PATH` overrides the Debian location. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a quiet, isolated, reproducible headless run. SwiftShader gives software WebGL,
 * which 3-D plotly traces need even with the GPU disabled.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--hide-scrollbars',
  '--mute-audio',
];

type Json = Record<string, unknown>;
type Pending = { resolve: (value: Json) => void; reject: (error: Error) => void; method: string };
type EventListener = (params: Json, sessionId: string | undefined) => void;

/** A running headless Chromium; close it when done (it also dies with this process). */
export class HeadlessChromium {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<{ method: string; listener: EventListener }>();
  private buffer = '';
  private stderrTail = '';
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly input: Writable,
    output: Readable,
    private readonly userDataDir: string,
  ) {
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.receive(chunk));
    child.stderr?.setEncoding('utf8');
    // Drain stderr (a full pipe would stall the browser) and keep its end for error messages.
    child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      const error = new Error(`chromium exited (code ${code}, signal ${signal}): ${this.stderrTail}`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    });
  }

  /** Starts Chromium with a fresh profile directory. */
  static async launch(): Promise<HeadlessChromium> {
    const userDataDir = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
    const child = spawn(CHROMIUM_PATH, [...CHROMIUM_FLAGS, `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    const browser = new HeadlessChromium(child, child.stdio[3] as Writable, child.stdio[4] as Readable, userDataDir);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', reject);
    });
    await browser.send('Browser.getVersion');
    return browser;
  }

  /** Sends one protocol command (to a page when `sessionId` is given) and waits for its result. */
  send(method: string, params: Json = {}, sessionId?: string): Promise<Json> {
    if (this.exited) return Promise.reject(new Error(`chromium has exited: ${this.stderrTail}`));
    const id = this.nextId++;
    const message = JSON.stringify(sessionId ? { id, method, params, sessionId } : { id, method, params });
    return new Promise<Json>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.input.write(`${message}\0`);
    });
  }

  /** Subscribes to a protocol event; returns the function that unsubscribes. */
  on(method: string, listener: EventListener): () => void {
    const entry = { method, listener };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  /** Opens a new blank tab with the given viewport. */
  async newPage(viewport: { width: number; height: number } = { width: 1200, height: 900 }): Promise<ChromiumPage> {
    const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as {
      sessionId: string;
    };
    const page = new ChromiumPage(this, targetId, sessionId);
    await page.start(viewport);
    return page;
  }

  /** Ends the browser and removes its profile directory. */
  async close(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.send('Browser.close').catch(() => undefined);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.userDataDir, { recursive: true, force: true });
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const text = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      const message = JSON.parse(text) as {
        id?: number;
        result?: Json;
        error?: { message: string };
        method?: string;
        params?: Json;
        sessionId?: string;
      };
      if (message.id !== undefined) {
        const pending = this.pending.get(message.id);
        if (!pending) continue;
        this.pending.delete(message.id);
        if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
        else pending.resolve(message.result ?? {});
      } else if (message.method) {
        for (const { method, listener } of this.listeners) {
          if (method === message.method) listener(message.params ?? {}, message.sessionId);
        }
      }
    }
  }
}

/** One tab: navigation, script evaluation, and the JavaScript errors it reported. */
export class ChromiumPage {
  /** Uncaught exceptions, `console.error` calls and error-level browser log entries, in order. */
  readonly errors: string[] = [];
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly browser: HeadlessChromium,
    private readonly targetId: string,
    private readonly sessionId: string,
  ) {}

  /** Enables the domains the page needs and collects errors from now on. */
  async start(viewport: { width: number; height: number }): Promise<void> {
    const mine =
      (fn: (params: Json) => void): EventListener =>
      (params, sessionId) => {
        if (sessionId === this.sessionId) fn(params);
      };
    this.unsubscribe.push(
      this.browser.on(
        'Runtime.exceptionThrown',
        mine((p) => {
          const details = p.exceptionDetails as { text?: string; exception?: { description?: string } };
          this.errors.push(`uncaught: ${details.exception?.description ?? details.text ?? 'exception'}`);
        }),
      ),
      this.browser.on(
        'Runtime.consoleAPICalled',
        mine((p) => {
          if (p.type !== 'error' && p.type !== 'assert') return;
          const args = (p.args as { value?: unknown; description?: string }[]) ?? [];
          this.errors.push(`console.${p.type}: ${args.map((a) => a.description ?? String(a.value)).join(' ')}`);
        }),
      ),
      this.browser.on(
        'Log.entryAdded',
        mine((p) => {
          const entry = p.entry as { level: string; text: string; url?: string };
          if (entry.level === 'error') this.errors.push(`${entry.text}${entry.url ? ` (${entry.url})` : ''}`);
        }),
      ),
    );
    await this.send('Runtime.enable');
    await this.send('Log.enable');
    await this.send('Page.enable');
    await this.send('Emulation.setDeviceMetricsOverride', {
      width: viewport.width,
      height: viewport.height,
      deviceScaleFactor: 1,
      mobile: false,
    });
  }

  /** Sends a protocol command to this tab. */
  send(method: string, params: Json = {}): Promise<Json> {
    return this.browser.send(method, params, this.sessionId);
  }

  /** Loads `url` and resolves once its load event fired (all inline scripts have run). */
  async navigate(url: string, timeoutMs = 60_000): Promise<void> {
    let stop = (): void => undefined;
    const loaded = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout loading ${url}`)), timeoutMs);
      const off = this.browser.on('Page.loadEventFired', (_p, sessionId) => {
        if (sessionId === this.sessionId) resolve();
      });
      stop = () => {
        clearTimeout(timer);
        off();
      };
    });
    try {
      const result = (await this.send('Page.navigate', { url })) as { errorText?: string };
      if (result.errorText) throw new Error(`cannot load ${url}: ${result.errorText}`);
      await loaded;
    } finally {
      stop();
    }
  }

  /** Evaluates an expression in the page, awaiting a returned promise; throws the page's exception. */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = (await this.send('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
    })) as { result: { value?: unknown }; exceptionDetails?: { text?: string; exception?: { description?: string } } };
    if (reply.exceptionDetails) {
      const d = reply.exceptionDetails;
      throw new Error(`page script failed: ${d.exception?.description ?? d.text ?? 'exception'}`);
    }
    return reply.result.value as T;
  }

  /** Closes the tab. */
  async close(): Promise<void> {
    for (const off of this.unsubscribe) off();
    await this.browser.send('Target.closeTarget', { targetId: this.targetId });
  }
}

/** Runs `work` with a freshly launched browser and always closes it afterwards. */
export async function withChromium<T>(work: (browser: HeadlessChromium) => Promise<T>): Promise<T> {
  const browser = await HeadlessChromium.launch();
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}
