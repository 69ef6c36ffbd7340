// The login page must stay light: its JavaScript, as sent compressed, under 400 KB. The sizes are printed
// and written to build/e2e/login-size.json for the record.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { startServer, launchBrowser, newContext, DESKTOP, artifacts } from './support.mjs'

let server
let browser
before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

test('the login page loads under 400 KB of compressed JavaScript', async () => {
  const context = await newContext(browser, DESKTOP)
  const page = await context.newPage()
  const scripts = []
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script') return
    const headers = await res.allHeaders()
    const body = await res.body()
    scripts.push({ url: new URL(res.url()).pathname, encoding: headers['content-encoding'] || 'identity',
      sent: Number(headers['content-length'] ?? body.length), decoded: body.length })
  })
  await page.goto(`${server.base}/login`, { waitUntil: 'networkidle' })
  await page.locator('input[name=login]').waitFor()
  const sent = scripts.reduce((n, s) => n + s.sent, 0)
  const decoded = scripts.reduce((n, s) => n + s.decoded, 0)
  mkdirSync(artifacts, { recursive: true })
  writeFileSync(join(artifacts, 'login-size.json'), JSON.stringify({ sent, decoded, scripts }, null, 2))
  console.log(`login page: ${scripts.length} scripts, ${(sent / 1024).toFixed(1)} KB sent (gzip), ` +
    `${(decoded / 1024).toFixed(1)} KB uncompressed`)
  assert.ok(scripts.length > 0, 'no script was loaded')
  assert.ok(scripts.every((s) => s.encoding === 'gzip' || s.sent < 1024), 'a script was sent uncompressed')
  assert.ok(sent < 400 * 1024, `login page JavaScript is ${sent} bytes compressed`)
  // Charts are not needed to log in.
  assert.ok(!scripts.some((s) => s.url.includes('charts')), 'the charts chunk was loaded on the login page')
  assert.deepEqual(context.pageErrors, [])
  await context.close()
})
