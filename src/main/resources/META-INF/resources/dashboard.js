// Aeroshift dashboard: waves and migrations from /api/v1, live updates from /api/v1/events.
// Plain browser JavaScript served by the service itself: no build step, no third-party code.
'use strict';

const POLL_MILLIS = 2000;
const PLOT_WINDOW_MILLIS = 10 * 60 * 1000;
const PARTITION_COLOURS = { MATCH: '#1b7f3b', MISMATCH: '#b3261e', PENDING_RECHECK: '#a86400', UNVALIDATED: '#b8bcc4' };
const CREDENTIALS_KEY = 'aeroshift.credentials';
const OWNER_COMMANDS = ['approve', 'reject'];
const EVENT_LOG_SIZE = 200;   // entries the event log keeps, and how many a new sign-in replays

const state = {
  me: null,
  waves: [],
  migrations: [],
  samples: [],
  partitionMaps: new Map(),   // validation id -> [{namespace, statuses, counts}], filled once per validation
  lastEventId: null,
  events: [],
  stream: null,
  pollTimer: null,
};

// ---------- HTTP ----------

function credentials() {
  return sessionStorage.getItem(CREDENTIALS_KEY);
}

async function api(path, options = {}) {
  const headers = Object.assign({ Accept: 'application/json' }, options.headers || {});
  headers.Authorization = 'Basic ' + credentials();
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) {
    signOut('Your session ended: sign in again.');
    throw new Error('unauthorised');
  }
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : (body && body.title) || response.statusText;
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return body;
}

// ---------- sign-in ----------

async function signIn(user, password) {
  sessionStorage.setItem(CREDENTIALS_KEY, btoa(user + ':' + password));
  try {
    state.me = await api('/api/v1/me');
  } catch (e) {
    sessionStorage.removeItem(CREDENTIALS_KEY);
    throw e;
  }
  showBoard();
}

function signOut(message) {
  sessionStorage.removeItem(CREDENTIALS_KEY);
  state.me = null;
  if (state.stream) state.stream.abort();
  // the next user may see other teams' events: their log replays from the start of what they may
  // see, not from where this user's (filtered) stream stopped, which would skip the events between
  state.lastEventId = null;
  document.getElementById('events').replaceChildren();
  clearTimeout(state.pollTimer);
  document.getElementById('board').hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('who').textContent = '';
  document.getElementById('sign-in').hidden = false;
  document.getElementById('sign-in-error').textContent = message || '';
}

function isEngineer() {
  return state.me && state.me.roles.includes('engineer');
}

function ownsTeam(team) {
  return state.me && state.me.roles.includes('owner') && state.me.teams.includes(team);
}

// ---------- polling and rendering ----------

async function refresh() {
  try {
    const [waves, migrations] = await Promise.all([api('/api/v1/waves'), api('/api/v1/migrations')]);
    state.waves = Array.isArray(waves) ? waves : (waves.items || []);
    state.migrations = Array.isArray(migrations) ? migrations : (migrations.items || []);
    sample();
    await loadPartitionMaps();
    render();
    setStatus('updated ' + new Date().toLocaleTimeString());
  } catch (e) {
    if (e.message !== 'unauthorised') setStatus('could not refresh: ' + e.message);
  }
}

function schedulePoll() {
  clearTimeout(state.pollTimer);
  state.pollTimer = setTimeout(async () => {
    await refresh();
    if (state.me) schedulePoll();
  }, POLL_MILLIS);
}

function setStatus(text) {
  document.getElementById('status').textContent = text;
}

function sample() {
  const now = Date.now();
  let rate = 0;
  let lag = 0;
  for (const m of state.migrations) {
    if (END_STATES[m.phase]) continue; // an ended migration neither copies nor lags
    rate += (m.progress && m.progress.recordsPerSecond) || 0;
    lag = Math.max(lag, m.lagSeconds || 0);
  }
  state.samples.push({ t: now, rate, lag });
  state.samples = state.samples.filter(s => now - s.t <= PLOT_WINDOW_MILLIS);
}

