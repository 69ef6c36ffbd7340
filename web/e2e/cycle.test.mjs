// The study cycle in a real browser against a real server on a fresh demo database:
// a township secretary creates an activity; a member checks in on a phone from the QR link; the
// secretary marks the rest and approves a leave; the workbench's figures follow; the year's review is
// exported and the downloaded workbook is read back; and a member cannot open another person's archive.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { mkdirSync } from 'node:fs'
import ExcelJS from 'exceljs'
import {
  startServer, apiAs, launchBrowser, newContext, loginThroughUi, screenshot, hook,
  todayInChina, DESKTOP, PHONE, artifacts,
} from './support.mjs'

const TOWNSHIP = 4 // the demo's 中共柳塘镇委员会, whose secretary is huangweidong
const TITLE = `端到端测试：学习贯彻专题研讨 ${Date.now() % 100000}`
let server
let browser
let admin
let member // account and person who checks in
let leaveTaker // account and person who asks for leave
let stranger // a person of another org, whose archive the member must not see
let activityId // the activity the cycle creates

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  admin = await apiAs(server.base, 'admin')
  const members = await admin.all(`/orgs/${TOWNSHIP}/members`)
  const accounts = await admin.all('/accounts')
  const withAccount = new Set(accounts.map((a) => a.person_id))
  const free = members.filter((m) => !withAccount.has(m.person_id) && m.role === 'member')
  assert.ok(free.length >= 2, 'the demo township needs two members without accounts')
  const makeAccount = async (m, login) => {
    await admin.post('/accounts', { login, password: 'e2e-password-1', person_id: m.person_id, roles: ['member'] })
    return { login, password: 'e2e-password-1', personId: m.person_id, name: m.name }
  }
  member = await makeAccount(free[0], 'e2e-member')
  leaveTaker = await makeAccount(free[1], 'e2e-leave')
  const branch = await admin.all('/orgs/3/members')
  stranger = { personId: branch[0].person_id, name: branch[0].name }
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

async function workbenchFigures(page) {
  await page.goto(`${server.base}/`)
  await hook(page, 'stat-activities').waitFor()
  await page.waitForLoadState('networkidle')
  return {
    activities: (await hook(page, 'stat-activities').innerText()).trim(),
    participation: (await hook(page, 'stat-participation').innerText()).trim(),
  }
}

