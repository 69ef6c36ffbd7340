// Development aid: log in and take a screenshot of a page, to look at it.
//   node tools/look.mjs <base-url> <path> <out.png> [--login admin] [--password xuefeng-demo] [--phone] [--en]
import { chromium } from 'playwright-core'

const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : fallback
}
const [base, path, out] = args
const phone = args.includes('--phone')
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
})
const context = await browser.newContext({
  viewport: phone ? { width: 390, height: 844 } : { width: 1366, height: 768 },
  deviceScaleFactor: 1,
  isMobile: phone,
  hasTouch: phone,
  locale: args.includes('--en') ? 'en-US' : 'zh-CN',
})
const page = await context.newPage()
page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()) })
page.on('pageerror', (e) => console.error('pageerror:', e.message))
if (args.includes('--en')) await page.addInitScript(() => localStorage.setItem('xuefeng.locale', 'en'))
const login = opt('--login', 'admin')
if (login !== 'none') {
  const res = await page.request.post(`${base}/api/v1/session`, {
    data: { login, password: opt('--password', 'xuefeng-demo') },
    headers: { Origin: base },
  })
  if (!res.ok()) throw new Error(`login failed: ${res.status()}`)
}
await page.goto(base + path, { waitUntil: 'networkidle' })
await page.waitForTimeout(Number(opt('--wait', '600')))
await page.screenshot({ path: out, fullPage: args.includes('--full') })
await browser.close()
