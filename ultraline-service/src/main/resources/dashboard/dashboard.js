// The line dashboard: polls the operator API each second, one tile per camera with its latest
// overlay (outlines only), its caption as HTML, status, normalised score (score / threshold) and
// score sparkline, and the open alerts. With security on, the browser opens
// /?access_token=TOKEN once; the server answers with an HttpOnly session cookie that authorises
// this page and its API calls, so this script never sees or sends the token.
(function () {
  'use strict';
  const same = { credentials: 'same-origin' };
  const tiles = document.getElementById('tiles');
  const shownFrame = {};
  // shared with shift.js and operator.js, which add the history, evidence and operator buttons
  const ul = window.ultraline = { same: same, el: el, json: json, tileHooks: [], refreshHooks: [], alertHooks: [] };

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function tileOf(cameraId) {
    let tile = document.getElementById('tile-' + cameraId);
    if (!tile) {
      tile = el('article', { id: 'tile-' + cameraId, class: 'tile', 'data-camera': cameraId });
      const h = el('h2');
      h.append(el('span', { class: 'camera' }, cameraId), el('span', { class: 'norm' }, ''),
        el('span', { class: 'status' }, ''));
      const figure = el('figure');
      const img = el('img', { class: 'overlay', alt: 'latest overlay of ' + cameraId, 'data-loaded': 'false' });
      img.addEventListener('load', () => img.setAttribute('data-loaded', img.naturalWidth > 0 ? 'true' : 'false'));
      figure.append(img, el('figcaption', { class: 'caption' }));
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('class', 'spark');
      svg.setAttribute('viewBox', '0 0 100 40');
      svg.setAttribute('preserveAspectRatio', 'none');
      tile.append(h, figure, el('div', { class: 'meta' }), svg);
      tiles.append(tile);
      ul.tileHooks.forEach(hook => hook(tile, cameraId));
    }
    return tile;
  }

  function sparkline(svg, scores) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const scored = scores.filter(s => s.threshold != null);
    if (scored.length < 2) return;
    const max = Math.max(...scored.map(s => Math.max(s.score, s.threshold))) * 1.1 || 1;
    const pts = scored.map((s, i) => (i * 100 / (scored.length - 1)).toFixed(1) + ',' + (40 - s.score / max * 40).toFixed(1));
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('points', pts.join(' '));
    const t = 40 - scored[scored.length - 1].threshold / max * 40;
    const th = document.createElementNS('http://www.w3.org/2000/svg', 'line');
    th.setAttribute('x1', '0'); th.setAttribute('x2', '100');
    th.setAttribute('y1', t.toFixed(1)); th.setAttribute('y2', t.toFixed(1));
    svg.append(th, line);
  }

  async function showOverlay(tile, camera) {
    if (!camera.overlayFrameId || shownFrame[camera.cameraId] === camera.overlayFrameId) return;
    shownFrame[camera.cameraId] = camera.overlayFrameId;
    const r = await fetch('/api/cameras/' + encodeURIComponent(camera.cameraId) + '/overlay.png?frameId='
      + encodeURIComponent(camera.overlayFrameId), same);
    if (!r.ok) { shownFrame[camera.cameraId] = null; return; }
    const img = tile.querySelector('img.overlay');
    const old = img.src;
    img.src = URL.createObjectURL(await r.blob());
    if (old && old.startsWith('blob:')) URL.revokeObjectURL(old);
  }

  function fixed(x, digits) {
    return x === null || x === undefined ? '–' : x.toFixed(digits);
  }

  // the caption the overlay PNG used to carry in a strip that was cut off: camera, status, score,
  // time and regions, as text the page lays out (and a screen reader reads)
  function caption(figcaption, camera) {
    const norm = camera.normalisedScore;
    const n = el('span', { class: 'norm' + (norm != null && norm >= 1 ? ' over' : ''),
      title: 'score / threshold: 1 is the camera\'s own threshold, comparable across cameras' },
      norm == null ? 'not calibrated' : norm.toFixed(2) + '× threshold');
    figcaption.replaceChildren(
      el('span', { class: 'camera' }, camera.cameraId), ' ',
      el('span', { class: 'status' }, camera.status), ' ', n,
      el('br'),
      'score ' + fixed(camera.frameScore, 3) + ' / threshold ' + fixed(camera.threshold, 3)
        + ' · regions ' + camera.regionCount + ' · concepts ' + camera.conceptCount,
      el('br'),
      'frame ' + camera.frameId + ' · ' + new Date(camera.captureTimestamp).toLocaleTimeString());
  }

  function render(camera) {
    const tile = tileOf(camera.cameraId);
    tile.setAttribute('data-status', camera.status);
    tile.setAttribute('data-normalised', camera.normalisedScore == null ? '' : camera.normalisedScore.toFixed(4));
    tile.querySelector('h2 .status').textContent = camera.status;
    const norm = tile.querySelector('h2 .norm');
    norm.textContent = camera.normalisedScore == null ? '' : camera.normalisedScore.toFixed(2) + '×';
    caption(tile.querySelector('figcaption'), camera);
    const meta = tile.querySelector('.meta');
    meta.textContent = 'score ' + fixed(camera.frameScore, 3) + ' / threshold ' + fixed(camera.threshold, 3);
    if (camera.openAlerts > 0) {
      meta.append(' · ', el('span', { class: 'alert-badge' }, camera.openAlerts + ' open alert(s)'));
    }
    sparkline(tile.querySelector('svg.spark'), camera.scores || []);
    return showOverlay(tile, camera);
  }

  // an error answer's own message ({"error": ...}) where it has one: it says what to do
  async function json(r) {
    if (r.status === 401) throw new Error('the session has ended: open /?access_token=<token> again');
    if (!r.ok) {
      let message = 'HTTP ' + r.status;
      try { message += ': ' + (await r.json()).error; } catch (e) { /* not JSON */ }
      throw new Error(message);
    }
    return r.json();
  }

  // rebuilt only when an alert comes, goes or changes, so its buttons stay put between refreshes
  let shownAlerts = null;
  function showAlerts(open) {
    const key = JSON.stringify(open.map(a => [a.alertId, a.acknowledgedAt || null, a.defectiveFrames]));
    if (key === shownAlerts) return;
    shownAlerts = key;
    const list = document.getElementById('alerts');
    list.replaceChildren(...(open.length ? open.map(a => {
      const li = el('li', { class: 'open', 'data-alert': a.alertId });
      li.append(el('span', { class: 'alert-text' }, a.scope + ' ' + a.scopeId + ': ' + a.message));
      ul.alertHooks.forEach(hook => hook(li, a));
      return li;
    }) : [el('li', { class: 'none' }, 'none')]));
  }

  async function refresh() {
    try {
      const [camsBody, alertsBody] = await Promise.all([
        fetch('/api/cameras', same).then(json),
        fetch('/api/alerts', same).then(json)]);
      // the server leaves empty lists out of its JSON: no key means none
      const cameras = camsBody.cameras || [];
      const open = alertsBody.alerts || [];
      await Promise.all(cameras.map(render));
      showAlerts(open);
      const defects = cameras.filter(c => c.status === 'DEFECT').length;
      document.getElementById('summary').textContent = cameras.length + ' cameras · ' + defects
        + ' showing a defect · ' + open.length + ' open alerts';
      ul.refreshHooks.forEach(hook => hook(cameras, open));
      document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
    } catch (e) {
      document.getElementById('summary').textContent = 'cannot reach the API: ' + e.message;
    }
  }

  // the other scripts register their hooks first (they load after this one, the page starts on load)
  window.addEventListener('load', () => {
    refresh();
    setInterval(refresh, 1000);
  });
})();
