// Small helpers shared by the workbench, requirements and review pages.

/** A rate from the API (0.9429) as a percentage with two decimals, or a dash when there is none. */
export function percent(rate, digits = 2) {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—'
  return `${(rate * 100).toFixed(digits)}%`
}

function pad(n) {
  return String(n).padStart(2, '0')
}

/** A Date as YYYY-MM-DD in the browser's own time zone. */
export function isoDay(date = new Date()) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number)
  return isoDay(new Date(y, m - 1, d + n))
}

export function thisYear() {
  return new Date().getFullYear()
}

/** Runs `task` over `items` with at most `limit` at a time; answers the results in order. */
export async function mapLimit(items, limit, task) {
  const out = new Array(items.length)
  let next = 0
  async function worker() {
    while (next < items.length) {
      const i = next++
      out[i] = await task(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

/** The participation target (参学率) that the charts and tiles mark. */
export const PARTICIPATION_TARGET = 0.95

/** Element Plus tag types for the compliance statuses. */
export const STATUS_TAG = { met: 'success', on_track: 'info', behind: 'warning', missed: 'danger' }
export const GRADE_TAG = { excellent: 'success', good: 'primary', pass: 'info', fail: 'danger' }