// The per-partition maps of each migration's latest validation, fetched once per validation.
async function loadPartitionMaps() {
  for (const m of state.migrations) {
    const v = m.lastValidation;
    if (!v || !v.id || state.partitionMaps.has(v.id)) continue;
    const view = await api('/api/v1/migrations/' + encodeURIComponent(m.id) + '/partitions');
    // stored results come before the validation is reported finished; none yet: ask again next poll
    if (view.namespaces && view.namespaces.length) state.partitionMaps.set(v.id, view.namespaces);
  }
}

function render() {
  const container = document.getElementById('waves');
  container.replaceChildren();
  const byWave = new Map();
  for (const w of state.waves) byWave.set(w.name, { wave: w, migrations: [] });
  for (const m of state.migrations) {
    const key = m.wave || '(no wave)';
    if (!byWave.has(key)) byWave.set(key, { wave: { name: key }, migrations: [] });
    byWave.get(key).migrations.push(m);
  }
  if (byWave.size === 0) {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = 'No waves or migrations yet.';
    container.append(p);
  }
  for (const { wave, migrations } of byWave.values()) container.append(renderWave(wave, migrations));
  drawPlot();
}

// A RUNNING wave whose migrations have all ended has nothing left to run: it shows how they ended
// (the service keeps it RUNNING, so a migration added to it later still starts).
function waveState(wave, migrations) {
  if (wave.state !== 'RUNNING' || migrations.length === 0 || !migrations.every(m => END_STATES[m.phase])) {
    return wave.state;
  }
  return migrations.every(m => m.phase === 'COMPLETED') ? 'COMPLETED' : 'ENDED';
}

function renderWave(wave, migrations) {
  const node = document.getElementById('wave-template').content.firstElementChild.cloneNode(true);
  node.dataset.wave = wave.name;
  node.querySelector('.wave-name').textContent = 'Wave ' + wave.name;
  const badge = node.querySelector('.wave-state');
  if (wave.state) {
    badge.textContent = waveState(wave, migrations);
    badge.title = 'wave state ' + wave.state;
  } else {
    badge.remove();
  }
  node.querySelector('.wave-limits').textContent = describeLimits(wave.limits);
  const actions = node.querySelector('.wave-actions');
  if (isEngineer() && state.waves.some(w => w.name === wave.name)) {
    for (const command of ['start', 'pause', 'resume']) {
      actions.append(button(command + ' wave', 'wave-' + command, () => waveCommand(wave.name, command)));
    }
  }
  const body = node.querySelector('tbody');
  for (const m of migrations) body.append(renderMigration(m));
  return node;
}

function describeLimits(limits) {
  if (!limits) return '';
  const parts = [];
  if (limits.maxConcurrentCopies != null) parts.push(limits.maxConcurrentCopies + ' copying at once');
  if (limits.maxConcurrentCutovers != null) parts.push(limits.maxConcurrentCutovers + ' cutting over at once');
  if (limits.bytesPerSecondPerSource) parts.push(formatBytes(limits.bytesPerSecondPerSource) + '/s per source');
  if (limits.cutoverWindows && limits.cutoverWindows.length) {
    parts.push('cutover windows ' + limits.cutoverWindows.map(w => (w.days || []).join(',') + ' ' + w.from + '–' + w.to).join('; '));
  }
  if (limits.stopOnValidationFailure) parts.push('stops on a failed validation');
  if (limits.autoCutover) parts.push('cuts over when ready');
  return parts.join(' · ');
}

