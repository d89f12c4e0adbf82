#!/usr/bin/env node
// End-to-end check of the web app against the real server.
//
// Starts `$CONVENE_BIN serve --demo` on a fresh SQLite database and a free
// port, drives the Debian chromium through playwright-core (no browser
// download), runs the scenarios (among them the issue's: an organiser
// schedules a weekly forum and invites an organisation, the attendee
// accepts through the emailed /rsvp link, the organiser checks them in at
// the door with live counts, the attendee sees it under My invitations, a
// consultant sees the funding cliff), checks each main screen with axe-core
// (serious and critical violations fail), saves screenshots to
// ../docs/screenshots, stops the server and prints "N passed, M failed".
//
// Env: CONVENE_BIN (default ../bin/convene), CHROMIUM (default
// /usr/bin/chromium), E2E_KEEP=1 keeps the temporary directory, E2E_ONLY=regex
// runs only the matching scenarios.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const frontend = path.resolve(here, '..');
const require = createRequire(import.meta.url);

const BIN = path.resolve(frontend, process.env.CONVENE_BIN ?? '../bin/convene');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = path.resolve(frontend, '../docs/screenshots');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const DEMO_PROGRAMME = 'Multiple disadvantage: system change 2026';
const DEMO_FORUM = /Partnership Forum/;
const DEMO_SIGN_IN = 'organiser@convene.test';
const TIMEOUT = 15_000;

const results = [];
let serverLog = '';

function log(...args) {
  console.log('[e2e]', ...args);
}

async function freePort() {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address();
  srv.close();
  await once(srv, 'close');
  return port;
}

async function startServer(tmp) {
  if (!fs.existsSync(BIN)) throw new Error(`CONVENE_BIN ${BIN} does not exist: build it with \`go build -o bin/convene ./cmd/convene\``);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const args = ['serve', '--demo', '--db', `sqlite://${path.join(tmp, 'e2e.db')}`, '--addr', `127.0.0.1:${port}`];
  log('starting', BIN, args.join(' '));
  const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  const collect = (chunk) => {
    serverLog += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the server exited (${JSON.stringify(exited)}) before it was ready:\n${serverLog.slice(-4000)}`);
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.status === 200) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`the server was not ready within 90 s:\n${serverLog.slice(-4000)}`);
}

async function stopServer(child) {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await once(child, 'exit').catch(() => {});
  clearTimeout(timer);
}

// --- assertions ----------------------------------------------------------

class Failure extends Error {}

function assert(cond, message) {
  if (!cond) throw new Failure(message);
}

async function heading(page, text) {
  const h1 = page.locator('h1');
  try {
    await page.waitForFunction(
      (want) => {
        const el = document.querySelector('h1');
        if (!el) return false;
        const got = el.textContent.trim();
        return typeof want === 'string' ? got === want : new RegExp(want.source, want.flags).test(got);
      },
      typeof text === 'string' ? text : { source: text.source, flags: text.flags },
      { timeout: TIMEOUT },
    );
  } catch {
    const got = (await h1.count()) ? await h1.first().textContent() : '(no h1)';
    throw new Failure(`expected the page heading ${text}, got "${got}" at ${page.url()}`);
  }
}

/** Runs axe-core in the page; serious and critical violations fail. */
async function checkA11y(page, label) {
  // Evaluated over the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    }),
  );
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of result.violations.filter((x) => !bad.includes(x))) {
    log(`  axe (${label}) ${v.impact}: ${v.id} – ${v.help} (${v.nodes.length} element(s))`);
  }
  if (bad.length) {
    const lines = bad.map(
      (v) => `${v.impact} ${v.id}: ${v.help}\n      ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join(' ')}`)
        .join('\n      ')}`,
    );
    throw new Failure(`accessibility violations on ${label}:\n    ${lines.join('\n    ')}`);
  }
  log(`  axe ok: ${label} (${result.violations.length} minor/moderate)`);
}

async function shot(page, name, options = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled', ...options });
  log(`  screenshot docs/screenshots/${name}.png`);
}

/** Waits until no "Loading…" status is left on the page. */
async function settled(page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('.status--loading')].length, null, { timeout: TIMEOUT }).catch(() => {
    throw new Failure(`the page was still loading after ${TIMEOUT / 1000} s at ${page.url()}`);
  });
}

// --- sign-in -------------------------------------------------------------

/**
 * Signs in as the demo organiser if the app asks: the server (without
 * --smtp-url) writes emails to its log, so the sign-in link is read from there.
 */
async function signInIfAsked(page, base, email = DEMO_SIGN_IN) {
  await page.waitForSelector('h1', { timeout: TIMEOUT });
  await settled(page);
  const title = (await page.locator('h1').first().textContent()).trim();
  if (title !== 'Sign in to Convene') return false;
  log('  the app asks to sign in; using the emailed link for', email);
  if (email === DEMO_SIGN_IN) {
    await checkA11y(page, 'sign-in page');
    await shot(page, 'sign-in');
  }
  const before = serverLog.length;
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await heading(page, 'Check your email');
  const link = await waitForLogMatch(/https?:\/\/[^\s"\\]+\/auth\/magic\/[A-Za-z0-9_\-.~%]+/, before);
  await page.goto(link.replace(/^https?:\/\/[^/]+/, base));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/auth/'), { timeout: TIMEOUT });
  currentEmail = email;
  return true;
}

// Each account's session cookies, kept when switching away, so that a
// scenario returning to an account reuses its session: the server allows
// only a few sign-in emails per address per quarter of an hour.
const sessions = new Map();
let currentEmail = null;

/**
 * Becomes `email`: restores that account's saved session if it still
 * works, and signs in by emailed link otherwise.
 */
async function switchUser(page, base, email) {
  const context = page.context();
  if (currentEmail !== email) {
    if (currentEmail) sessions.set(currentEmail, await context.cookies());
    await context.clearCookies();
    const saved = sessions.get(email);
    if (saved) await context.addCookies(saved);
  }
  await page.goto(`${base}/programmes`);
  await signInIfAsked(page, base, email);
  currentEmail = email;
}

async function waitForLogMatch(re, from) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    const m = serverLog.slice(from).match(re);
    if (m) return m[0];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Failure(`nothing matching ${re} appeared in the server log:\n${serverLog.slice(-2000)}`);
}

// --- scenarios -----------------------------------------------------------

async function scenarioForumInvitations(page, base) {
  await page.goto(`${base}/`);
  await signInIfAsked(page, base);
  await heading(page, 'Programmes');
  await settled(page);
  await checkA11y(page, 'programmes list');
  await shot(page, 'programmes');

  await page.getByRole('link', { name: DEMO_PROGRAMME }).click();
  await heading(page, DEMO_PROGRAMME);
  await settled(page);
  const upcoming = page.getByRole('table', { name: /^Upcoming events/ });
  await upcoming.waitFor({ timeout: TIMEOUT });
  assert((await upcoming.locator('tbody tr').count()) > 0, 'the demo programme lists no upcoming events');
  await checkA11y(page, 'programme page');
  await shot(page, 'programme');

  await upcoming.getByRole('link', { name: DEMO_FORUM }).first().click();
  await heading(page, DEMO_FORUM);
  await settled(page);
  const invitations = page.getByRole('table', { name: 'Invitations' });
  await invitations.waitFor({ timeout: TIMEOUT });
  const rows = await invitations.locator('tbody tr').count();
  assert(rows > 0, 'the monthly forum shows no invitations');
  const counts = page.getByRole('list', { name: /^Replies from \d+ invited/ });
  const countsText = (await counts.innerText()).replace(/\s+/g, ' ');
  assert(/Accepted/.test(countsText) && /Declined/.test(countsText), `reply counts are missing: "${countsText}"`);
  const invitedLabel = await counts.getAttribute('aria-label');
  const invited = Number(invitedLabel.match(/\d+/)[0]);
  assert(invited >= rows, `"${invitedLabel}" but ${rows} rows are listed`);
  const where = await page.locator('.details').textContent();
  assert(/GMT|BST/.test(where), `the forum's time is not shown in its zone (Europe/London): ${where}`);
  log(`  forum: ${rows} invitation rows shown; ${countsText.trim()}`);
  await checkA11y(page, 'event page');
  await shot(page, 'event');

  // Filter by reply, through the URL-backed filter.
  await page.getByLabel('Reply', { exact: true }).selectOption('ACCEPTED');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('response') === 'ACCEPTED');
  await settled(page);
  const accepted = page.getByRole('table', { name: 'Invitations' }).locator('tbody tr');
  const n = await accepted.count();
  for (let i = 0; i < n; i++) {
    const reply = await accepted.nth(i).locator('td[data-label="Reply"]').textContent();
    assert(reply.includes('Accepted'), `filtered to Accepted but a row says "${reply}"`);
  }
}

