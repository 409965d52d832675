// A shift's look back, in one detail panel: a camera's history (normalised scores over time and
// its last verdicts) and an alert's evidence (the verdicts of the window that opened it, read back
// from the topics by the server when they are no longer in memory). Any frame of either opens its
// overlay, read from memory or from line.frames at the verdict's source offset.
(function () {
  'use strict';
  const ul = window.ultraline;
  const el = ul.el;
  const panel = document.getElementById('detail');
  const title = document.getElementById('detail-title');
  const body = document.getElementById('detail-body');
  const enc = encodeURIComponent;
  // feedback.js adds its buttons to each frame row, table and shown frame through these
  ul.frameRowHooks = [];
  ul.framesShownHooks = [];
  ul.frameFigureHooks = [];

  document.getElementById('detail-close').addEventListener('click', () => { panel.hidden = true; });

  function open(kind, heading) {
    panel.hidden = false;
    panel.setAttribute('data-view', kind);
    title.textContent = heading;
    body.replaceChildren(el('p', { class: 'loading' }, 'loading…'));
    panel.scrollIntoView({ block: 'start' });
  }

  function failed(e) {
    body.replaceChildren(el('p', { class: 'error' }, e.message));
  }

  async function showImage(figure, frame) {
    const img = figure.querySelector('img');
    img.setAttribute('data-loaded', 'false');
    figure.querySelector('figcaption').textContent = frame.cameraId + ' · ' + frame.frameId + ' · ' + frame.status
      + ' · ' + (frame.normalisedScore == null ? 'not calibrated' : frame.normalisedScore.toFixed(2) + '× threshold')
      + ' · regions ' + frame.regionCount + ' · ' + new Date(frame.captureTimestamp).toLocaleString()
      + (frame.inMemory ? '' : ' · read back from ' + frame.source.topic);
    ul.frameFigureHooks.forEach(hook => hook(figure, frame));
    const r = await fetch(frame.image, ul.same);
    if (!r.ok) {
      figure.querySelector('figcaption').append(' · image: HTTP ' + r.status);
      return;
    }
    const old = img.src;
    img.src = URL.createObjectURL(await r.blob());
    if (old && old.startsWith('blob:')) URL.revokeObjectURL(old);
  }

  function chart(frames) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'history-chart');
    svg.setAttribute('viewBox', '0 0 400 100');
    svg.setAttribute('preserveAspectRatio', 'none');
    const scored = frames.filter(f => f.normalisedScore != null);
    const max = Math.max(1.5, ...scored.map(f => f.normalisedScore)) * 1.05;
    const y = v => (100 - v / max * 100).toFixed(1);
    const one = document.createElementNS(ns, 'line');
    one.setAttribute('x1', '0'); one.setAttribute('x2', '400');
    one.setAttribute('y1', y(1)); one.setAttribute('y2', y(1));
    svg.append(one);
    if (frames.length > 0) {
      const t0 = frames[0].captureTimestamp;
      const span = Math.max(1, frames[frames.length - 1].captureTimestamp - t0);
      scored.forEach(f => {
        // a zero-length line with round caps: a dot that stays round however the chart is stretched
        const x = ((f.captureTimestamp - t0) / span * 396 + 2).toFixed(1);
        const dot = document.createElementNS(ns, 'line');
        dot.setAttribute('x1', x); dot.setAttribute('x2', x);
        dot.setAttribute('y1', y(f.normalisedScore)); dot.setAttribute('y2', y(f.normalisedScore));
        dot.setAttribute('class', 'point ' + f.status);
        svg.append(dot);
      });
    }
    return svg;
  }

  // newest first: the latest verdicts are what a shift looks at
  function table(frames, figure) {
    const t = el('table', { class: 'frames' });
    const head = el('tr');
    ['time', 'camera', 'frame', 'status', 'score / threshold', 'regions', ''].forEach(h => head.append(el('th', {}, h)));
    t.append(head);
    frames.slice().reverse().forEach(f => {
      const row = el('tr', { 'data-frame': f.frameId, 'data-camera': f.cameraId, 'data-status': f.status });
      const show = el('button', { type: 'button', class: 'show-frame' }, 'show');
      show.addEventListener('click', () => showImage(figure, f));
      const actions = el('td', { class: 'actions' });
      actions.append(show);
      row.append(el('td', {}, new Date(f.captureTimestamp).toLocaleTimeString()), el('td', {}, f.cameraId),
        el('td', {}, f.frameId), el('td', { class: 'status' }, f.status),
        el('td', { class: 'norm' }, f.normalisedScore == null ? '–' : f.normalisedScore.toFixed(2) + '×'),
        el('td', {}, String(f.regionCount)), actions);
      ul.frameRowHooks.forEach(hook => hook(actions, f));
      t.append(row);
    });
    const cameraIds = [...new Set(frames.map(f => f.cameraId))];
    ul.framesShownHooks.forEach(hook => hook(t, cameraIds));
    return t;
  }

  function frameFigure() {
    const figure = el('figure', { class: 'detail-frame' });
    const img = el('img', { class: 'detail-overlay', alt: 'the chosen frame', 'data-loaded': 'false' });
    img.addEventListener('load', () => img.setAttribute('data-loaded', img.naturalWidth > 0 ? 'true' : 'false'));
    figure.append(img, el('figcaption', {}, 'choose a frame'));
    return figure;
  }

  async function history(cameraId) {
    open('history', 'History of ' + cameraId);
    try {
      const h = await fetch('/api/cameras/' + enc(cameraId) + '/history', ul.same).then(ul.json);
      const frames = h.frames || [];
      const figure = frameFigure();
      body.replaceChildren(
        el('p', { class: 'summary' }, frames.length + ' verdicts held · normalised score (1 = threshold) over time'),
        chart(frames), figure, table(frames, figure));
      const latestDefect = frames.slice().reverse().find(f => f.status === 'DEFECT') || frames[frames.length - 1];
      if (latestDefect) await showImage(figure, latestDefect);
    } catch (e) {
      failed(e);
    }
  }

  async function evidence(alertId) {
    open('evidence', 'Evidence of alert ' + alertId);
    try {
      const ev = await fetch('/api/evidence?alertId=' + enc(alertId), ul.same).then(ul.json);
      const frames = ev.frames || [];
      const figure = frameFigure();
      body.replaceChildren(
        el('p', { class: 'summary', id: 'evidence-summary', 'data-read-from': ev.readFrom },
          ev.alert.message + ' · window ' + new Date(ev.from).toLocaleTimeString() + ' – '
          + new Date(ev.to).toLocaleTimeString() + ' · ' + frames.length + ' frames · read from ' + ev.readFrom),
        chart(frames), figure, table(frames, figure));
      const first = frames.slice().reverse().find(f => f.status === 'DEFECT') || frames[frames.length - 1];
      if (first) await showImage(figure, first);
    } catch (e) {
      failed(e);
    }
  }

  ul.tileHooks.push((tile, cameraId) => {
    const b = el('button', { type: 'button', class: 'history' }, 'history');
    b.addEventListener('click', () => history(cameraId));
    tile.querySelector('h2').append(b);
  });

  ul.alertHooks.push((li, alert) => {
    const b = el('button', { type: 'button', class: 'evidence' }, 'evidence');
    b.addEventListener('click', () => evidence(alert.alertId));
    li.append(' ', b);
  });
})();