function renderMigration(m) {
  const tr = document.createElement('tr');
  tr.dataset.migrationId = m.id;
  tr.dataset.team = m.team;
  tr.dataset.phase = m.phase;
  const progress = m.progress || {};
  const fraction = Math.max(0, Math.min(1, progress.fractionDone || 0));

  tr.append(cell(m.id, m.plan ? 'plan ' + m.plan : ''));
  tr.append(cell(m.team));
  const phase = document.createElement('td');
  const phaseBadge = document.createElement('span');
  phaseBadge.className = 'badge phase phase-' + m.phase;
  phaseBadge.textContent = m.phase;
  phase.append(phaseBadge);
  if (m.failure) {
    const why = text(m.failure.reason + ' (' + m.failure.errorClass + '): ' + m.failure.detail, 'failure');
    why.dataset.role = 'failure';
    phase.append(why);
  }
  tr.append(phase);

  const copied = document.createElement('td');
  const bar = document.createElement('div');
  bar.className = 'bar';
  const fill = document.createElement('span');
  fill.style.width = (fraction * 100).toFixed(1) + '%';
  bar.append(fill);
  copied.append(bar, text((fraction * 100).toFixed(1) + '% · ' + formatCount(progress.recordsCopied || 0) + ' records', 'copied'));
  tr.append(copied);

  tr.append(cell(progress.recordsPerSecond != null ? formatCount(Math.round(progress.recordsPerSecond)) + '/s' : '–'));
  tr.append(cell(progress.etaSeconds != null && progress.etaSeconds >= 0 ? formatDuration(progress.etaSeconds) : '–'));
  // an ended migration has no lag: the last catch-up pass's figure would read as a live one
  const lag = cell(!END_STATES[m.phase] && m.lagSeconds != null ? formatDuration(m.lagSeconds) : '–');
  lag.dataset.role = 'lag';
  tr.append(lag);
  tr.append(renderValidation(m.lastValidation));
  tr.append(renderCutover(m));
  tr.append(renderActions(m));
  return tr;
}

function renderValidation(v) {
  const td = document.createElement('td');
  td.className = 'validation';
  if (!v) {
    td.append(text('not validated', 'muted'));
    return td;
  }
  const badge = document.createElement('span');
  badge.className = 'badge outcome-' + v.outcome;
  badge.textContent = v.outcome;
  td.append(badge, text(' ' + formatTime(v.at), 'muted'));
  for (const ns of state.partitionMaps.get(v.id) || []) td.append(partitionMap(ns));
  return td;
}

// One pixel per partition, 64 x 64: match, mismatch, pending re-check, unvalidated.
function partitionMap(ns) {
  const side = 64;
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.className = 'partition-map';
  canvas.width = side * scale;
  canvas.height = side * scale;
  const g = canvas.getContext('2d');
  ns.statuses.forEach((status, p) => {
    g.fillStyle = PARTITION_COLOURS[status] || PARTITION_COLOURS.UNVALIDATED;
    g.fillRect((p % side) * scale, Math.floor(p / side) * scale, scale, scale);
  });
  const c = ns.counts;
  canvas.title = `${ns.namespace}: ${c.MATCH} match, ${c.MISMATCH} mismatch, ` +
    `${c.PENDING_RECHECK} pending re-check, ${c.UNVALIDATED} unvalidated`;
  canvas.setAttribute('aria-label', 'partitions of ' + canvas.title);
  canvas.dataset.namespace = ns.namespace;
  canvas.dataset.match = c.MATCH;
  canvas.dataset.mismatch = c.MISMATCH;
  canvas.dataset.pendingRecheck = c.PENDING_RECHECK;
  canvas.dataset.unvalidated = c.UNVALIDATED;
  const figure = document.createElement('figure');
  figure.className = 'partition-map';
  const caption = document.createElement('figcaption');
  caption.textContent = canvas.title;
  figure.append(canvas, caption);
  return figure;
}

// A migration that ended (COMPLETED, ROLLED_BACK, ABORTED) has no cutover ahead: it shows how it
// ended, not a readiness badge with blockers (the service lists "phase is COMPLETED" as one).
const END_STATES = {
  COMPLETED: 'done: clients use the target',
  ROLLED_BACK: 'rolled back: clients use the source',
  ABORTED: 'aborted: no cutover',
};

function renderCutover(m) {
  const td = document.createElement('td');
  td.className = 'cutover';
  const end = END_STATES[m.phase];
  if (end) {
    const ended = text(end, 'end-state end-' + m.phase);
    ended.dataset.role = 'end-state';
    td.append(ended);
  } else {
    td.append(cutoverReadiness(m));
  }
  if (m.approval) td.append(text('approved by ' + m.approval.by + ' ' + formatTime(m.approval.at), 'evidence'));
  if (m.switchedAt) td.append(text('clients switched ' + formatTime(m.switchedAt), 'evidence'));
  if (m.switchBackAt) td.append(text('switched back ' + formatTime(m.switchBackAt), 'evidence'));
  if (m.cutover) td.append(text('drained ' + formatCount(m.cutover.recordsDrained || 0) + ' records', 'evidence'));
  return td;
}