async function scenarioProgrammeCalendar(page, base) {
  await page.goto(`${base}/programmes`);
  await signInIfAsked(page, base);
  await heading(page, 'Programmes');
  await settled(page);
  await page.getByRole('link', { name: DEMO_PROGRAMME }).click();
  await heading(page, DEMO_PROGRAMME);
  await page.getByRole('link', { name: 'Calendar', exact: true }).click();
  await heading(page, `Calendar: ${DEMO_PROGRAMME}`);
  await settled(page);
  // Step forward (by keyboard) to the first month with an occurrence of the forum.
  const month = page.getByRole('table', { name: /weeks from Monday/ });
  for (let i = 0; i < 12 && !(await month.getByRole('link', { name: DEMO_FORUM }).count()); i++) {
    await page.getByRole('button', { name: /^Next month/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.has('month'));
    await settled(page);
  }
  const forum = month.getByRole('link', { name: DEMO_FORUM }).first();
  assert(await forum.count(), 'no forum occurrence in the demo programme calendar within a year');
  const cell = await forum.locator('xpath=ancestor::li[1]').innerText();
  assert(/\d{2}:\d{2}–\d{2}:\d{2}/.test(cell), `the occurrence shows no time range: "${cell}"`);
  await checkA11y(page, 'programme calendar (month)');
  await shot(page, 'calendar');

  await page.getByRole('button', { name: 'Agenda', exact: true }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('view') === 'agenda');
  const day = page.locator('.calendar-agenda__day').first();
  await day.waitFor({ timeout: TIMEOUT });
  await checkA11y(page, 'programme calendar (agenda)');
  await shot(page, 'calendar-agenda');

  await page.setViewportSize({ width: 375, height: 812 });
  try {
    await page.getByRole('button', { name: 'Month', exact: true }).click();
    await month.waitFor({ timeout: TIMEOUT });
    await noSidewaysScroll(page, 'the calendar');
    await checkA11y(page, 'programme calendar at 375 px');
    await shot(page, 'calendar-mobile', { fullPage: false });
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  await forum.click();
  await heading(page, DEMO_FORUM);
}

/** "2026-05-12" plus n days, on the calendar (no zone). */
function plusDays(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

async function scenarioCalendarWeekMoveCancel(page, base) {
  await switchUser(page, base, 'organiser@convene.test');
  // The demo forum recurs (internal/seed: FREQ=MONTHLY;BYDAY=2TU;COUNT=12, 10:00–12:30 London).
  await page.goto(`${base}/programmes`);
  await heading(page, 'Programmes');
  await settled(page);
  await page.getByRole('link', { name: DEMO_PROGRAMME }).click();
  await heading(page, DEMO_PROGRAMME);
  await settled(page);
  await page.getByRole('table', { name: /^Upcoming events/ }).getByRole('link', { name: DEMO_FORUM }).first().click();
  await heading(page, DEMO_FORUM);
  await settled(page);
  const rows = page.locator('.occurrence-list > li');
  await rows.first().waitFor({ timeout: TIMEOUT });
  assert((await rows.count()) >= 3, `the forum lists ${await rows.count()} upcoming occurrences`);
  const zone = 'Europe/London';

  // Move the second upcoming occurrence from its Tuesday to 14:00–16:00 on the Thursday.
  await rows.nth(1).getByRole('button', { name: /^Move the occurrence on/ }).click();
  const start = page.getByLabel(`New start (${zone})`);
  const original = await start.inputValue(); // "2026-05-12T10:00"
  assert(/^\d{4}-\d{2}-\d{2}T10:00$/.test(original), `the forum occurrence starts at "${original}", not 10:00`);
  const movedDate = plusDays(original.slice(0, 10), 2);
  await start.fill(`${movedDate}T14:00`);
  await page.getByLabel(`New end (${zone})`).fill(`${movedDate}T16:00`);
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  await page.getByRole('alertdialog', { name: 'Confirm the move' }).getByRole('button', { name: 'Yes, move it' }).click();
  await rows.filter({ hasText: 'Moved' }).first().waitFor({ timeout: TIMEOUT });

  // Cancel the third (reading its date from its move form first).
  await rows.nth(2).getByRole('button', { name: /^Move the occurrence on/ }).click();
  const cancelledDate = (await page.getByLabel(`New start (${zone})`).inputValue()).slice(0, 10);
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await rows.nth(2).getByRole('button', { name: /^Cancel this occurrence on/ }).click();
  await page.getByRole('alertdialog', { name: 'Confirm the cancellation' }).getByRole('button', { name: 'Yes, cancel this occurrence' }).click();
  await rows.filter({ hasText: 'Cancelled' }).first().waitFor({ timeout: TIMEOUT });
  log(`  moved ${original} to ${movedDate}T14:00; cancelled ${cancelledDate}`);

  // The programme calendar's week view, chosen with the view buttons and kept in the address.
  await page.getByRole('link', { name: DEMO_PROGRAMME }).first().click();
  await heading(page, DEMO_PROGRAMME);
  await page.getByRole('link', { name: 'Calendar', exact: true }).click();
  await heading(page, `Calendar: ${DEMO_PROGRAMME}`);
  await settled(page);
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('view') === 'week');
  await page.getByRole('list', { name: /^Week of .*, Monday to Sunday$/ }).waitFor({ timeout: TIMEOUT });
  const calendarUrl = new URL(page.url());
  calendarUrl.searchParams.set('week', movedDate);
  await page.goto(calendarUrl.href);
  await settled(page);
  const week = page.getByRole('list', { name: /^Week of .*, Monday to Sunday$/ });
  await week.waitFor({ timeout: TIMEOUT });
  const day = (date) => week.locator(`li:has(> h3#week-day-${date})`);
  const moved = day(movedDate).locator('.calendar-occurrence').filter({ has: page.getByRole('link', { name: DEMO_FORUM }) });
  assert((await moved.count()) === 1, `the week view shows no forum on ${movedDate}: ${await week.innerText()}`);
  const movedText = (await moved.innerText()).replace(/\s+/g, ' ');
  assert(movedText.includes('14:00–16:00') && movedText.includes('Moved'), `the moved forum reads "${movedText}"`);
  const tuesday = day(original.slice(0, 10));
  assert((await tuesday.getByRole('link', { name: DEMO_FORUM }).count()) === 0, 'the moved forum is still shown on its old Tuesday');
  await checkA11y(page, 'programme calendar (week)');
  await shot(page, 'calendar-week');

  // Keyboard: back a week and forward again.
  const thisWeek = plusDays(movedDate, -((new Date(`${movedDate}T12:00:00Z`).getUTCDay() + 6) % 7)); // its Monday
  await page.getByRole('button', { name: /^Previous week/ }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((w) => new URL(location.href).searchParams.get('week') !== w, thisWeek);
  await page.getByRole('button', { name: /^Next week/ }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((w) => new URL(location.href).searchParams.get('week') === w, thisWeek);
  await settled(page);
  await moved.waitFor({ timeout: TIMEOUT });

  await page.setViewportSize({ width: 375, height: 812 });
  try {
    await noSidewaysScroll(page, 'the week view');
    const columns = await week.evaluate((el) => getComputedStyle(el).display);
    assert(columns === 'block', `the week's days are not stacked at 375 px (display: ${columns})`);
    await checkA11y(page, 'programme calendar (week) at 375 px');
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  // The cancelled occurrence, struck through in its week and its month.
  calendarUrl.searchParams.set('week', cancelledDate);
  await page.goto(calendarUrl.href);
  await settled(page);
  await week.waitFor({ timeout: TIMEOUT });
  const cancelledLink = day(cancelledDate).getByRole('link', { name: DEMO_FORUM });
  assert((await cancelledLink.locator('s').count()) === 1, `the cancelled forum on ${cancelledDate} is not struck through`);
  assert((await day(cancelledDate).getByText('Cancelled', { exact: true }).count()) === 1, 'the cancelled forum is not marked Cancelled');
  await page.getByRole('button', { name: 'Month', exact: true }).click();
  await page.waitForFunction((m) => new URL(location.href).searchParams.get('month') === m, cancelledDate.slice(0, 7));
  await settled(page);
  const monthTable = page.getByRole('table', { name: /weeks from Monday/ });
  const dayName = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${cancelledDate}T12:00:00Z`));
  const cell = monthTable.locator('td').filter({ has: page.getByText(dayName, { exact: true }) });
  assert((await cell.getByRole('link', { name: DEMO_FORUM }).locator('s').count()) === 1, `the month view does not strike through the forum on ${dayName}`);

  // The programme's public feed carries the move (RECURRENCE-ID) and the cancellation (EXDATE).
  const feed = await fetch(`${base}/calendar/programme/system-change-2026.ics`);
  const ics = (await feed.text()).replace(/\r?\n[ \t]/g, '');
  assert(feed.status === 200, `the programme feed answered ${feed.status}`);
  const compact = (date) => date.replaceAll('-', '');
  const overrides = ics.split('BEGIN:VEVENT').filter((v) => new RegExp(`^RECURRENCE-ID[^:\\n]*:${compact(original.slice(0, 10))}T`, 'm').test(v));
  assert(overrides.length === 1 && new RegExp(`^DTSTART[^:\\n]*:${compact(movedDate)}T`, 'm').test(overrides[0]), `the feed does not move the forum to ${movedDate}`);
  assert(new RegExp(`^EXDATE[^\\n]*${compact(cancelledDate)}T`, 'm').test(ics), `the feed has no EXDATE for ${cancelledDate}`);
}

/**
 * Types into a searchable picker (ui/Combobox.tsx), waits for the server's
 * matches and chooses `option` with the arrow keys and Enter.
 */
async function pickFromCombobox(page, input, text, option, a11yLabel) {
  await input.fill('');
  await input.pressSequentially(text, { delay: 20 });
  const wanted = page.getByRole('option', { name: option, exact: true });
  await wanted.waitFor({ timeout: TIMEOUT }).catch(async () => {
    throw new Failure(`typing "${text}" did not offer ${option}; the picker shows: ${(await page.locator('.combobox__popup').allInnerTexts()).join(' | ')}`);
  });
  const id = await wanted.getAttribute('id');
  for (let i = 0; i < 30 && (await input.getAttribute('aria-activedescendant')) !== id; i++) await input.press('ArrowDown');
  assert((await input.getAttribute('aria-activedescendant')) === id, `the arrow keys never reached ${option}`);
  if (a11yLabel) await checkA11y(page, a11yLabel);
  await input.press('Enter');
  const value = await input.inputValue();
  assert(value === option, `after choosing ${option} the picker shows "${value}"`);
}

async function scenarioMinutesAndActions(page, base) {
  await page.goto(`${base}/events`);
  // Signing in lands on the home page (when this scenario runs on its own).
  if (await signInIfAsked(page, base)) await page.goto(`${base}/events`);
  await heading(page, 'Events');
  await settled(page);
  await page.getByRole('link', { name: DEMO_FORUM }).first().click();
  await heading(page, DEMO_FORUM);
  await page.getByRole('link', { name: 'Minutes and actions' }).click();
  await heading(page, 'Minutes and actions');
  await settled(page);
  const stamp = Date.now().toString(36);
  const titles = [`Share referral data (${stamp})`, `Draft the joint protocol (${stamp})`];
  if (!(await page.locator('textarea').count())) throw new Failure(`no minutes form: ${(await page.locator('main').innerText()).slice(0, 600)}`);
  await page.getByRole('textbox', { name: 'Minutes of this meeting' }).fill(`Agreed a shared referral form. (${stamp})`);
  await page.getByRole('textbox', { name: /^Action 1/ }).fill(titles[0]);
  // Owners are picked by typing a name into the searchable pickers and choosing with the keyboard.
  await pickFromCombobox(page, page.getByRole('combobox', { name: /^Owner \(organisation\)/ }).first(), 'northgate', 'Northgate Mind');
  await page.getByLabel(/^Due/).first().fill('2027-01-31');
  await page.getByRole('button', { name: 'Add another action' }).click();
  await page.getByRole('textbox', { name: /^Action 2/ }).fill(titles[1]);
  await pickFromCombobox(page, page.getByRole('combobox', { name: /^Owner \(person\)/ }).nth(1), 'hannah', 'Hannah Clarke', 'owner picker open');
  await page.getByRole('button', { name: 'Save minutes' }).click();
  await page.getByText(/Minutes saved as revision \d+ with 2 new actions\./).waitFor({ timeout: TIMEOUT });
  await settled(page);
  const recorded = page.getByRole('list', { name: 'Actions from this meeting' });
  for (const t of titles) await recorded.getByText(t).waitFor({ timeout: TIMEOUT });
  assert((await recorded.getByRole('listitem').filter({ hasText: titles[0] }).innerText()).includes('Northgate Mind'), 'the first action is not owned by Northgate Mind');
  assert((await recorded.getByRole('listitem').filter({ hasText: titles[1] }).innerText()).includes('Hannah Clarke'), 'the second action is not owned by Hannah Clarke');
  await checkA11y(page, 'minutes and actions');
  await shot(page, 'minutes');

  await page.goto(`${base}/actions`);
  await heading(page, 'Actions');
  await settled(page);
  const table = page.getByRole('table', { name: 'Actions' });
  for (const t of titles) {
    for (let i = 0; i < 20 && !(await table.getByText(t).count()); i++) {
      const more = page.getByRole('button', { name: /^Load more/ });
      if (!(await more.count())) break;
      await more.click();
      await settled(page);
    }
    assert(await table.getByText(t).count(), `"${t}" is not on the Actions board`);
  }
  // The board's organisation filter keeps the first action and drops the second (owned by a person only).
  await pickFromCombobox(page, page.getByRole('combobox', { name: 'Organisation', exact: true }), 'northgate', 'Northgate Mind');
  await page.waitForFunction(() => Boolean(new URL(location.href).searchParams.get('organisation')));
  await settled(page);
  await table.getByText(titles[0]).waitFor({ timeout: TIMEOUT });
  assert(!(await table.getByText(titles[1]).count()), 'the organisation filter still shows an action owned by a person only');
  await checkA11y(page, 'actions board filtered');
  await shot(page, 'actions-board');
}

async function scenarioMobile(context, base) {
  const page = await context.newPage();
  watch(page);
  try {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${base}/programmes`);
    await heading(page, 'Programmes');
    await settled(page);
    const menu = page.getByRole('button', { name: 'Menu' });
    assert(await menu.isVisible(), 'no menu button at 375 px');
    assert(!(await page.getByRole('navigation', { name: 'Main' }).isVisible()), 'the navigation should be folded away at 375 px');
    await menu.click();
    assert((await menu.getAttribute('aria-expanded')) === 'true', 'the menu button does not say it is expanded');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events', exact: true }).click();
    await heading(page, 'Events');
    await settled(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert(overflow <= 0, `the Events page scrolls sideways at 375 px (${overflow} px too wide)`);
    await checkA11y(page, 'events list at 375 px');
    await shot(page, 'events-mobile', { fullPage: false });

    await page.getByRole('link', { name: DEMO_FORUM }).first().click();
    await heading(page, DEMO_FORUM);
    await settled(page);
    const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert(overflow2 <= 0, `the event page scrolls sideways at 375 px (${overflow2} px too wide)`);
    await checkA11y(page, 'event page at 375 px');
    await shot(page, 'event-mobile', { fullPage: false });
  } finally {
    await page.close();
  }
}

async function scenarioCreateOrganisation(page, base) {
  const name = `Aire Valley Foodbank ${Date.now().toString(36)}`;
  await page.goto(`${base}/organisations`);
  await heading(page, 'Organisations');
  await settled(page);
  await checkA11y(page, 'organisations list');
  await shot(page, 'organisations');

  await page.getByRole('link', { name: 'New organisation' }).click();
  await heading(page, 'New organisation');
  await checkA11y(page, 'new organisation form');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Sector', { exact: true }).selectOption('VOLUNTARY');
  await page.getByLabel('Contact email (optional)').fill('hello@aire-valley.example.org');
  await page.getByLabel('What they do (optional)').fill('Emergency food and advice, three days a week.');
  await shot(page, 'organisation-form');
  await page.getByRole('button', { name: 'Add organisation' }).click();

  await heading(page, 'Organisations');
  const flash = page.locator('.flash');
  await flash.waitFor({ timeout: TIMEOUT });
  assert((await flash.textContent()).includes(`${name} has been added`), `no confirmation after creating: "${await flash.textContent()}"`);

  await page.getByLabel('Name contains').fill(name);
  await page.waitForFunction((n) => new URL(location.href).searchParams.get('q') === n, name);
  const row = page.getByRole('table', { name: 'Organisations' }).locator('tbody tr').filter({ has: page.getByRole('link', { name }) });
  await row.waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure(`the new organisation "${name}" is not in the list`);
  });
  const sector = await row.locator('td[data-label="Sector"]').textContent();
  assert(sector === 'Voluntary sector', `the new organisation's sector shows as "${sector}"`);

  // The sector filter narrows the list server-side.
  await page.getByLabel('Name contains').fill('');
  await page.getByLabel('Sector', { exact: true }).selectOption('HOUSING');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sector') === 'HOUSING');
  await settled(page);
  await page.waitForFunction(
    () => {
      const cells = [...document.querySelectorAll('td[data-label="Sector"]')];
      return cells.length > 0 && cells.every((c) => c.textContent === 'Housing');
    },
    null,
    { timeout: TIMEOUT },
  ).catch(() => {
    throw new Failure('filtering organisations by Housing still shows other sectors');
  });
}

/**
 * An admin sets up a public programme, makes the demo organiser a
 * consultant of it, fetches its public calendar feed, and joins a person
 * (added at the door, with no organisation) to an organisation.
 */
async function scenarioProgrammeSetUp(page, base) {
  await switchUser(page, base, 'admin@convene.test');
  const name = `Youth transitions ${Date.now().toString(36)}`;
  await page.goto(`${base}/programmes`);
  await heading(page, 'Programmes');
  await page.getByRole('link', { name: 'New programme' }).click();
  await heading(page, 'New programme');
  await checkA11y(page, 'new programme form');
  await page.getByLabel('Name', { exact: true }).fill(name);
  const slug = await page.getByLabel('Short address name').inputValue();
  assert(/^youth-transitions-[a-z0-9]+$/.test(slug), `the address name was not filled in from the name: "${slug}"`);
  await page.getByLabel('Description (optional)').fill('Moving from children’s to adult services: housing, mental health and probation together.');
  await page.getByLabel('Public calendar').check();
  await shot(page, 'programme-form');
  await page.getByRole('button', { name: 'Create programme' }).click();
  await heading(page, name);
  await settled(page);

  // People and roles: the demo organiser becomes a consultant.
  const roles = page.getByRole('region', { name: 'People and roles' });
  await roles.getByLabel('Role', { exact: true }).selectOption('CONSULTANT');
  await pickFromCombobox(page, roles.getByRole('combobox', { name: /Person/ }), 'Jo Ben', 'Jo Bennett', 'role picker open');
  await roles.getByRole('button', { name: 'Add consultant' }).click();
  const table = page.getByRole('table', { name: `Organisers and consultants of ${name}` });
  await table.locator('tbody tr').filter({ hasText: 'Jo Bennett' }).filter({ hasText: 'Consultant' }).waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('Jo Bennett did not appear as a consultant');
  });
  await checkA11y(page, 'programme page with people and roles and its feed');

  // The public feed: copy its address and fetch it.
  const feed = page.getByRole('region', { name: 'Subscribe to this programme’s calendar' });
  const url = await feed.getByLabel(/Calendar address \(https\)/).inputValue();
  assert(url.endsWith(`/calendar/programme/${slug}.ics`), `unexpected feed address ${url}`);
  const webcal = await feed.getByRole('link', { name: /Open in my calendar app/ }).getAttribute('href');
  assert(webcal?.startsWith('webcal://'), `the subscribe link is not webcal: ${webcal}`);
  await feed.getByRole('button', { name: /Copy Calendar address \(https\)/ }).click();
  await feed.getByText(/Copied\.|Selected: press/).first().waitFor({ timeout: TIMEOUT });
  const res = await page.request.get(url.replace(/^https?:\/\/[^/]+/, base));
  assert(res.status() === 200, `the programme feed answered ${res.status()}`);
  assert((res.headers()['content-type'] ?? '').startsWith('text/calendar'), `the programme feed is ${res.headers()['content-type']}`);
  assert((await res.text()).includes('BEGIN:VCALENDAR'), 'the programme feed is not a calendar');

  // The edit form opens with the saved values.
  await page.getByRole('link', { name: 'Edit programme' }).click();
  await heading(page, `Edit ${name}`);
  assert(await page.getByLabel('Public calendar').isChecked(), 'the edit form lost the public toggle');
  await checkA11y(page, 'edit programme form');

  // Memberships: someone added at the door joins an organisation.
  const org = 'Northgate Lived Experience Network';
  await page.goto(`${base}/organisations?q=${encodeURIComponent('Lived Experience')}`);
  await heading(page, 'Organisations');
  await page.getByRole('link', { name: org }).click();
  await heading(page, `Edit ${org}`);
  await settled(page);
  const members = page.getByRole('region', { name: 'Members' });
  await pickFromCombobox(page, members.getByRole('combobox', { name: /Person/ }), 'Lee Harg', 'Lee Hargreaves');
  await members.getByLabel('Job title or role there (optional)').fill('Peer network member');
  await members.getByRole('button', { name: 'Add a member' }).click();
  await page
    .getByRole('table', { name: `Members of ${org}` })
    .locator('tbody tr')
    .filter({ hasText: 'Lee Hargreaves' })
    .filter({ hasText: 'Peer network member' })
    .waitFor({ timeout: TIMEOUT })
    .catch(() => {
      throw new Failure('Lee Hargreaves is not in the members list after adding');
    });
  await page.getByText(`Lee Hargreaves is now listed at ${org}.`).waitFor({ timeout: TIMEOUT });
  // The job title is changed in place, from the keyboard.
  await members.getByRole('button', { name: 'Change the job title Lee Hargreaves' }).click();
  const title = members.getByLabel('Job title Lee Hargreaves');
  await title.fill('Peer network coordinator');
  await checkA11y(page, 'membership job title being changed');
  await title.press('Enter');
  await page.getByText(`Lee Hargreaves’s job title at ${org} is now “Peer network coordinator”.`).waitFor({ timeout: TIMEOUT });
  await page
    .getByRole('table', { name: `Members of ${org}` })
    .locator('tbody tr')
    .filter({ hasText: 'Lee Hargreaves' })
    .filter({ hasText: 'Peer network coordinator' })
    .waitFor({ timeout: TIMEOUT })
    .catch(() => {
      throw new Failure('the changed job title is not shown in the members list');
    });
  await checkA11y(page, 'organisation members');
}

