// Every main page at 1366×768 and at 390×844, as the user who works there: each loads without a page
// error, shows no failed request of its own, and does not overflow the screen sideways. The screenshots
// are saved under build/e2e/screenshots to be looked at.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, apiAs, launchBrowser, newContext, loginThroughUi, screenshot, DESKTOP, PHONE } from './support.mjs'

let server
let browser
let someActivity
before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  const admin = await apiAs(server.base, 'admin')
  const activities = await admin.all('/activities?org_id=4')
  someActivity = activities.filter((a) => a.starts_on <= new Date().toISOString().slice(0, 10)).pop()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

// Controls a screen reader would announce without a name, from Chromium's own accessibility tree.
const NAMED_ROLES = new Set(['button', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'spinbutton',
  'slider', 'switch', 'menuitem', 'tab', 'link'])
async function unnamedControls(context, page) {
  const cdp = await context.newCDPSession(page)
  const { nodes } = await cdp.send('Accessibility.getFullAXTree')
  await cdp.detach()
  return nodes
    .filter((n) => !n.ignored && NAMED_ROLES.has(n.role?.value) && !String(n.name?.value ?? '').trim())
    .map((n) => `${n.role.value} (backend node ${n.backendDOMNodeId})`)
}

const pages = [
  { name: 'login', login: null, path: '/login' },
  { name: 'workbench-member', login: 'wangzhenhua', path: '/' },
  { name: 'workbench-supervisor', login: 'zhaomingyuan', path: '/' },
  { name: 'orgs', login: 'admin', path: '/orgs/1' },
  { name: 'plans', login: 'huangweidong', path: '/plans' },
  { name: 'activities', login: 'huangweidong', path: '/activities' },
  { name: 'activity-sheet', login: 'huangweidong', path: () => `/activities/${someActivity.id}` },
  { name: 'archive', login: 'wangzhenhua', path: '/archive' },
  { name: 'requirements', login: 'huangweidong', path: '/requirements' },
  { name: 'review-supervisor', login: 'zhaomingyuan', path: '/review' },
]

for (const size of [DESKTOP, PHONE]) {
  const label = size === DESKTOP ? '1366×768' : '390×844'
  test(`main pages at ${label}`, async (t) => {
    for (const p of pages) {
      await t.test(p.name, async () => {
        const context = await newContext(browser, size)
        const page = await context.newPage()
        const failed = []
        page.on('response', (res) => {
          if (res.url().includes('/api/') && res.status() >= 400 && res.status() !== 401) failed.push(`${res.status()} ${res.url()}`)
        })
        if (p.login) await loginThroughUi(page, server.base, p.login)
        await page.goto(server.base + (typeof p.path === 'function' ? p.path() : p.path))
        await page.waitForLoadState('networkidle')
        await page.waitForTimeout(400) // charts animate in
        await screenshot(page, p.name)
        const unnamed = await unnamedControls(context, page)
        assert.deepEqual(unnamed, [], `${p.name} has controls without an accessible name`)
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        assert.ok(overflow <= 1, `${p.name} is ${overflow}px wider than the screen`)
        assert.deepEqual(failed, [])
        assert.deepEqual(context.pageErrors, [])
        await context.close()
      })
    }
  })
}

test('the server\'s errors come in the language the user chose', async () => {
  const context = await newContext(browser, PHONE)
  const page = await context.newPage()
  await page.goto(`${server.base}/login`)
  await page.getByRole('button', { name: '语言' }).click()
  await page.getByRole('menuitem', { name: 'English' }).click()
  await page.getByRole('button', { name: 'Log in' }).waitFor()
  await page.fill('input[name=login]', 'huangweidong')
  await page.fill('input[name=password]', 'not-the-password')
  await page.click('button[type=submit]')
  await page.getByRole('alert').getByText('login or password is incorrect').waitFor()
  await page.getByRole('button', { name: 'Language' }).click()
  await page.getByRole('menuitem', { name: '中文' }).click()
  await page.click('button[type=submit]')
  await page.getByRole('alert').getByText('登录名或密码不正确').waitFor()
  assert.deepEqual(context.pageErrors, [])
  await context.close()
})
