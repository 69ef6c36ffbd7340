// What the end-to-end tests share: a real `xuefeng serve` on a fresh demo database in a temporary
// directory, API calls for setup and checks, Debian's Chromium driven by playwright-core, and screenshots
// saved as test artifacts.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { chromium } from 'playwright-core'

export const DEMO_PASSWORD = 'xuefeng-demo'
const binary = process.env.XUEFENG_BINARY
export const artifacts = process.env.XUEFENG_ARTIFACTS || join(process.cwd(), 'e2e-artifacts')

/** Today in the server's time zone (the demo and the server use UTC+8). */
export function todayInChina() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

export async function startServer() {
  if (!binary || !existsSync(binary)) throw new Error(`XUEFENG_BINARY does not name the xuefeng binary: ${binary}`)
  const dir = mkdtempSync(join(tmpdir(), 'xuefeng-e2e-'))
  const db = join(dir, 'e2e.db')
  execFileSync(binary, ['demo', '--db', db], { stdio: 'pipe' })
  const portFile = join(dir, 'port')
  const child = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--port-file', portFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let log = ''
  child.stderr.on('data', (d) => (log += d))
  for (let i = 0; i < 200 && !existsSync(portFile); i++) await sleep(50)
  if (!existsSync(portFile)) throw new Error(`xuefeng serve did not start:\n${log}`)
  const port = Number(readFileSync(portFile, 'utf8').trim())
  const base = `http://127.0.0.1:${port}`
  return {
    base,
    log: () => log,
    async stop() {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A minimal API client with a bearer token, for setting up and checking what the UI did. */
export async function apiAs(base, login, password = DEMO_PASSWORD) {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  })
  if (!res.ok) throw new Error(`login ${login}: ${res.status} ${await res.text()}`)
  const { token, account } = await res.json()
  const call = async (method, path, body) => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await r.text()
    const data = text && (r.headers.get('Content-Type') || '').includes('json') ? JSON.parse(text) : text
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`)
    return data
  }
  return {
    account,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    put: (path, body) => call('PUT', path, body),
    all: async (path) => {
      const items = []
      let cursor = null
      do {
        const sep = path.includes('?') ? '&' : '?'
        const page = await call('GET', `${path}${sep}limit=500${cursor ? `&cursor=${cursor}` : ''}`)
        items.push(...page.items)
        cursor = page.next_cursor
      } while (cursor)
      return items
    },
  }
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.XUEFENG_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  })
}

export const DESKTOP = { viewport: { width: 1366, height: 768 } }
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

/** A browser context at a size, Chinese by default, that fails the test on any page error. */
export async function newContext(browser, size, { locale = 'zh-CN' } = {}) {
  const context = await browser.newContext({ ...size, locale, acceptDownloads: true })
  context.pageErrors = []
  context.on('page', (page) => page.on('pageerror', (e) => context.pageErrors.push(e.message)))
  return context
}

export async function loginThroughUi(page, base, login, password = DEMO_PASSWORD) {
  await page.goto(`${base}/login`)
  await page.fill('input[name=login]', login)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

/** Saves a screenshot under the artifacts folder: `<name>-<desktop|phone>.png`. */
export async function screenshot(page, name) {
  mkdirSync(join(artifacts, 'screenshots'), { recursive: true })
  const size = page.viewportSize().width < 600 ? 'phone' : 'desktop'
  await page.waitForLoadState('networkidle')
  await page.screenshot({ path: join(artifacts, 'screenshots', `${name}-${size}.png`), fullPage: true })
}

/** Playwright's locator for a data-test hook. */
export const hook = (page, name) => page.locator(`[data-test="${name}"]`)
