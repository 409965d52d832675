// Operator feedback (line.feedback): "false alarm" or "confirmed defect (type)" on a frame of the
// history or evidence table and on a defect region of the frame shown, and "acknowledge" on an
// alert. Like the calibration buttons these write, so they show only to callers that may write.
(function () {
  'use strict';
  const ul = window.ultraline;
  const el = ul.el;
  const enc = encodeURIComponent;
  const TYPES = ['scratch', 'crack', 'particle', 'hole', 'stain', 'misprint', 'dent'];

  function describe(f) {
    return (f.kind === 'FALSE_ALARM' ? 'false alarm' : f.kind === 'CONFIRMED_DEFECT'
      ? 'confirmed ' + (f.defectType || 'defect') : f.kind.toLowerCase())
      + (f.regionIndex === null || f.regionIndex === undefined ? '' : ' (region ' + f.regionIndex + ')')
      + (f.operator ? ' by ' + f.operator : '');
  }

  // the buttons of one frame, or of one of its regions when regionIndex is a number
  function buttons(frame, regionIndex, shown) {
    const box = el('span', { class: 'operator feedback-buttons' });
    const falseAlarm = el('button', { type: 'button', class: 'false-alarm' }, 'false alarm');
    const type = el('select', { class: 'defect-type', 'aria-label': 'defect type' });
    TYPES.forEach(t => type.append(el('option', { value: t }, t)));
    const confirm = el('button', { type: 'button', class: 'confirm-defect' }, 'confirm');
    async function send(body) {
      if (regionIndex !== null) body.regionIndex = regionIndex;
      try {
        const f = await ul.post('/api/cameras/' + enc(frame.cameraId) + '/frames/' + enc(frame.frameId)
          + '/feedback', body);
        shown.setAttribute('data-feedback', f.kind);
        shown.textContent = describe(f);
      } catch (e) {
        shown.textContent = 'feedback refused: ' + e.message;
      }
    }
    falseAlarm.addEventListener('click', () => send({ kind: 'FALSE_ALARM' }));
    confirm.addEventListener('click', () => send({ kind: 'CONFIRMED_DEFECT', defectType: type.value }));
    box.append(falseAlarm, type, confirm);
    return box;
  }

  // what was already said about the frames listed: the camera's recent feedback, newest first
  async function known(cameraId) {
    const r = await fetch('/api/cameras/' + enc(cameraId) + '/feedback', ul.same);
    if (!r.ok) return [];
    const body = await r.json();
    return Array.isArray(body) ? body : (body.feedback || []);
  }

  // the service judges frames it still holds (the last 8 of a camera): older rows get no buttons
  ul.frameRowHooks.push((cell, frame) => {
    const shown = el('span', { class: 'feedback' });
    if (frame.inMemory) cell.append(buttons(frame, null, shown));
    cell.append(shown);
  });

  // after a table is drawn: mark each row with the newest feedback on its frame (not on a region)
  ul.framesShownHooks.push(async (table, cameraIds) => {
    for (const cameraId of cameraIds) {
      const list = await known(cameraId).catch(() => []);
      list.slice().reverse().filter(f => f.frameId && (f.regionIndex === null || f.regionIndex === undefined))
        .forEach(f => {
          const row = table.querySelector('tr[data-camera="' + CSS.escape(cameraId) + '"][data-frame="'
            + CSS.escape(f.frameId) + '"] .feedback');
          if (row) {
            row.setAttribute('data-feedback', f.kind);
            row.textContent = describe(f);
          }
        });
    }
  });

  // the regions of the frame shown, each with its own buttons (a frame still in memory has them)
  ul.frameFigureHooks.push(async (figure, frame) => {
    const list = figure.querySelector('.regions') || figure.appendChild(el('ul', { class: 'regions' }));
    list.replaceChildren();
    if (!frame.inMemory || frame.regionCount === 0) return;
    const r = await fetch('/api/cameras/' + enc(frame.cameraId) + '/frames/' + enc(frame.frameId), ul.same);
    if (!r.ok) return;
    const detail = await r.json();
    (detail.defects || []).forEach(d => {
      const shown = el('span', { class: 'feedback' });
      const li = el('li', { 'data-region': String(d.regionIndex) }, 'region ' + d.regionIndex + ' · score '
        + d.score.toFixed(3) + ' · ' + d.pixelArea + ' px ');
      li.append(buttons(frame, d.regionIndex, shown), shown);
      list.append(li);
    });
  });

  ul.alertHooks.push((li, alert) => {
    if (alert.acknowledgedAt) {
      li.classList.add('acknowledged');
      li.setAttribute('data-acknowledged', String(alert.acknowledgedAt));
      li.append(' ', el('span', { class: 'ack' }, 'acknowledged' + (alert.acknowledgedBy ? ' by '
        + alert.acknowledgedBy : '') + ' at ' + new Date(alert.acknowledgedAt).toLocaleTimeString()));
      return;
    }
    const b = el('button', { type: 'button', class: 'operator acknowledge' }, 'acknowledge');
    b.addEventListener('click', async () => {
      try {
        await ul.post('/api/alerts/' + enc(alert.alertId) + '/ack', {});
        b.textContent = 'acknowledged';
        b.disabled = true;
      } catch (e) {
        b.textContent = 'acknowledge refused: ' + e.message;
      }
    });
    li.append(' ', b);
  });
})();