// Before or during the cutover: ready or not, and what blocks it.
function cutoverReadiness(m) {
  const readiness = document.createDocumentFragment();
  const badge = document.createElement('span');
  badge.className = 'badge ' + (m.canCutover ? 'ok' : '');
  badge.textContent = m.canCutover ? 'ready' : 'not ready';
  readiness.append(badge);
  const blockers = m.cutoverBlockers || [];
  if (blockers.length) {
    const ul = document.createElement('ul');
    ul.className = 'blockers';
    for (const b of blockers) {
      const li = document.createElement('li');
      li.textContent = b.reason + (b.detail ? ': ' + b.detail : '');
      ul.append(li);
    }
    readiness.append(ul);
  }
  return readiness;
}

// Which commands a user sees: owners approve or reject their own team's migrations with the
// evidence beside the button; engineers run everything else. The service checks both again.
function renderActions(m) {
  const td = document.createElement('td');
  td.className = 'actions';
  const accepted = m.acceptedCommands || [];
  if (ownsTeam(m.team) && OWNER_COMMANDS.some(c => accepted.includes(c))) {
    td.append(evidence(m));
    for (const command of OWNER_COMMANDS.filter(c => accepted.includes(c))) {
      td.append(button(command === 'approve' ? 'Approve' : 'Reject', command, () => migrationCommand(m, command)));
    }
  }
  if (isEngineer()) {
    for (const command of engineerCommands(m)) {
      td.append(button(command, command, () => migrationCommand(m, command)));
    }
  }
  return td;
}

// What the phase accepts now, as the service says (acceptedCommands), less the owners' commands;
// cutover only when nothing blocks it.
function engineerCommands(m) {
  return (m.acceptedCommands || [])
    .filter(c => !OWNER_COMMANDS.includes(c))
    .filter(c => c !== 'cutover' || m.canCutover);
}

function evidence(m) {
  const v = m.lastValidation;
  const parts = [];
  if (v) parts.push('validation ' + v.id + ' ' + v.outcome + ' at ' + formatTime(v.at));
  if (m.lagSeconds != null) parts.push('lag ' + formatDuration(m.lagSeconds));
  if (m.progress) parts.push(formatCount(m.progress.recordsCopied || 0) + ' records copied');
  const p = text('Evidence: ' + (parts.join(' · ') || 'none'), 'evidence');
  p.dataset.role = 'evidence';
  return p;
}

async function migrationCommand(m, command) {
  await runCommand('/api/v1/migrations/' + encodeURIComponent(m.id) + '/' + command, command + ' ' + m.id);
}

async function waveCommand(name, command) {
  await runCommand('/api/v1/waves/' + encodeURIComponent(name) + '/' + command, command + ' wave ' + name);
}

async function runCommand(path, what) {
  try {
    await api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    setStatus(what + ': accepted');
  } catch (e) {
    if (e.message !== 'unauthorised') setStatus(what + ': refused: ' + e.message);
  }
  await refresh();
}

// ---------- plot ----------