test('the study cycle, from a new activity to the exported review', async (t) => {
  const secretaryContext = await newContext(browser, DESKTOP)
  const secretary = await secretaryContext.newPage()
  await loginThroughUi(secretary, server.base, 'huangweidong')
  const figuresBefore = await workbenchFigures(secretary)
  await screenshot(secretary, 'workbench-secretary')

  await t.test('the secretary creates an activity for today', async () => {
    await secretary.goto(`${server.base}/activities`)
    await hook(secretary, 'activity-create').first().click()
    const form = hook(secretary, 'activity-form')
    await form.waitFor()
    await hook(secretary, 'activity-title').fill(TITLE)
    await hook(secretary, 'activity-kind').click()
    await secretary.getByRole('option', { name: '交流研讨' }).click()
    const startsOn = hook(secretary, 'activity-starts-on')
    await startsOn.fill(todayInChina())
    await startsOn.press('Enter')
    await hook(secretary, 'activity-save').click()
    await secretary.waitForURL(/\/activities\/\d+$/)
    activityId = Number(new URL(secretary.url()).pathname.split('/').pop())
    assert.ok(activityId > 0)
    await secretary.getByText(TITLE).first().waitFor()
    const created = await admin.get(`/activities/${activityId}`)
    assert.equal(created.title, TITLE)
    assert.equal(created.org_id, TOWNSHIP)
    assert.equal(created.starts_on, todayInChina())
  })

  let code
  await t.test('the QR code is projected full screen', async () => {
    await hook(secretary, 'qr-fullscreen').click()
    await hook(secretary, 'qr-overlay').waitFor()
    await hook(secretary, 'qr-image').waitFor()
    // The code printed under the QR code is the one it carries.
    code = (await hook(secretary, 'qr-code').innerText()).replace(/\s/g, '')
    assert.match(code, /^[0-9A-Z]{8}$/)
    await screenshot(secretary, 'activity-qr')
    await secretary.keyboard.press('Escape')
    await hook(secretary, 'qr-overlay').waitFor({ state: 'hidden' })
  })

  await t.test('a member checks in on a phone through the QR link', async () => {
    const phone = await newContext(browser, PHONE)
    const page = await phone.newPage()
    await page.goto(`${server.base}/check-in/${activityId}?code=${code}`)
    await page.waitForURL(/\/login/)
    await page.fill('input[name=login]', member.login)
    await page.fill('input[name=password]', member.password)
    await page.click('button[type=submit]')
    await page.waitForURL(new RegExp(`/check-in/${activityId}`))
    await page.getByText(TITLE).first().waitFor()
    await hook(page, 'check-in').click()
    const result = hook(page, 'check-in-result')
    await result.waitFor()
    assert.match(await result.innerText(), /签到成功|已签到/)
    await screenshot(page, 'check-in')
    assert.deepEqual(phone.pageErrors, [])
    await phone.close()
    const sheet = await admin.get(`/activities/${activityId}/attendance`)
    const mine = sheet.items.find((r) => r.person_id === member.personId)
    assert.equal(mine.status, 'present')
  })

  await t.test('another member asks for leave', async () => {
    const api = await apiAs(server.base, leaveTaker.login, leaveTaker.password)
    await api.post(`/activities/${activityId}/leave`, { reason: '当天在村里走访困难群众' })
  })

  await t.test('the workbench lists the activity as still to mark', async () => {
    await secretary.goto(`${server.base}/`)
    await hook(secretary, 'unmarked-activities').getByText(TITLE).waitFor()
  })

  await t.test('the secretary approves the leave, marks the rest present and one absent', async () => {
    await secretary.goto(`${server.base}/activities/${activityId}`)
    const leaveRow = secretary.locator(`[data-test="leave-row"][data-person-id="${leaveTaker.personId}"]`)
    await leaveRow.waitFor()
    await leaveRow.locator('[data-test="leave-approve"]').click()
    await secretary.locator(`[data-test="leave-row"][data-person-id="${leaveTaker.personId}"][data-state="approved"]`).waitFor()
    const rows = hook(secretary, 'attendance-row')
    await secretary.locator(`[data-test="attendance-row"][data-person-id="${member.personId}"]`).waitFor()
    await hook(secretary, 'mark-all-present').click()
    const count = await rows.count()
    assert.ok(count >= 3, `only ${count} rows`)
    // The last row that is not one of the two test members is marked absent.
    let absentId
    for (let i = count - 1; i >= 0; i--) {
      const id = Number(await rows.nth(i).getAttribute('data-person-id'))
      if (id !== member.personId && id !== leaveTaker.personId) {
        absentId = id
        await rows.nth(i).locator('[data-test="attendance-status"] [data-value="absent"]').click()
        break
      }
    }
    await hook(secretary, 'attendance-save').click()
    await secretary.locator('[data-test="count-unmarked"] .value').filter({ hasText: /^0$/ }).waitFor()
    await secretary.waitForLoadState('networkidle')
    await screenshot(secretary, 'activity')

    const sheet = await admin.get(`/activities/${activityId}/attendance`)
    const status = new Map(sheet.items.map((r) => [r.person_id, r.status]))
    assert.equal(status.get(member.personId), 'present')
    assert.equal(status.get(absentId), 'absent')
    assert.equal(status.get(leaveTaker.personId), 'excused')
    assert.ok([...status.values()].every((s) => s), 'someone is still unmarked')
    const leave = await admin.get(`/activities/${activityId}/leave`)
    assert.equal(leave.items.find((l) => l.person_id === leaveTaker.personId).state, 'approved')
  })

  await t.test('the workbench follows', async () => {
    const after = await workbenchFigures(secretary)
    assert.equal(Number(after.activities), Number(figuresBefore.activities) + 1)
    assert.notEqual(after.participation, figuresBefore.participation)
    await hook(secretary, 'unmarked-activities').locator('.el-loading-mask').waitFor({ state: 'hidden' })
    assert.equal(await hook(secretary, 'unmarked-activities').getByText(TITLE).count(), 0)
    for (const chart of ['chart-month', 'chart-kind']) {
      await hook(secretary, chart).locator('canvas').first().waitFor()
    }
  })

  await t.test('the review is exported and the workbook holds the year', async () => {
    await secretary.goto(`${server.base}/review`)
    await hook(secretary, 'review-export-xlsx').waitFor()
    await screenshot(secretary, 'review')
    const [download] = await Promise.all([
      secretary.waitForEvent('download'),
      hook(secretary, 'review-export-xlsx').click(),
    ])
    mkdirSync(artifacts, { recursive: true })
    const file = join(artifacts, 'review.xlsx')
    await download.saveAs(file)
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    assert.ok(workbook.worksheets.length >= 2, 'the review has its sheets')
    const text = workbook.worksheets.map((ws) => {
      const cells = []
      ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? ''))))
      return cells.join('\n')
    }).join('\n')
    assert.ok(text.includes('柳塘镇'), 'the workbook names the township')
    assert.ok(text.includes(member.name), 'the workbook lists the member who checked in')
  })
  assert.deepEqual(secretaryContext.pageErrors, [])
  await secretaryContext.close()
})

test('a supervisor drills down from the district to a unit', async () => {
  const context = await newContext(browser, DESKTOP)
  const page = await context.newPage()
  await loginThroughUi(page, server.base, 'zhaomingyuan')
  await page.goto(`${server.base}/?org=1`)
  await hook(page, 'chart-units').locator('canvas').first().waitFor()
  await page.waitForLoadState('networkidle')
  const district = await hook(page, 'stat-activities').innerText()
  await hook(page, 'unit-4').click()
  await page.waitForURL(/org=4/)
  await hook(page, 'org-breadcrumb').getByText('柳塘镇').first().waitFor()
  await page.waitForLoadState('networkidle')
  const township = await hook(page, 'stat-activities').innerText()
  assert.ok(Number(township) < Number(district), `township ${township}, district ${district}`)
  assert.deepEqual(context.pageErrors, [])
  await context.close()
})

test('a member cannot open another person\'s archive', async () => {
  const context = await newContext(browser, PHONE)
  const page = await context.newPage()
  await loginThroughUi(page, server.base, member.login, member.password)
  await page.goto(`${server.base}/archive`)
  await hook(page, 'archive-entries').waitFor()
  // A make-up link from the workbench opens a new entry linked to the activity.
  await page.goto(`${server.base}/archive?make_up=${activityId}`)
  await hook(page, 'entry-dialog').waitFor()
  await hook(page, 'entry-dialog').getByText(TITLE).first().waitFor()
  await page.keyboard.press('Escape')
  await page.goto(`${server.base}/archive/${stranger.personId}`)
  await hook(page, 'archive-denied').waitFor()
  assert.equal(await page.getByText(stranger.name).count(), 0, 'the other person\'s name is shown')
  // Nor does the menu lead there: a member's menu has no people or org pages.
  await page.goto(`${server.base}/orgs`)
  await page.waitForURL((url) => url.pathname === '/')
  await context.close()
})