async function scenarioEventEndsBeforeStart(page, base) {
  await page.goto(`${base}/programmes`);
  await heading(page, 'Programmes');
  await settled(page);
  await page.getByRole('link', { name: DEMO_PROGRAMME }).click();
  await heading(page, DEMO_PROGRAMME);
  await page.getByRole('link', { name: 'New event' }).click();
  await heading(page, 'New event');
  await settled(page);
  await page.getByLabel('Title', { exact: true }).fill('Move-on pathway: follow-up workshop');
  await page.getByLabel('Workshop').check();
  const zone = await page.getByLabel('Time zone').inputValue();
  assert(zone === 'Europe/London', `the time zone should default to the programme's (Europe/London), got "${zone}"`);
  await page.getByLabel('Starts', { exact: true }).fill('2027-03-10T14:00');
  await page.getByLabel('Ends', { exact: true }).fill('2027-03-10T12:00');
  const note = await page.locator('#field-startsAt-note').textContent();
  assert(note.includes('Wed, 10 Mar 2027, 14:00 GMT'), `the start preview reads "${note}"`);
  await page.getByRole('button', { name: 'Create event' }).click();

  const summary = page.getByRole('alert');
  await summary.waitFor({ timeout: TIMEOUT });
  const fieldError = page.locator('#field-endsAt-error');
  await fieldError.waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('no error next to the end time');
  });
  const message = (await fieldError.textContent()).trim();
  assert(/end after it starts/i.test(message), `the end-time error reads "${message}"`);
  assert((await page.getByLabel('Ends', { exact: true }).getAttribute('aria-invalid')) === 'true', 'the end-time input is not marked invalid');
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary', null, { timeout: TIMEOUT }).catch(() => {
    throw new Failure('focus did not move to the error summary');
  });
  assert(new URL(page.url()).pathname === '/events/new', 'the form navigated away');
  log(`  field error: "${message}"`);
  await checkA11y(page, 'event form with errors');
  await shot(page, 'event-form-error');

  // Fixing the end time creates the event and shows it.
  await page.getByLabel('Ends', { exact: true }).fill('2027-03-10T16:30');
  await page.getByRole('button', { name: 'Create event' }).click();
  await heading(page, 'Move-on pathway: follow-up workshop');
  const when = await page.locator('.details').textContent();
  assert(when.includes('Wed, 10 Mar 2027, 14:00–16:30 GMT'), `the new event's time reads "${when}"`);
}