function drawPlot() {
  const canvas = document.getElementById('plot');
  const g = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  g.clearRect(0, 0, w, h);
  g.strokeStyle = '#ddd';
  g.strokeRect(0.5, 0.5, w - 1, h - 1);
  if (state.samples.length < 2) return;
  const t0 = state.samples[0].t;
  const t1 = state.samples[state.samples.length - 1].t;
  const span = Math.max(1, t1 - t0);
  const line = (key, colour) => {
    const max = Math.max(1, ...state.samples.map(s => s[key]));
    g.strokeStyle = colour;
    g.lineWidth = 2;
    g.beginPath();
    state.samples.forEach((s, i) => {
      const x = 4 + ((s.t - t0) / span) * (w - 8);
      const y = h - 4 - (s[key] / max) * (h - 24);
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
    g.fillStyle = colour;
    g.fillText(key === 'rate' ? 'max ' + formatCount(Math.round(max)) + '/s' : 'max ' + formatDuration(max),
      key === 'rate' ? 8 : w / 2, 14);
  };
  line('rate', '#1f4e96');
  line('lag', '#a86400');
}

// ---------- events (server-sent, read with fetch so the Authorization header goes along) ----------

async function followEvents() {
  const controller = new AbortController();
  state.stream = controller;
  while (state.me && !controller.signal.aborted) {
    try {
      const headers = { Accept: 'text/event-stream', Authorization: 'Basic ' + credentials() };
      if (state.lastEventId) headers['Last-Event-ID'] = state.lastEventId;
      // the first connection shows what led here; a reconnect resumes where this log stopped
      const url = state.lastEventId ? '/api/v1/events' : '/api/v1/events?recent=' + EVENT_LOG_SIZE;
      const response = await fetch(url, { headers, signal: controller.signal });
      if (!response.ok || !response.body) throw new Error('events: HTTP ' + response.status);
      await readEventStream(response.body.getReader());
    } catch (e) {
      if (controller.signal.aborted) return;
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}

async function readEventStream(reader) {
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      handleEventBlock(block);
    }
  }
}

function handleEventBlock(block) {
  let id = null;
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('id:')) id = line.slice(3).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (id) state.lastEventId = id;
  if (!data.length) return;   // a heartbeat comment
  let event;
  try {
    event = JSON.parse(data.join('\n'));
  } catch (e) {
    return;
  }
  addEvent(id, event);
  refresh();
}

function addEvent(id, e) {
  const list = document.getElementById('events');
  const li = document.createElement('li');
  li.value = Number(id) || 0;
  const what = e.type === 'TRANSITION' ? (e.from + ' → ' + e.to)
    : e.type === 'COMMAND' ? ('command ' + e.command + (e.by ? ' by ' + e.by : '') + commandState(e))
    : (e.reason || e.type);
  li.textContent = formatTime(e.at) + ' ' + (e.migrationId || e.wave || '') + ': ' + what
    + (e.type !== 'COMMAND' && e.reason && e.type === 'TRANSITION' ? ' (' + e.reason + ')' : '');
  li.dataset.type = e.type;
  list.prepend(li);
  while (list.children.length > EVENT_LOG_SIZE) list.lastElementChild.remove();
}

// a command shows twice: when it is stored, and when the next step consumes or refuses it
function commandState(e) {
  const state = e.data && e.data.state ? e.data.state : e.reason;
  return state ? ' (' + state + ')' : '';
}

// ---------- small helpers ----------

function cell(main, sub) {
  const td = document.createElement('td');
  td.append(document.createTextNode(main == null ? '' : String(main)));
  if (sub) td.append(text(sub, 'muted'));
  return td;
}

function text(value, className) {
  const div = document.createElement('div');
  div.className = className || '';
  div.textContent = value;
  return div;
}

function button(label, command, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.command = command;
  b.addEventListener('click', onClick);
  return b;
}

function formatCount(n) {
  return Number(n).toLocaleString('en');
}

function formatBytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return n.toFixed(i ? 1 : 0) + ' ' + units[i];
}

function formatDuration(seconds) {
  seconds = Math.round(seconds);
  if (seconds < 60) return seconds + ' s';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s';
  return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min';
}

function formatTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleTimeString();
}

// ---------- start ----------

function showBoard() {
  document.getElementById('sign-in').hidden = true;
  document.getElementById('board').hidden = false;
  document.getElementById('sign-out').hidden = false;
  const teams = state.me.teams.length ? ' · team ' + state.me.teams.join(', ') : '';
  document.getElementById('who').textContent = state.me.user + ' (' + state.me.roles.join(', ') + teams + ')';
  refresh().then(schedulePoll);
  followEvents();
}

document.getElementById('sign-in-form').addEventListener('submit', async event => {
  event.preventDefault();
  const user = document.getElementById('user').value;
  const password = document.getElementById('password').value;
  try {
    await signIn(user, password);
  } catch (e) {
    document.getElementById('sign-in-error').textContent =
      e.message === 'unauthorised' ? 'Wrong user or password.' : 'Cannot sign in: ' + e.message;
  }
});

document.getElementById('sign-out').addEventListener('click', () => signOut());

(async () => {
  if (credentials()) {
    try {
      state.me = await api('/api/v1/me');
      showBoard();
      return;
    } catch (e) {
      // fall through to the sign-in form
    }
  }
  signOut();
})();
