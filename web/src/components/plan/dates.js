// Day and time helpers for the plan and activity pages. Dates travel as YYYY-MM-DD; times as RFC 3339
// with the deployment's offset, which we learn from any time the server wrote.

const pad = (n) => String(n).padStart(2, '0')

export function formatDay(d) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Today as YYYY-MM-DD in the browser's calendar. */
export function today() {
  return formatDay(new Date())
}

/** Parses YYYY-MM-DD as a local calendar day (no time zone shift). */
export function parseDay(s) {
  const [y, m, d] = s.split('-').map(Number)
  return new Date(y, m - 1, d)
}

export function addDays(day, n) {
  const d = parseDay(day)
  d.setDate(d.getDate() + n)
  return formatDay(d)
}

export function daysBetween(a, b) {
  return Math.round((parseDay(b) - parseDay(a)) / 86400000)
}

/** "+08:00" from "2026-11-22T14:18:02+08:00"; the browser's own offset when there is none. */
export function offsetOf(time) {
  const m = /([+-]\d\d:\d\d|Z)$/.exec(time || '')
  if (m) return m[1] === 'Z' ? '+00:00' : m[1]
  const minutes = -new Date().getTimezoneOffset()
  const sign = minutes >= 0 ? '+' : '-'
  const abs = Math.abs(minutes)
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** "15:00" from "2026-12-08T15:00:00+08:00" (as the server wrote it, at the deployment's offset). */
export function clockOf(time) {
  return time ? time.slice(11, 16) : ''
}

/** "2026-12-08T15:00:00+08:00" from a day, "15:00" and an offset. */
export function timeOn(day, clock, offset) {
  return `${day}T${clock}:00${offset}`
}
