// Roster import (人员名单导入, docs/api.md section 5): the server takes the CSV file's own bytes and
// detects the encoding itself (UTF-8, GBK/GB18030, UTF-16 with BOM), so we send the bytes untouched.
// In the browser we only decode and split the file to show its rows next to the server's findings.
import { ApiError } from '@/api/client'
import { currentLocale } from '@/i18n'

/** Decodes the file's bytes the way the server would read them, for display only. */
export function decodeCsv(buffer) {
  const bytes = new Uint8Array(buffer)
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

/** Splits CSV text into records of cells (RFC 4180 quoting; a quoted cell may span lines). */
export function parseCsv(text) {
  const rows = []
  let row = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"' && cell === '') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  if (cell !== '' || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

const NAME_HEADERS = ['姓名', 'name']

/**
 * The file as the preview shows it: the header (the first row naming 姓名/name or with two or more
 * filled cells, as the server decides) and the data rows under it, each with its spreadsheet row number.
 */
export function rosterRows(text) {
  const records = parseCsv(text)
  const filled = (r) => r.filter((c) => c.trim() !== '').length
  const headerIndex = records.findIndex(
    (r) => r.some((c) => NAME_HEADERS.includes(c.trim().toLowerCase())) || filled(r) >= 2,
  )
  if (headerIndex < 0) return { header: [], rows: [] }
  const header = records[headerIndex].map((c) => c.trim())
  const nameAt = header.findIndex((c) => NAME_HEADERS.includes(c.toLowerCase()))
  const rows = []
  records.forEach((cells, i) => {
    if (i <= headerIndex || filled(cells) === 0) return
    rows.push({
      row: i + 1,
      name: nameAt >= 0 ? (cells[nameAt] || '').trim() : '',
      cells: header.map((h, k) => ({ column: h, value: (cells[k] || '').trim() })).filter((c) => c.value !== ''),
    })
  })
  return { header, rows }
}

/**
 * POST /orgs/{id}/members/import with the file's bytes. `dryRun` checks and reports without writing.
 * Answers the counts; a 422 carries every bad row in `error.problem.errors` ({field, message, row}).
 */
export async function importRoster(orgId, bytes, { dryRun, since } = {}) {
  const q = new URLSearchParams()
  if (dryRun) q.set('dry_run', 'true')
  if (since) q.set('since', since)
  let res
  try {
    res = await fetch(`/api/v1/orgs/${orgId}/members/import?${q}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'text/csv',
        'Accept-Language': currentLocale() === 'en' ? 'en-US,en;q=0.9' : 'zh-CN,zh;q=0.9',
      },
      body: bytes,
    })
  } catch {
    throw new ApiError(0, null)
  }
  const data = await res.json().catch(() => null)
  if (!res.ok) throw new ApiError(res.status, data)
  return data
}