async function scenarioOtherScreens(page, base) {
  for (const [path, title, name] of [
    ['/events', 'Events', 'events'],
    ['/people', 'People', 'people'],
    ['/actions', 'Actions', 'actions'],
    ['/commitments', 'Commitments', 'commitments'],
  ]) {
    await page.goto(`${base}${path}`);
    await heading(page, title);
    await settled(page);
    await checkA11y(page, `${title} list`);
    await shot(page, name);
  }
  // Overdue actions are marked in words, not only colour.
  await page.goto(`${base}/actions?status=OVERDUE`);
  await heading(page, 'Actions');
  await settled(page);
  const rows = page.locator('tbody tr');
  const n = await rows.count();
  for (let i = 0; i < n; i++) {
    const due = await rows.nth(i).locator('td[data-label="Due"]').textContent();
    assert(due.includes('Overdue'), `an action in the overdue filter is not marked overdue: "${due}"`);
  }
  log(`  ${n} overdue action(s) marked`);
  // Keyboard: the skip link is the first stop and moves to the main content.
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement?.textContent);
  assert(first === 'Skip to main content', `the first Tab stop is "${first}", not the skip link`);
}

async function noSidewaysScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert(overflow <= 0, `${what} scrolls sideways at 375 px (${overflow} px too wide)`);
}

