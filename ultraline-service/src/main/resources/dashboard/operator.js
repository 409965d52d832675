// The operator's buttons: calibration per camera (start with a frame count, stop, reset, and its
// progress). The buttons write, so they show only to callers that may write: with security on, the
// dashboard's session cookie reads only (docs/security.md), and the server refuses its writes anyway.
(function () {
  'use strict';
  const ul = window.ultraline;
  const el = ul.el;
  const enc = encodeURIComponent;
  const calibrations = {};
  // camera id -> until when its status is polled every second: a command waits behind the frames
  // the stream has yet to process, so its effect shows seconds (on a busy line, a minute) later
  const watched = {};
  const WATCH_MS = 180000;
  let ticks = 0;

  // until the answer comes, the buttons stay hidden (the body starts with data-can-write="false")
  fetch('/api/session', ul.same).then(ul.json).then(s => {
    ul.canWrite = s.canWrite;
    document.body.setAttribute('data-can-write', String(s.canWrite));
    document.body.setAttribute('data-role', s.role);
    document.getElementById('role').textContent = s.canWrite ? s.role : s.role + ' (read-only)';
  }).catch(() => {});

  async function post(url, body) {
    const r = await fetch(url, Object.assign({
      // the header tells the server this is the page's own button (docs/security.md)
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Ultraline-Dashboard': 'write' },
      body: JSON.stringify(body || {}) }, ul.same));
    return ul.json(r);
  }
  ul.post = post;

  function describe(c) {
    if (c.running) {
      return c.building ? 'building the profile…' : 'calibrating: ' + c.collected + ' / ' + c.target + ' frames';
    }
    return 'not calibrating' + (c.lastStatus ? ' · last verdict ' + c.lastStatus : '')
      + (c.profileVersion ? ' · profile v' + c.profileVersion : '');
  }

  async function status(cameraId) {
    const box = calibrations[cameraId];
    try {
      const c = await fetch('/api/cameras/' + enc(cameraId) + '/calibration', ul.same).then(ul.json);
      box.setAttribute('data-state', c.running ? (c.building ? 'building' : 'running') : 'idle');
      box.querySelector('.calibration-status').textContent = describe(c);
    } catch (e) {
      box.querySelector('.calibration-status').textContent = 'calibration status: ' + e.message;
    }
  }

  async function command(cameraId, action) {
    const box = calibrations[cameraId];
    const note = box.querySelector('.calibration-result');
    let url = '/api/cameras/' + enc(cameraId) + '/calibration/' + action;
    if (action === 'start') {
      const frames = box.querySelector('input.frames').value.trim();
      if (!/^[1-9][0-9]*$/.test(frames)) {
        note.textContent = 'frames must be a whole number above 0';
        return;
      }
      url += '?frames=' + frames;
    }
    watched[cameraId] = Date.now() + WATCH_MS;
    try {
      const sent = await post(url);
      note.textContent = action + ' sent (command ' + sent.commandId.slice(0, 8) + ')';
    } catch (e) {
      note.textContent = action + ' refused: ' + e.message;
    }
    await status(cameraId);
  }

  ul.tileHooks.push((tile, cameraId) => {
    const box = el('div', { class: 'calibration', 'data-state': 'unknown' });
    const controls = el('span', { class: 'operator' });
    const frames = el('input', { class: 'frames', type: 'number', min: '1', value: '30', title: 'frames to collect',
      'aria-label': 'calibration frames' });
    controls.append(frames);
    ['start', 'stop', 'reset'].forEach(action => {
      const b = el('button', { type: 'button', class: 'calibration-' + action }, action);
      b.addEventListener('click', () => command(cameraId, action));
      controls.append(b);
    });
    box.append(el('span', { class: 'calibration-status' }, 'calibration…'), ' ', controls,
      el('span', { class: 'calibration-result' }));
    tile.append(box);
    calibrations[cameraId] = box;
    status(cameraId);
  });

  // every camera every 5 s; one that calibrates, or was just sent a command, every second
  ul.refreshHooks.push(cameras => {
    ticks++;
    cameras.forEach(c => {
      const box = calibrations[c.cameraId];
      if (box && (ticks % 5 === 0 || box.getAttribute('data-state') !== 'idle'
        || (watched[c.cameraId] || 0) > Date.now())) status(c.cameraId);
    });
  });
})();
