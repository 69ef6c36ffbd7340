// Every main page at 1366×768 and at 390×844, as the user who works there: each loads without a page
// error, shows no failed request of its own, and does not overflow the screen sideways. The screenshots
// are saved under build/e2e/screenshots to be looked at.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, apiAs, launchBrowser, newContext, loginThroughUi, screenshot, todayInChina, DESKTOP, PHONE } from './support.mjs'

let server
let browser
let someActivity
before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  const admin = await apiAs(server.base, 'admin')
  const activities = await admin.all('/activities?org_id=4')
  someActivity = activities.filter((a) => a.starts_on <= todayInChina()).pop()
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

test('a roster is previewed row by row, and imported only when every row is right', async () => {
  const context = await newContext(browser, DESKTOP)
  const page = await context.newPage()
  await loginThroughUi(page, server.base, 'admin')
  await page.goto(`${server.base}/orgs/4`)
  const header = '姓名,性别,出生日期,职务,职级,党员,角色,手机,加入日期\n'
  const bad = `${header}测试甲,男,1980-05-01,村干部,,是,member,,2026-01-01\n测试乙,女,1985-13-40,村干部,,是,member,,2026-01-01\n`
  await page.locator('[data-test="roster-file"]').setInputFiles({ name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
  const preview = page.locator('[data-test="roster-preview"]')
  await preview.getByText('测试乙').waitFor()
  assert.ok(await page.locator('[data-test="roster-commit"]').isDisabled(), 'a roster with a bad row can be imported')
  const before = (await (await apiAs(server.base, 'admin')).all('/orgs/4/members')).length

  const good = `${header}测试甲,男,1980-05-01,村干部,,是,member,,2026-01-01\n测试乙,女,1985-12-10,村干部,,是,member,,2026-01-01\n`
  await page.locator('[data-test="roster-file"]').setInputFiles({ name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(good) })
  await page.locator('[data-test="roster-commit"]:not([disabled])').waitFor()
  await page.locator('[data-test="roster-commit"]').click()
  await page.locator('[data-test="org-members"]').getByText('测试乙').waitFor()
  const after = (await (await apiAs(server.base, 'admin')).all('/orgs/4/members')).length
  assert.equal(after, before + 2)
  assert.deepEqual(context.pageErrors, [])
  await context.close()
})

test('the account menu changes the password and logs out', async () => {
  const admin = await apiAs(server.base, 'admin')
  const person = (await admin.all('/orgs/3/members'))[1]
  await admin.post('/accounts', { login: 'e2e-password', password: 'first-password-1', person_id: person.person_id, roles: ['member'] })
  const context = await newContext(browser, PHONE)
  const page = await context.newPage()
  await loginThroughUi(page, server.base, 'e2e-password', 'first-password-1')
  await page.locator('[data-test="account-menu"]').click()
  await page.getByRole('menuitem', { name: '修改密码' }).click()
  const dialog = page.getByRole('dialog', { name: '修改密码' })
  // A wrong current password is the server's 422, shown under its field; the dialog stays open.
  await dialog.getByLabel('当前密码').fill('not-my-password')
  await dialog.getByLabel('新密码', { exact: true }).fill('second-password-2')
  await dialog.getByLabel('再次输入新密码').fill('second-password-2')
  await dialog.getByRole('button', { name: '保存' }).click()
  await dialog.locator('.el-form-item__error').getByText('当前密码不正确').waitFor()
  await dialog.getByLabel('当前密码').fill('first-password-1')
  await dialog.getByLabel('新密码', { exact: true }).fill('second-password-2')
  await dialog.getByLabel('再次输入新密码').fill('second-password-2')
  await dialog.getByRole('button', { name: '保存' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await page.locator('[data-test="account-menu"]').click()
  await page.getByRole('menuitem', { name: '退出登录', exact: true }).click()
  await page.waitForURL(/\/login/)
  await loginThroughUi(page, server.base, 'e2e-password', 'second-password-2')
  assert.deepEqual(context.pageErrors, [])
  await context.close()
})