async function scenarioMyAccount(page, base) {
  await page.goto(`${base}/account`);
  await heading(page, 'My account');
  await settled(page);
  await page.getByLabel('Name this subscription').fill('work phone');
  await page.getByRole('button', { name: 'Create calendar subscription' }).click();
  const webcal = page.getByRole('link', { name: 'Open in my calendar app' });
  await webcal.waitFor({ timeout: TIMEOUT });
  const href = await webcal.getAttribute('href');
  assert(href.startsWith('webcal://'), `the subscribe button links to "${href}"`);
  const https = await page.getByLabel('Calendar address (https)').inputValue();
  assert(/^https?:\/\//.test(https), `the copyable address is "${https}"`);
  // The feed answers with a calendar (same server, whatever its public address).
  const feed = await fetch(`${base}${new URL(https).pathname}${new URL(https).search}`);
  const ics = await feed.text();
  assert(feed.status === 200 && ics.includes('BEGIN:VCALENDAR'), `the feed address answered ${feed.status}: ${ics.slice(0, 120)}`);
  const table = page.getByRole('table', { name: 'Calendar subscriptions' });
  await table.getByText('work phone').first().waitFor({ timeout: TIMEOUT });
  assert((await page.getByRole('table', { name: 'Signed-in browsers' }).getByText('This browser').count()) === 1, 'this browser is not marked among the sessions');
  await checkA11y(page, 'my account');
  await shot(page, 'account');
  await page.setViewportSize({ width: 375, height: 812 });
  try {
    await noSidewaysScroll(page, 'my account');
    await checkA11y(page, 'my account at 375 px');
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  page.once('dialog', (d) => void d.accept());
  await table.getByRole('button', { name: 'Revoke work phone' }).first().click();
  await table.getByText(/^Revoked/).first().waitFor({ timeout: TIMEOUT });
  const gone = await fetch(`${base}${new URL(https).pathname}`);
  assert(gone.status !== 200, `a revoked feed still answers ${gone.status}`);

  await page.goto(`${base}/invitations`);
  await heading(page, 'My invitations');
  await settled(page);
  await checkA11y(page, 'my invitations');
}

async function scenarioRecurringForumDoor(page, base) {
  const title = `Tenants’ voice forum ${Date.now().toString(36)}`;
  // 1. The organiser schedules a weekly forum starting tomorrow.
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.goto(`${base}/programmes`);
  await heading(page, 'Programmes');
  await settled(page);
  await page.getByRole('link', { name: DEMO_PROGRAMME }).click();
  await heading(page, DEMO_PROGRAMME);
  await page.getByRole('link', { name: 'New event' }).click();
  await heading(page, 'New event');
  await settled(page);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Forum', { exact: true }).check();
  await page.getByLabel('Starts', { exact: true }).fill(`${tomorrow}T10:00`);
  await page.getByLabel('Ends', { exact: true }).fill(`${tomorrow}T12:00`);
  await page.getByLabel('Repeats', { exact: true }).selectOption('weekly');
  await page.getByLabel('After a number of times').check();
  await page.getByRole('spinbutton', { name: 'Number of times' }).fill('6');
  const summary = (await page.getByTestId('rrule-summary').textContent()) ?? '';
  if (!/^Weekly on \w+day, 6 times/.test(summary.trim())) throw new Error(`recurrence summary is not weekly ×6: ${summary}`);
  log(`  recurrence: ${summary.trim()}`);
  await page.getByRole('button', { name: 'Create event' }).click();
  await heading(page, title);
  await settled(page);
  const eventUrl = page.url();

  // 2. …and invites an organisation through the invite dialog.
  await page.getByRole('button', { name: 'Invite people' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: TIMEOUT });
  await dialog.getByLabel('Organisations (all their members)').check();
  await dialog.getByLabel('Search organisations by name').fill('Northgate Lived');
  await dialog.getByLabel('Northgate Lived Experience Network').check();
  await checkA11y(page, 'invite dialog');
  await shot(page, 'invite-dialog', { fullPage: false });
  const before = serverLog.length;
  await dialog.getByRole('button', { name: /^Send invitations/ }).click();
  await dialog.getByText(/people? invited\./).waitFor({ timeout: TIMEOUT });
  const result = await dialog.getByRole('status').last().textContent();
  log(`  invite: ${result}`);
  await page.waitForFunction(() => /Invited/.test(document.querySelector('dialog [aria-label="Replies so far"]')?.textContent ?? ''), null, { timeout: TIMEOUT });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // 3. An invitee opens the emailed RSVP link (no sign-in) and accepts.
  // The demo attendee (a member of that organisation) gets their link by email; the server log holds it.
  const rsvp = await waitForLogMatch(/^.*attendee@convene\.test.*$/m, before).then((line) => {
    const m = line.match(/https?:\/\/[^\s"\\]+\/rsvp\/[A-Za-z0-9_\-.~%]+/);
    if (!m) throw new Failure(`the attendee's email has no RSVP link: ${line.slice(0, 300)}`);
    return m[0];
  });
  // No sign-in needed: the link's token is enough (a second tab stands in for the invitee's phone).
  const rsvpPage = await page.context().newPage();
  let attendee;
  try {
    await rsvpPage.setViewportSize({ width: 375, height: 812 });
    await rsvpPage.goto(rsvp.replace(/^https?:\/\/[^/]+/, base));
    attendee = ((await rsvpPage.locator('main p').first().textContent()) ?? '').match(/^Hello (.+), you are invited\./)?.[1];
    assert(attendee, `the RSVP page does not greet the invitee: ${await rsvpPage.locator('main').innerText()}`);
    await checkA11y(rsvpPage, 'RSVP page at 375 px');
    await rsvpPage.getByRole('button', { name: 'Accept' }).click();
    await rsvpPage.getByText(/Your reply:\s*coming/).waitFor({ timeout: TIMEOUT });
    await shot(rsvpPage, 'rsvp-accepted-mobile', { fullPage: false });
    assert(attendee === 'Sam Taylor', `the attendee's RSVP page greets "${attendee}"`);
    log(`  ${attendee} accepted through the emailed link`);
  } finally {
    await rsvpPage.close();
  }

  // 4. The organiser checks them in at the door, on a phone.
  await page.goto(eventUrl);
  await heading(page, title);
  await page.getByRole('link', { name: 'Door check-in' }).click();
  await heading(page, `Check-in: ${title}`);
  await settled(page);
  await page.setViewportSize({ width: 375, height: 812 });
  try {
    const accepted = page.locator('.counts__item--accepted .counts__number');
    await page.waitForFunction(() => Number(document.querySelector('.counts__item--accepted .counts__number')?.textContent) >= 1, null, { timeout: TIMEOUT }).catch(async () => {
      throw new Failure(`the door does not count the acceptance (accepted: ${await accepted.textContent()})`);
    });
    const code = (await page.locator('.door__code code').textContent()).trim();
    assert(/^\w{4,}$/.test(code), `no self check-in code on screen: "${code}"`);
    const qrOk = await page.locator('img.door__qr').evaluate((img) => img.complete && img.naturalWidth > 0);
    assert(qrOk, 'the QR code image did not load');
    await page.getByLabel('Search by name or organisation').fill(attendee.split(' ')[0]);
    await page.getByRole('button', { name: `Check in ${attendee}` }).click();
    await page.getByRole('status').filter({ hasText: `${attendee} is checked in.` }).waitFor({ timeout: TIMEOUT });
    // The live count (occurrenceLive over WebSocket) goes up.
    await page.waitForFunction(() => Number(document.querySelector('.counts__item--checked-in .counts__number')?.textContent) >= 1, null, { timeout: TIMEOUT }).catch(() => {
      throw new Failure('the checked-in count did not go up');
    });
    await page.getByText('Live: updates as people arrive.').waitFor({ timeout: TIMEOUT }).catch(() => {
      throw new Failure('the live subscription did not connect');
    });
    await noSidewaysScroll(page, 'the door check-in screen');
    await checkA11y(page, 'door check-in at 375 px');
    await shot(page, 'door-check-in-mobile');
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
}

/**
 * Admin screens: undo a check-in at the door (the live count drops), the
 * corrections screen of a past forum with its sign-in sheet links, the
 * audit log filtered to that undo, a person's data exported as JSON, the
 * favicon, and then the past forum's record for the minutes: apologies
 * from one person and a late arrival for another.
 */
async function scenarioAdminAuditExportUndo(page, base) {
  const FORUM = 'Multiple Disadvantage Partnership Forum';
  const checkedIn = () => page.evaluate(() => Number(document.querySelector('.counts__item--checked-in .counts__number')?.textContent));

  // 1. At the door of the next forum: check someone in, then undo it.
  await switchUser(page, base, 'organiser@convene.test');
  await page.goto(`${base}/events`);
  await heading(page, 'Events');
  await settled(page);
  await page.getByRole('link', { name: FORUM }).first().click();
  await heading(page, FORUM);
  await settled(page);
  const eventUrl = page.url();
  await page.getByRole('link', { name: 'Door check-in' }).click();
  await heading(page, `Check-in: ${FORUM}`);
  await settled(page);
  await page.getByText('Live: updates as people arrive.').waitFor({ timeout: TIMEOUT });
  const before = await checkedIn();
  const checkInButton = page.getByRole('button', { name: /^Check in / }).first();
  const who = ((await checkInButton.textContent()) ?? '').replace(/^Check in\s*/, '').trim();
  assert(who, 'nobody to check in at the door');
  await checkInButton.click();
  await page.getByRole('status').filter({ hasText: `${who} is checked in.` }).waitFor({ timeout: TIMEOUT });
  await page.waitForFunction((n) => Number(document.querySelector('.counts__item--checked-in .counts__number')?.textContent) === n + 1, before, { timeout: TIMEOUT }).catch(async () => {
    throw new Failure(`the checked-in count did not go up from ${before} (now ${await checkedIn()})`);
  });
  await page.getByRole('button', { name: `Undo check-in of ${who}` }).click();
  await page.getByRole('status').filter({ hasText: `${who}’s check-in is undone.` }).waitFor({ timeout: TIMEOUT });
  await page.waitForFunction((n) => Number(document.querySelector('.counts__item--checked-in .counts__number')?.textContent) === n, before, { timeout: TIMEOUT }).catch(async () => {
    throw new Failure(`the checked-in count did not drop back to ${before} after the undo (now ${await checkedIn()})`);
  });
  await page.getByRole('button', { name: `Check in ${who}` }).waitFor({ timeout: TIMEOUT });
  log(`  checked ${who} in and undid it: count ${before} → ${before + 1} → ${before}`);
  // The sheet links the server serves.
  const sheetCsv = await page.getByRole('link', { name: 'Download the sheet (CSV)' }).getAttribute('href');
  const csv = await page.request.get(`${base}${sheetCsv}`);
  assert(csv.ok() && /text\/csv/.test(csv.headers()['content-type'] ?? ''), `the sheet CSV did not download (${csv.status()} ${csv.headers()['content-type']})`);
  const printHref = await page.getByRole('link', { name: /Printable sign-in sheet/ }).getAttribute('href');
  const print = await page.request.get(`${base}${printHref}`);
  assert(print.ok() && (await print.text()).includes(FORUM), `the printable sheet did not load (${print.status()})`);
  await checkA11y(page, 'door check-in with undo');

  // 2. A past forum's attendance, corrected from the event page: no self check-in code.
  await page.goto(eventUrl);
  await heading(page, FORUM);
  await settled(page);
  const past = page.getByRole('region', { name: 'Past occurrences' });
  await past.getByRole('link', { name: /^Attendance on/ }).first().click();
  await heading(page, `Attendance: ${FORUM}`);
  await settled(page);
  const pastUrl = page.url();
  await page.getByText(/This occurrence has ended/).waitFor({ timeout: TIMEOUT });
  assert((await page.getByRole('heading', { name: 'Self check-in' }).count()) === 0, 'the corrections screen shows the self check-in code');
  const inRoom = await page.getByRole('button', { name: /^Undo check-in of / }).count();
  assert(inRoom > 0, 'the past forum shows nobody checked in to correct');
  await checkA11y(page, 'attendance corrections of a past forum');

  // 3. The admin reads the audit log and filters it to attendance records.
  await switchUser(page, base, 'admin@convene.test');
  await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
  await heading(page, 'Audit log');
  await settled(page);
  await page.getByRole('table', { name: 'Audit log' }).waitFor({ timeout: TIMEOUT });
  await page.getByLabel('Record type').selectOption('Attendance');
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('From').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
  await page.waitForURL(/type=Attendance.*from=|from=.*type=Attendance/, { timeout: TIMEOUT });
  const firstRow = page.getByRole('table', { name: 'Audit log' }).getByRole('row').nth(1);
  // Filtered: only attendance records, the undone check-in first.
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('table tbody tr')];
    return rows.length > 0 && rows.every((r) => /Attendance/.test(r.textContent)) && /Deleted/.test(rows[0].textContent);
  }, null, { timeout: TIMEOUT }).catch(async () => {
    throw new Failure(`the filtered audit log does not show only attendance, the undone check-in first: ${(await page.locator('table tbody tr').allInnerTexts()).slice(0, 3).join(' | ')}`);
  });
  const rowText = (await firstRow.innerText()).replace(/\s+/g, ' ');
  assert(rowText.includes('Jo Bennett'), `the audit row does not name the organiser who undid it: ${rowText}`);
  assert(rowText.includes('(removed)'), `the audit row of the undone check-in does not say the record is gone: ${rowText}`);
  // Entries about records that are still there name them: an attendance
  // says who was at which forum and opens the event.
  const named = page.getByRole('table', { name: 'Audit log' }).getByRole('link', { name: new RegExp(` at ${FORUM}$`) }).first();
  await named.waitFor({ timeout: TIMEOUT });
  assert(/^\/events\/\d+$/.test((await named.getAttribute('href')) ?? ''), `the attendance entry does not link its event: ${await named.getAttribute('href')}`);
  log(`  audit log (${today}): ${rowText}`);
  await checkA11y(page, 'audit log filtered');
  await shot(page, 'audit-log');

  // 4. Export a person's data from their page.
  await page.goto(`${base}/people?q=${encodeURIComponent(who)}`);
  await heading(page, 'People');
  await settled(page);
  await page.getByRole('link', { name: who, exact: true }).first().click();
  await heading(page, `Edit ${who}`);
  await settled(page);
  const requests = page.getByRole('region', { name: 'Data requests' });
  await requests.waitFor({ timeout: TIMEOUT });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), requests.getByRole('button', { name: 'Download their data (JSON)' }).click()]);
  assert(download.suggestedFilename().endsWith('.json'), `the export is not a .json file: ${download.suggestedFilename()}`);
  const text = fs.readFileSync(await download.path(), 'utf8');
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Failure(`the export is not JSON: ${text.slice(0, 200)}`);
  }
  assert(JSON.stringify(data).includes(who), `the export does not hold ${who}'s name`);
  // Erasing asks for the name first (not carried out here: the demo data stays whole).
  await requests.getByRole('button', { name: 'Erase this person…' }).click();
  await requests.getByRole('group', { name: `Erase ${who}?` }).waitFor({ timeout: TIMEOUT });
  await checkA11y(page, 'person page with data requests');
  await requests.getByRole('button', { name: 'Cancel' }).click();
  log(`  exported ${who}'s data: ${download.suggestedFilename()} (${text.length} bytes)`);

  // 5. Browsers' automatic /favicon.ico request finds an icon.
  const icon = await page.request.get(`${base}/favicon.ico`);
  assert(icon.ok() && /image\//.test(icon.headers()['content-type'] ?? ''), `/favicon.ico: ${icon.status()} ${icon.headers()['content-type']}`);

  // 6. Back as the organiser, the past forum's record for the minutes (after
  //    the audit log step, which wants the undo as the latest attendance
  //    change): one invitee sent apologies, someone else came late. The
  //    counts, the page after a reload and the sheet's CSV all say so.
  await switchUser(page, base, 'organiser@convene.test');
  await page.goto(pastUrl);
  await heading(page, `Attendance: ${FORUM}`);
  await settled(page);
  const people = await page.evaluate(() =>
    [...document.querySelectorAll('select[id^="door-status-"]')].map((s) => ({
      name: document.querySelector(`label[for="${CSS.escape(s.id)}"]`)?.textContent.replace(/^Attendance\s+of\s+/, '').trim(),
      status: s.value,
      // Apologies are offered to invitees only.
      invited: [...s.options].some((o) => o.value === 'APOLOGIES'),
    })),
  );
  // Nothing recorded, present or left early: either change moves exactly one count.
  const changeable = people.filter((p) => p.name && ['', 'PRESENT', 'LEFT_EARLY'].includes(p.status));
  const apologetic = changeable.find((p) => p.invited);
  const late = changeable.find((p) => p !== apologetic);
  assert(apologetic && late, `the past forum has nobody to record apologies and a late arrival for: ${JSON.stringify(people)}`);
  const outcome = (label) =>
    page.evaluate(
      (l) => Number([...document.querySelectorAll('ul[aria-label="Recorded outcomes"] li')].find((li) => li.querySelector('.counts__label')?.textContent === l)?.querySelector('.counts__number')?.textContent),
      label,
    );
  const apologiesBefore = await outcome('Apologies');
  const lateBefore = await outcome('Late');
  assert(Number.isInteger(apologiesBefore) && Number.isInteger(lateBefore), `the corrections screen shows no outcome counts (apologies ${apologiesBefore}, late ${lateBefore})`);
  const control = (who) => page.getByLabel(`Attendance of ${who}`, { exact: true });
  await control(apologetic.name).selectOption('APOLOGIES');
  await page.getByRole('status').filter({ hasText: `Apologies from ${apologetic.name} are recorded.` }).waitFor({ timeout: TIMEOUT });
  await control(late.name).selectOption('LATE');
  await page.getByRole('status').filter({ hasText: `${late.name} is recorded as late.` }).waitFor({ timeout: TIMEOUT });
  await page
    .waitForFunction(
      ([a, l]) => {
        const count = (label) =>
          Number([...document.querySelectorAll('ul[aria-label="Recorded outcomes"] li')].find((li) => li.querySelector('.counts__label')?.textContent === label)?.querySelector('.counts__number')?.textContent);
        return count('Apologies') === a && count('Late') === l;
      },
      [apologiesBefore + 1, lateBefore + 1],
      { timeout: TIMEOUT },
    )
    .catch(async () => {
      throw new Failure(`the outcome counts did not follow: apologies ${apologiesBefore} → ${await outcome('Apologies')}, late ${lateBefore} → ${await outcome('Late')}`);
    });
  await checkA11y(page, 'attendance corrections with apologies and a late arrival');
  // Saved: a reload shows the same, and so does the sheet's CSV.
  await page.reload();
  await heading(page, `Attendance: ${FORUM}`);
  await settled(page);
  const shown = async (who) => (await control(who).inputValue()) + ' / ' + (await control(who).evaluate((s) => s.selectedOptions[0]?.textContent));
  assert((await shown(apologetic.name)) === 'APOLOGIES / Apologies', `after a reload ${apologetic.name} shows ${await shown(apologetic.name)}, not apologies`);
  assert((await shown(late.name)) === 'LATE / Late', `after a reload ${late.name} shows ${await shown(late.name)}, not late`);
  const pastCsv = await page.request.get(`${base}${await page.getByRole('link', { name: 'Download the sheet (CSV)' }).getAttribute('href')}`);
  assert(pastCsv.ok(), `the past forum's sheet CSV answered ${pastCsv.status()}`);
  const [header, ...records] = parseCsv(await pastCsv.text());
  const statusOf = (who) => records.find((r) => r[header.indexOf('name')] === who)?.[header.indexOf('status')];
  assert(statusOf(apologetic.name) === 'APOLOGIES', `the sheet CSV has ${apologetic.name} as ${statusOf(apologetic.name)}, not APOLOGIES`);
  assert(statusOf(late.name) === 'LATE', `the sheet CSV has ${late.name} as ${statusOf(late.name)}, not LATE`);
  log(`  corrected the past forum: apologies from ${apologetic.name} (was ${apologetic.status || 'nothing'}), ${late.name} late (was ${late.status || 'nothing'}); counts apologies ${apologiesBefore} → ${apologiesBefore + 1}, late ${lateBefore} → ${lateBefore + 1}`);
}

