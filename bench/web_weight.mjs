// What the browser downloads: the login page's JavaScript (compressed, as sent) against the 400 KB budget
// and against the whole UI, and the same for a secretary's workbench with its charts. Runs the real
// binary on a fresh demo database and Debian's Chromium.
//   XUEFENG_BINARY=build/src/xuefeng node bench/web_weight.mjs      (from the repository root)
import { readdirSync, statSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
process.env.XUEFENG_BINARY ||= join(root, 'build/src/xuefeng')
const { startServer, launchBrowser, newContext, loginThroughUi, DESKTOP } = await import(join(root, 'web/e2e/support.mjs'))

const BUDGET = 400 * 1024
const kb = (n) => `${(n / 1024).toFixed(1)} KB`

// The whole built UI, each file as it would be sent compressed (its .gz when there is one).
function wholeUi(dir) {
  let js = 0
  let all = 0
  for (const name of readdirSync(dir, { recursive: true })) {
    const path = join(dir, name)
    if (name.endsWith('.gz') || statSync(path).isDirectory()) continue
    const sent = existsSync(`${path}.gz`) ? statSync(`${path}.gz`).size : statSync(path).size
    all += sent
    if (name.endsWith('.js')) js += sent
  }
  return { js, all }
}

async function scriptsOf(page, visit) {
  const sizes = []
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script') return
    const headers = await res.allHeaders()
    sizes.push(Number(headers['content-length'] ?? (await res.body()).length))
  })
  await visit()
  await page.waitForLoadState('networkidle')
  return sizes.reduce((a, b) => a + b, 0)
}

const server = await startServer()
const browser = await launchBrowser()
try {
  const whole = wholeUi(join(root, 'build/web/dist'))
  const loginPage = await (await newContext(browser, DESKTOP)).newPage()
  const loginJs = await scriptsOf(loginPage, () => loginPage.goto(`${server.base}/login`))
  const secretary = await (await newContext(browser, DESKTOP)).newPage()
  await loginThroughUi(secretary, server.base, 'huangweidong')
  const workbenchJs = await scriptsOf(secretary, () => secretary.reload())
  console.log(`whole UI: ${kb(whole.all)} compressed, of which JavaScript ${kb(whole.js)}`)
  console.log(`login page JavaScript: ${kb(loginJs)} sent; ratio to the 400 KB budget ${(loginJs / BUDGET).toFixed(2)}; ` +
    `${((100 * loginJs) / whole.js).toFixed(0)} % of all the UI's JavaScript`)
  console.log(`secretary's workbench (charts included) JavaScript: ${kb(workbenchJs)} sent; ratio to the budget ` +
    `${(workbenchJs / BUDGET).toFixed(2)}`)
} finally {
  await browser.close()
  await server.stop()
}