/** The rows of a CSV text (RFC 4180: quoted cells, doubled quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') cell += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** The number shown in a .counts list next to a label. */
async function countIn(list, label) {
  return Number(
    await list.evaluate(
      (ul, want) => [...ul.querySelectorAll('.counts__item')].find((li) => li.querySelector('.counts__label')?.textContent.trim() === want)?.querySelector('.counts__number')?.textContent,
      label,
    ),
  );
}

async function waitForCount(page, list, label, predicate, what) {
  const deadline = Date.now() + TIMEOUT;
  let n = NaN;
  while (Date.now() < deadline) {
    n = await countIn(list, label);
    if (predicate(n)) return n;
    await page.waitForTimeout(100);
  }
  throw new Failure(`${what} (${label}: ${n})`);
}

async function scenarioDoorWalkInsAndLiveReplies(page, base) {
  await switchUser(page, base, 'organiser@convene.test');
  const suffix = Date.now().toString(36);
  const title = `Door walk-ins forum ${suffix}`;
  // 1. A one-off forum tomorrow.
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.goto(`${base}/programmes`);
  await heading(page, 'Programmes');
  await settled(page);
  await page.getByRole('link', { name: DEMO_PROGRAMME }).click();
  await heading(page, DEMO_PROGRAMME);
  await page.getByRole('link', { name: 'New event' }).click();
  await heading(page, 'New event');
  await settled(page);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Forum', { exact: true }).check();
  await page.getByLabel('Starts', { exact: true }).fill(`${tomorrow}T14:00`);
  await page.getByLabel('Ends', { exact: true }).fill(`${tomorrow}T16:00`);
  await page.getByRole('button', { name: 'Create event' }).click();
  await heading(page, title);
  await settled(page);
  const eventUrl = page.url();
  await page.getByText('Live: updates as replies come in.').waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the event page’s reply counts are not live');
  });

  // 2. Invite the lived experience network; the dialog's counts follow live.
  await page.getByRole('button', { name: 'Invite people' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: TIMEOUT });
  const replies = dialog.getByRole('list', { name: 'Replies so far' });
  await replies.waitFor({ timeout: TIMEOUT });
  await dialog.getByText('Live: updates as replies come in.').waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the invite dialog’s reply counts are not live');
  });
  assert((await countIn(replies, 'Invited')) === 0, 'a new event already has invitations');
  await dialog.getByLabel('Organisations (all their members)').check();
  await dialog.getByLabel('Search organisations by name').fill('Northgate Lived');
  await dialog.getByLabel('Northgate Lived Experience Network').check();
  const before = serverLog.length;
  await dialog.getByRole('button', { name: /^Send invitations/ }).click();
  await dialog.getByText(/people? invited\./).waitFor({ timeout: TIMEOUT });
  const invited = await waitForCount(page, replies, 'Invited', (n) => n > 0, 'the dialog did not count the new invitations');
  assert((await countIn(replies, 'No reply')) === invited, 'new invitations are not counted as "No reply"');
  assert((await countIn(replies, 'Accepted')) === 0, 'someone accepted before being asked');

  // An invitee accepts through the emailed link (another tab): the open dialog counts it without reloading.
  const rsvp = await waitForLogMatch(/^.*attendee@convene\.test.*$/m, before).then((line) => {
    const m = line.match(/https?:\/\/[^\s"\\]+\/rsvp\/[A-Za-z0-9_\-.~%]+/);
    if (!m) throw new Failure(`the attendee's email has no RSVP link: ${line.slice(0, 300)}`);
    return m[0];
  });
  const rsvpPage = await page.context().newPage();
  try {
    await rsvpPage.goto(rsvp.replace(/^https?:\/\/[^/]+/, base));
    await rsvpPage.getByRole('button', { name: 'Accept' }).click();
    await rsvpPage.getByText(/Your reply:\s*coming/).waitFor({ timeout: TIMEOUT });
  } finally {
    await rsvpPage.close();
  }
  await waitForCount(page, replies, 'Accepted', (n) => n === 1, 'the invite dialog did not count the acceptance live');
  assert((await countIn(replies, 'No reply')) === invited - 1, 'the acceptance was not taken off "No reply"');
  log(`  invite dialog, live: ${(await replies.innerText()).replace(/\s+/g, ' ')}`);
  await checkA11y(page, 'invite dialog with live reply counts');
  await dialog.getByRole('button', { name: 'Close' }).click();
  const pageCounts = page.getByRole('list', { name: /^Replies from \d+ invited/ });
  await waitForCount(page, pageCounts, 'Accepted', (n) => n === 1, 'the event page did not count the acceptance');

  // 3. At the door, on a phone: a walk-in who is new to the directory…
  await page.goto(eventUrl);
  await heading(page, title);
  await page.getByRole('link', { name: 'Door check-in' }).click();
  await heading(page, `Check-in: ${title}`);
  await settled(page);
  await page.setViewportSize({ width: 375, height: 812 });
  try {
    await page.getByText('Live: updates as people arrive.').waitFor({ timeout: TIMEOUT });
    const counts = page.locator('.door__counts .counts');
    const start = await countIn(counts, 'Checked in');
    const walkIn = `Wanda Walkin ${suffix}`;
    await page.getByRole('button', { name: 'Someone not on the list?' }).click();
    await page.getByRole('heading', { name: 'Record a walk-in' }).waitFor({ timeout: TIMEOUT });
    // Nothing chosen: a clear error, linked to the search box.
    await page.getByRole('button', { name: 'Record walk-in' }).click();
    await page.getByRole('link', { name: /Choose the person from the search results/ }).waitFor({ timeout: TIMEOUT });
    await page.getByRole('button', { name: 'Not in the directory? Add someone new' }).click();
    await page.getByLabel('Name', { exact: true }).fill(walkIn);
    await page.getByLabel('Stakeholder group (optional)').selectOption('FRONTLINE');
    await page.getByLabel('Organisation (optional)').fill('Northgate Mind');
    await page.getByRole('button', { name: /^Choose Northgate Mind/ }).first().click();
    await page.getByRole('heading', { name: 'Record a walk-in' }).scrollIntoViewIfNeeded();
    await noSidewaysScroll(page, 'the walk-in form');
    await atPhoneWidth(page, 'the walk-in form', 'door-walk-in-mobile');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByRole('button', { name: 'Record walk-in' }).click();
    await page.getByRole('status').filter({ hasText: `${walkIn} is checked in as a walk-in.` }).waitFor({ timeout: TIMEOUT });
    await waitForCount(page, counts, 'Checked in', (n) => n >= start + 1, 'the checked-in count did not go up for the walk-in');
    await page.getByLabel('Search by name or organisation').fill('Wanda');
    await page.getByRole('listitem').filter({ hasText: walkIn }).getByText('Walk-in').waitFor({ timeout: TIMEOUT });

    // …and a deputy, found in the directory, for an invitee who could not come.
    const afterWalkIn = await countIn(counts, 'Checked in');
    await page.getByLabel('Search by name or organisation').fill('Marcus');
    await page.getByRole('button', { name: 'Came instead: deputy for Marcus Reid' }).click();
    await page.getByRole('heading', { name: 'Who came instead of Marcus Reid?' }).waitFor({ timeout: TIMEOUT });
    await page.getByLabel('Search the directory by name').fill('Emily Rob');
    await page.getByRole('button', { name: /^Choose Emily Roberts/ }).click();
    await checkA11y(page, 'deputy form at 375 px');
    await page.getByRole('button', { name: 'Record deputy' }).click();
    await page.getByRole('status').filter({ hasText: 'Emily Roberts is checked in, instead of Marcus Reid.' }).waitFor({ timeout: TIMEOUT });
    await waitForCount(page, counts, 'Checked in', (n) => n > afterWalkIn, 'the checked-in count did not go up for the deputy');
    await page.getByLabel('Search by name or organisation').fill('Marcus');
    await page.getByText('Deputy: Emily Roberts').waitFor({ timeout: TIMEOUT }).catch(() => {
      throw new Failure('the invitee’s row does not name their deputy');
    });
    log(`  checked in: ${start} → ${await countIn(counts, 'Checked in')}`);
    await noSidewaysScroll(page, 'the door after a walk-in and a deputy');
    await checkA11y(page, 'door with a walk-in and a deputy at 375 px');
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
}

async function scenarioAttendeeInvitations(page, base) {
  await switchUser(page, base, 'attendee@convene.test');
  await page.goto(`${base}/invitations`);
  await heading(page, 'My invitations');
  await settled(page);
  const card = page.getByRole('article').filter({ hasText: 'Tenants’ voice forum' }).first();
  await card.waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the attendee does not see the new forum among their invitations');
  });
  assert(await card.getByLabel('Accept').isChecked(), 'the reply given by email is not shown as Accept');
  await card.getByLabel(/Access needs/).fill('A seat near the door, please.');
  await card.getByRole('button', { name: 'Send reply' }).click();
  await card.getByText('Reply saved: you are coming.').waitFor({ timeout: TIMEOUT });
  await checkA11y(page, 'my invitations with replies');
  await shot(page, 'my-invitations');
  await page.setViewportSize({ width: 375, height: 812 });
  try {
    await noSidewaysScroll(page, 'my invitations');
    await checkA11y(page, 'my invitations at 375 px');
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  // The invitee can open the event from their invitation.
  await card.getByRole('link', { name: 'Event details' }).click();
  await heading(page, /^Tenants’ voice forum/);
  await settled(page);
  const alerts = page.getByRole('alert');
  if ((await alerts.count()) > 0) throw new Failure(`the event page shows an error to the invitee: ${await alerts.first().textContent()}`);
}

async function scenarioAttendeeUpcoming(page, base) {
  await switchUser(page, base, 'attendee@convene.test');
  // Linked from the navigation for everyone signed in.
  const nav = page.getByRole('navigation', { name: 'Main' });
  const link = nav.getByRole('link', { name: 'My upcoming events' });
  if (!(await link.isVisible())) await page.getByRole('button', { name: 'Menu' }).click();
  await link.click();
  await heading(page, 'My upcoming events');
  await settled(page);
  const list = page.getByRole('list', { name: 'Upcoming events' });
  // The demo forum, on a date that can still be answered (not a cancelled one).
  const forum = list
    .getByRole('article')
    .filter({ hasText: 'Multiple Disadvantage Partnership Forum' })
    .filter({ has: page.getByRole('button', { name: /^Change reply/ }) })
    .first();
  await forum.waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the attendee does not see the demo forum among their upcoming events');
  });
  assert(/\d{1,2}:\d{2}.*(GMT|BST)/.test(await forum.locator('time').first().innerText()), 'the forum date is not shown in London time');
  assert(await forum.getByLabel('Accept').isChecked(), 'the attendee’s acceptance of the forum is not shown');
  // The .ics download answers with a calendar.
  const href = await forum.getByRole('link', { name: /^Download \.ics/ }).getAttribute('href');
  const cookies = await page.context().cookies(base);
  const res = await fetch(`${base}${new URL(href, base).pathname}`, { headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } });
  const ics = await res.text();
  assert(res.status === 200 && ics.includes('BEGIN:VEVENT'), `the .ics link (${href}) answered ${res.status}: ${ics.slice(0, 120)}`);
  await checkA11y(page, 'my upcoming events');
  await shot(page, 'my-upcoming');
  await page.setViewportSize({ width: 375, height: 812 });
  try {
    await noSidewaysScroll(page, 'my upcoming events');
    await checkA11y(page, 'my upcoming events at 375 px');
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  // A quick change of reply (for the whole series), then back.
  await forum.getByLabel('Maybe').check();
  await forum.getByRole('button', { name: /^Change reply/ }).click();
  await page.getByText('Reply saved for Multiple Disadvantage Partnership Forum (every date): maybe.').waitFor({ timeout: TIMEOUT });
  await forum.getByText('Tentative', { exact: true }).waitFor({ timeout: TIMEOUT });
  await forum.getByLabel('Accept').check();
  await forum.getByRole('button', { name: /^Change reply/ }).click();
  await page.getByText('Reply saved for Multiple Disadvantage Partnership Forum (every date): you are coming.').waitFor({ timeout: TIMEOUT });

  // Last: sign out everywhere, after confirming, and land on sign-in.
  await page.goto(`${base}/account`);
  await heading(page, 'My account');
  await settled(page);
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  const question = page.getByRole('group', { name: 'Sign out everywhere?' });
  await question.waitFor({ timeout: TIMEOUT });
  await checkA11y(page, 'sign out everywhere, confirming');
  await question.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
  await heading(page, 'Sign in to Convene');
  // The session is gone on the server, not just forgotten by this page.
  await page.goto(`${base}/upcoming`);
  await heading(page, 'Sign in to Convene');
}

async function scenarioAttendeeReadOnly(page, base) {
  await switchUser(page, base, 'attendee@convene.test');
  // The forum from their invitations, then its minutes: to read, not to edit.
  await page.goto(`${base}/invitations`);
  await heading(page, 'My invitations');
  await settled(page);
  const card = page.getByRole('article').filter({ hasText: 'Multiple Disadvantage Partnership Forum' }).first();
  await card.waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the attendee does not see the demo forum among their invitations');
  });
  await card.getByRole('link', { name: 'Event details' }).click();
  await heading(page, /^Multiple Disadvantage Partnership Forum/);
  await settled(page);
  for (const name of ['Representation report', 'Edit event', 'Minutes and actions']) {
    assert((await page.getByRole('link', { name, exact: true }).count()) === 0, `the event page offers a member “${name}”`);
  }
  await page.getByRole('link', { name: 'Minutes', exact: true }).click();
  await heading(page, 'Minutes');
  await settled(page);
  await page.getByRole('heading', { name: 'Matters arising' }).waitFor({ timeout: TIMEOUT });
  assert((await page.getByRole('button', { name: 'Save minutes' }).count()) === 0, 'a member is offered “Save minutes”');
  assert((await page.getByLabel('Minutes of this meeting').count()) === 0, 'a member is offered the minutes text box');
  assert((await page.getByRole('alert').count()) === 0, `the minutes page shows an error to a member: ${await page.getByRole('alert').first().textContent().catch(() => '')}`);
  await checkA11y(page, 'minutes, read-only for a member');

  // A staff screen opened by its address: said plainly, not an empty or false report.
  await page.goto(`${base}/funding`);
  await heading(page, 'Funding');
  await page.getByText('These screens are for organisers and consultants.').waitFor({ timeout: TIMEOUT });
  assert((await page.getByText(/funding cliff|falls below/i).count()) === 0, 'a member sees a funding cliff');
  await checkA11y(page, 'funding, for a member');
}

async function scenarioConsultantFunding(page, base) {
  await switchUser(page, base, 'consultant@convene.test');
  await page.goto(`${base}/funding`);
  await heading(page, 'Funding');
  await settled(page);
  const cliff = page.getByRole('heading', { name: 'Funding cliff', level: 2 });
  await cliff.waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the consultant does not see a funding cliff');
  });
  const text = await page.locator('section[aria-labelledby="cliff-heading"]').innerText();
  log(`  ${text.split('\n').slice(1, 2).join(' ')}`);
  await page.locator('.recharts-surface').first().waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the funding chart was not drawn');
  });
  // The level of funding in force month by month: the chart, and its table
  // alternative where the cliff's month holds less than the month before.
  await page.getByRole('img', { name: /^Step line chart of the secured funding in force each month .*; it falls below the threshold in / }).waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the in-force chart does not say where funding falls below the threshold');
  });
  assert((await page.locator('section[aria-labelledby="in-force-heading"] .recharts-line').count()) > 0, 'the in-force line was not drawn');
  await page.getByText('Month by month, as a table').click();
  const monthRows = page.getByRole('table', { name: 'Secured funding in force by month' }).getByRole('row');
  await monthRows.nth(1).waitFor({ timeout: TIMEOUT });
  const months = (await monthRows.allInnerTexts()).slice(1).map((r) => r.split('\t').map((c) => c.trim()));
  const money = (cell) => Number(cell.replace(/[^\d.-]/g, ''));
  const at = months.findIndex((cells) => /Cliff/.test(cells[0]));
  assert(at > 0, `no month before the cliff in the in-force table: ${JSON.stringify(months.slice(0, 6))}`);
  assert(money(months[at][1]) < money(months[at - 1][1]), `funding in force does not fall at the cliff: ${JSON.stringify(months.slice(at - 1, at + 1))}`);
  log(`  in force: ${months[at - 1][0]} ${months[at - 1][1]} → ${months[at][0]} ${months[at][1]}`);
  const csv = await page.getByRole('link', { name: 'Commitments (CSV)' }).getAttribute('href');
  const cookies = await page.context().cookies(base);
  const res = await fetch(`${base}${csv}`, { headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } });
  assert(res.status === 200 && /text\/csv/.test(res.headers.get('content-type') ?? ''), `the commitments CSV answered ${res.status} ${res.headers.get('content-type')}`);
  await checkA11y(page, 'funding view');
  await page.getByText('Month by month, as a table').click(); // folded again for the screenshot
  await shot(page, 'funding');
  await page.setViewportSize({ width: 375, height: 812 });
  try {
    await page.waitForTimeout(300); // the chart redraws at the new width
    await noSidewaysScroll(page, 'the funding view');
    await checkA11y(page, 'funding view at 375 px');
    await shot(page, 'funding-mobile', { fullPage: false });
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
}

async function assertCsv(page, base, linkName) {
  const href = await page.getByRole('link', { name: linkName }).getAttribute('href');
  const cookies = await page.context().cookies(base);
  const res = await fetch(`${base}${href}`, { headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } });
  assert(res.status === 200 && /text\/csv/.test(res.headers.get('content-type') ?? ''), `${linkName} (${href}) answered ${res.status} ${res.headers.get('content-type')}`);
}

async function atPhoneWidth(page, what, name) {
  await page.setViewportSize({ width: 375, height: 812 });
  try {
    await page.waitForTimeout(300); // charts redraw at the new width
    await noSidewaysScroll(page, what);
    await checkA11y(page, `${what} at 375 px`);
    if (name) await shot(page, name, { fullPage: false });
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
}

async function scenarioConsultantRepresentation(page, base) {
  await switchUser(page, base, 'consultant@convene.test');
  await page.goto(`${base}/representation`);
  await heading(page, 'Representation');
  await settled(page);
  await page.getByRole('heading', { name: /^(No )?[Mm]issing voices$/, level: 2 }).waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the representation report did not load');
  });
  const table = page.getByRole('table', { name: 'Invited, accepted and attended by stakeholder group and sector' });
  if (await table.count()) {
    await page.locator('.recharts-surface').first().waitFor({ timeout: TIMEOUT }).catch(() => {
      throw new Failure('the representation chart was not drawn');
    });
    log(`  ${(await table.locator('tbody tr').count())} group × sector rows`);
  } else {
    log('  the demo programme has no invitations to report on yet');
  }
  await assertCsv(page, base, 'Representation (CSV)');
  await assertCsv(page, base, 'Organisation attendance rates (CSV)');
  await assertCsv(page, base, 'Repeat attendance (CSV)');
  await checkA11y(page, 'representation report');
  await shot(page, 'representation');
  await atPhoneWidth(page, 'the representation report');

  // One occurrence, reached from the event page.
  await page.goto(`${base}/events`);
  await heading(page, 'Events');
  await settled(page);
  await page.getByRole('link', { name: DEMO_FORUM }).first().click();
  await heading(page, DEMO_FORUM);
  await page.getByRole('link', { name: 'Representation report' }).click();
  await heading(page, /^Representation: /);
  await settled(page);
  const occurrence = page.getByLabel('Occurrence', { exact: true });
  if (await occurrence.count()) {
    const first = await occurrence.locator('option').nth(1).getAttribute('value');
    await occurrence.selectOption(first);
    assert(new URL(page.url()).searchParams.get('start') === first, 'choosing an occurrence did not put it in the address');
    await settled(page);
  }
  await page.getByRole('heading', { name: /^(No )?[Mm]issing voices$/, level: 2 }).waitFor({ timeout: TIMEOUT });
  await checkA11y(page, 'representation at one occurrence');
}

async function scenarioConsultantPartnerships(page, base) {
  await switchUser(page, base, 'consultant@convene.test');
  await page.goto(`${base}/partnerships`);
  await heading(page, 'Partnership map');
  await settled(page);
  const links = page.getByRole('table', { name: 'Links between organisations, heaviest first' });
  const empty = page.getByText('No partnerships in this period.');
  await links.or(empty).first().waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the partnership network did not load');
  });
  if (await links.count()) {
    await page.locator('.network-graph canvas').first().waitFor({ timeout: TIMEOUT }).catch(() => {
      throw new Failure('the partnership map was not drawn');
    });
    log(`  ${await page.locator('section[aria-labelledby="map-heading"] > p').first().innerText()}`);
    // Keyboard: choose an organisation, the table narrows to its links.
    const focus = page.getByLabel('Organisation', { exact: true });
    const second = await focus.locator('option').nth(1).textContent();
    await focus.focus();
    await focus.selectOption({ label: second });
    await page.getByRole('heading', { name: `Links of ${second}`, level: 2 }).waitFor({ timeout: TIMEOUT });
    await focus.selectOption({ value: '' });
  } else {
    log('  the demo data has no partnerships');
  }
  // The period filter narrows the network (a period long ago is empty).
  await page.getByLabel('From', { exact: true }).fill('2001-01-01');
  await page.getByLabel('To', { exact: true }).fill('2001-12-31');
  await settled(page);
  await empty.waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the period filter did not narrow the network');
  });
  await page.getByRole('button', { name: 'Any time' }).click();
  await settled(page);
  await links.or(empty).first().waitFor({ timeout: TIMEOUT });
  if (await links.count()) await page.locator('.network-graph canvas').first().waitFor({ timeout: TIMEOUT });
  await page.waitForTimeout(300); // let the layout settle before the screenshot
  await checkA11y(page, 'partnership map');
  await shot(page, 'partnership-map');
  await atPhoneWidth(page, 'the partnership map');
}

/**
 * The consultant's ledger work: open an action from the board, report 50%
 * with a note and see it in the history; record a commitment, agree it,
 * link that action to it; CSV downloads of the board and the ledger.
 */
async function scenarioConsultantActionAndCommitment(page, base) {
  await switchUser(page, base, 'consultant@convene.test');
  await page.goto(`${base}/actions?status=OPEN`);
  await heading(page, 'Actions');
  await settled(page);
  await assertCsv(page, base, 'Download as CSV');
  const row = page.getByRole('table', { name: 'Actions' }).locator('a.strong-link').first();
  await row.waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the consultant sees no open action on the board');
  });
  const actionTitle = (await row.innerText()).trim();
  await row.click();
  await heading(page, actionTitle);
  await settled(page);
  const programmeHref = await page.locator('.facts a[href^="/programmes/"]').first().getAttribute('href');
  const stamp = Date.now().toString(36);
  const note = `Draft protocol circulated (${stamp})`;
  await page.getByLabel('Progress (%)').fill('50');
  await page.getByLabel('Note (optional)').fill(note);
  await page.getByRole('button', { name: 'Report progress' }).click();
  await page.getByText('Progress reported.').waitFor({ timeout: TIMEOUT });
  const history = page.getByRole('list', { name: 'History' });
  await history.getByText(note).waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the progress note is not in the action’s history');
  });
  const entry = await history.getByRole('listitem').filter({ hasText: note }).innerText();
  assert(/→ 50%/.test(entry), `the history entry does not show 50%: ${entry}`);
  await checkA11y(page, 'action page');
  await shot(page, 'action');

  // A new commitment in the action's programme, proposed then agreed.
  await page.goto(`${base}/commitments`);
  await heading(page, 'Commitments');
  await settled(page);
  await assertCsv(page, base, 'Download as CSV');
  await page.goto(`${base}/commitments/new?programme=${encodeURIComponent(programmeHref.split('/').pop())}`);
  await heading(page, 'New commitment');
  await settled(page);
  // A missing field is reported next to it.
  await page.getByRole('button', { name: 'Record commitment' }).click();
  await page.getByRole('alert').getByText('Choose the kind of commitment.').waitFor({ timeout: TIMEOUT });
  assert((await page.getByLabel('Kind').getAttribute('aria-invalid')) === 'true', 'the kind field is not marked invalid');
  await checkA11y(page, 'new commitment form with errors');
  const title = `Link worker funding (${stamp})`;
  await page.getByLabel('What is committed').fill(title);
  await page.getByLabel('Kind').selectOption('FUNDING');
  await pickFromCombobox(page, page.getByRole('combobox', { name: 'Organisation making it' }), 'northgate', 'Northgate Mind');
  await page.getByLabel('Amount', { exact: true }).fill('12000');
  await page.getByLabel('Starts', { exact: true }).fill('2026-04-01');
  await page.getByLabel('Ends (optional)').fill('2027-03-31');
  await page.getByRole('button', { name: 'Record commitment' }).click();
  await heading(page, title);
  await settled(page);
  const moves = await page.getByRole('group', { name: /Move it to/ }).getByRole('radio').evaluateAll((rs) => rs.map((r) => r.value));
  assert(JSON.stringify(moves) === JSON.stringify(['AGREED', 'LAPSED', 'WITHDRAWN']), `a proposed commitment offers ${moves.join(', ')}`);
  await page.getByRole('radio', { name: 'Agreed' }).check();
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByText('The commitment is now agreed.').waitFor({ timeout: TIMEOUT });
  await page.getByRole('list', { name: 'History' }).getByText('Status: Proposed → Agreed').waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the status change is not in the commitment’s history');
  });
  const nowOffers = await page.getByRole('group', { name: /Move it to/ }).getByRole('radio').evaluateAll((rs) => rs.map((r) => r.value));
  assert(!nowOffers.includes('AGREED') && nowOffers.includes('DELIVERED'), `an agreed commitment offers ${nowOffers.join(', ')}`);

  // Link the action: it then serves the commitment, and its page says so.
  await pickFromCombobox(page, page.getByRole('combobox', { name: 'Action', exact: true }), actionTitle.slice(0, 12), actionTitle);
  await page.getByRole('button', { name: 'Link action' }).click();
  const linked = page.getByRole('list', { name: 'Actions serving it' });
  await linked.getByRole('link', { name: actionTitle }).waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the linked action is not listed on the commitment');
  });
  await checkA11y(page, 'commitment page');
  await shot(page, 'commitment');
  await linked.getByRole('link', { name: actionTitle }).click();
  await heading(page, actionTitle);
  await page.getByRole('list', { name: 'Commitments it serves' }).getByRole('link', { name: title }).waitFor({ timeout: TIMEOUT }).catch(() => {
    throw new Failure('the action does not list the commitment it now serves');
  });
}

// --- runner --------------------------------------------------------------

const pageProblems = new WeakMap();

function watch(page) {
  const problems = [];
  pageProblems.set(page, problems);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console error: ${m.text()}`);
  });
}

// E2E_ONLY=regex runs only the scenarios whose names match (each must then
// stand on its own: the full run executes them in order on one database).
const ONLY = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : null;

async function run(name, fn) {
  if (ONLY && !ONLY.test(name)) return;
  const started = Date.now();
  log(`▶ ${name}`);
  try {
    await fn();
    results.push({ name, ok: true });
    log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push({ name, ok: false, error: e });
    log(`✘ ${name}: ${e instanceof Failure ? e.message : e.stack}`);
  }
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-e2e-'));
  let server;
  let context;
  try {
    server = await startServer(tmp);
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-quic',
        '--no-first-run',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 800 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      reducedMotion: 'reduce',
    });
    context.setDefaultTimeout(TIMEOUT);
    const page = context.pages()[0] ?? (await context.newPage());
    watch(page);
    const base = server.base;

    const withPage = (fn) => async () => {
      try {
        await fn(page, base);
      } catch (e) {
        const problems = pageProblems.get(page).splice(0);
        if (problems.length && e instanceof Error) e.message += `\n    the browser reported:\n    ${problems.join('\n    ')}`;
        throw e;
      }
      const problems = pageProblems.get(page).splice(0);
      assert(problems.length === 0, `the browser reported problems:\n    ${problems.join('\n    ')}`);
    };
    await run('open the demo programme and see the monthly forum’s invitations', withPage(scenarioForumInvitations));
    await run('open the calendar for the demo programme', withPage(scenarioProgrammeCalendar));
    await run('record minutes with two actions at a forum and see them on the Actions board', withPage(scenarioMinutesAndActions));
    await run('create an organisation and find it in the list', withPage(scenarioCreateOrganisation));
    await run('an event that ends before it starts gets a field error', withPage(scenarioEventEndsBeforeStart));
    await run('events, people, actions and commitments pass axe', withPage(scenarioOtherScreens));
    await run('usable at 375 px', () => scenarioMobile(context, base));
    await run('my account: subscribe to my calendar, then revoke', withPage(scenarioMyAccount));
    await run('a recurring forum: invite an organisation, accept by email link, check in at the door', withPage(scenarioRecurringForumDoor));
    await run('the attendee sees the invitation as accepted and adds access needs', withPage(scenarioAttendeeInvitations));
    await run('a consultant sees the funding cliff', withPage(scenarioConsultantFunding));
    await run('a consultant reads the representation report', withPage(scenarioConsultantRepresentation));
    await run('a consultant explores the partnership map', withPage(scenarioConsultantPartnerships));
    await run('at the door: a walk-in and a deputy, and live reply counts in the invite dialog', withPage(scenarioDoorWalkInsAndLiveReplies));
    await run('calendar week view: move one forum occurrence and cancel another', withPage(scenarioCalendarWeekMoveCancel));
    await run('the attendee opens my upcoming events, changes a reply and signs out everywhere', withPage(scenarioAttendeeUpcoming));
    await run('an admin sets up a public programme, names a consultant, fetches its feed and adds an organisation member', withPage(scenarioProgrammeSetUp));
    await run('a consultant reports action progress, records and agrees a commitment, links the action', withPage(scenarioConsultantActionAndCommitment));
    await run('admin: undo a check-in at the door, correct a past forum, filter the audit log, export a person, record apologies and a late arrival', withPage(scenarioAdminAuditExportUndo));
    await run('the attendee reads a forum’s minutes and is told funding is for staff', withPage(scenarioAttendeeReadOnly));
  } catch (e) {
    results.push({ name: 'set-up', ok: false, error: e });
    log(`✘ set-up: ${e.stack ?? e}`);
  } finally {
    for (const r of results.filter((x) => !x.ok)) {
      if (!context) break;
      for (const p of context.pages()) {
        const file = path.join(frontend, 'test-results', `failure-${r.name.replace(/\W+/g, '-').slice(0, 60)}.png`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        await p.screenshot({ path: file, fullPage: true }).catch(() => {});
        log(`  failure screenshot ${path.relative(frontend, file)}`);
        break;
      }
    }
    await context?.close().catch(() => {});
    await stopServer(server?.child);
    if (results.some((r) => !r.ok)) log(`server log (last lines):\n${serverLog.split('\n').slice(-30).join('\n')}`);
    if (process.env.E2E_KEEP) log('kept', tmp);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main();
