// The health timeline's webview (src/timeline/panel.ts posts the picture, drawn by
// src/core/history/timelineSvg.ts). This script shows it, its hovers (as text: never parsed as HTML),
// moves the keyboard focus between shapes, and turns the picture into an SVG or PNG file for export.
// @ts-check
(function () {
  // @ts-ignore acquireVsCodeApi is provided by VS Code's webview host.
  const vscode = acquireVsCodeApi();
  const picture = /** @type {HTMLElement} */ (document.getElementById('picture'));
  const hover = /** @type {HTMLElement} */ (document.getElementById('hover'));
  /** @type {Array<{kind: string, service: string, heading: string, facts: string[], output?: string, failure?: {label: string, advice: string}}>} */
  let details = [];
  /** Focusable shapes per lane, left to right. @type {Element[][]} */
  let lanes = [];
  /** The shape whose hover is shown. @type {Element | undefined} */
  let shown;

  const width = () => Math.max(480, Math.floor(picture.clientWidth || document.body.clientWidth) - 2);

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type !== 'picture') return;
    const focused = where(document.activeElement);
    const hovered = where(shown);
    details = message.details;
    picture.innerHTML = message.svg;
    for (const b of document.querySelectorAll('button.zoom')) b.setAttribute('aria-pressed', String(b.getAttribute('data-zoom') === message.zoom));
    lanes = [...picture.querySelectorAll('.lane')].map((g) => [...g.querySelectorAll('.item')].sort((a, b) => x(a) - x(b)));
    // A redraw (new history, the clock) keeps the focus and the hover on the same place of the same lane.
    if (message.focus) {
      const lane = lanes.find((items) => detailOf(items[0])?.service === message.focus);
      if (lane) move(lane[0]);
    } else if (focused) {
      const again = nearest(focused);
      if (again) move(again);
    }
    if (hovered && (!focused || hovered.lane !== focused.lane || hovered.kind !== focused.kind)) {
      const again = nearest(hovered);
      if (again) show(again);
      else hide();
    } else if (!focused) hide();
  });

  /** @param {Element | null | undefined} el */
  function where(el) {
    if (!el || !el.classList || !el.classList.contains('item')) return undefined;
    const lane = lanes.findIndex((items) => items.includes(el));
    return lane < 0 ? undefined : { lane, x: x(el), kind: detailOf(el)?.kind };
  }

  /** @param {{lane: number, x: number, kind?: string}} at */
  function nearest(at) {
    const items = (lanes[at.lane] ?? []).filter((el) => detailOf(el)?.kind === at.kind);
    let best;
    for (const el of items) if (!best || Math.abs(x(el) - at.x) < Math.abs(x(best) - at.x)) best = el;
    return best && Math.abs(x(best) - at.x) <= 8 ? best : undefined;
  }

  /** @param {Element} el */
  function x(el) {
    return Number(el.getAttribute('data-x'));
  }

  /** @param {Element | undefined} el */
  function detailOf(el) {
    return el ? details[Number(el.getAttribute('data-d'))] : undefined;
  }

  /** Roving focus: one shape of the picture is in the Tab order, the arrow keys move it. @param {Element} el */
  function move(el) {
    for (const items of lanes) for (const item of items) item.setAttribute('tabindex', '-1');
    el.setAttribute('tabindex', '0');
    /** @type {HTMLElement} */ (/** @type {unknown} */ (el)).focus();
  }

  /** @param {Element} el */
  function show(el) {
    const d = detailOf(el);
    if (!d) return;
    shown = el;
    hover.replaceChildren();
    const line = (cls, text) => {
      const div = document.createElement('div');
      div.className = cls;
      div.textContent = text;
      hover.appendChild(div);
      return div;
    };
    line('heading', `${d.service}: ${d.heading}`);
    for (const fact of d.facts) line('fact', fact);
    if (d.failure) {
      const div = line('class', '');
      const b = document.createElement('b');
      b.textContent = d.failure.label;
      div.append(b, ` — ${d.failure.advice}`);
    }
    if (d.output !== undefined) {
      const pre = document.createElement('pre');
      pre.textContent = d.output.trim() || '(no output)';
      hover.appendChild(pre);
    }
    hover.hidden = false;
    const box = el.getBoundingClientRect();
    const room = window.innerWidth - hover.offsetWidth - 8;
    hover.style.left = `${Math.max(4, Math.min(box.left, room))}px`;
    const below = box.bottom + 6;
    hover.style.top = `${below + hover.offsetHeight < window.innerHeight ? below : Math.max(4, box.top - hover.offsetHeight - 6)}px`;
  }

  function hide() {
    hover.hidden = true;
    shown = undefined;
  }

  /** @param {Element} el */
  function activate(el) {
    const d = detailOf(el);
    if (d && (d.kind === 'span' || d.kind === 'lane')) vscode.postMessage({ type: 'open', service: d.service });
  }

  picture.addEventListener('mouseover', (e) => {
    const el = /** @type {Element} */ (e.target);
    if (el.classList?.contains('item')) show(el);
  });
  picture.addEventListener('mouseout', (e) => {
    if (e.target === shown && document.activeElement !== shown) hide();
  });
  picture.addEventListener('focusin', (e) => {
    const el = /** @type {Element} */ (e.target);
    if (el.classList?.contains('item')) show(el);
  });
  picture.addEventListener('focusout', () => hide());
  picture.addEventListener('click', (e) => {
    const el = /** @type {Element} */ (e.target);
    if (el.classList?.contains('item')) {
      move(el);
      activate(el);
    }
  });
  picture.addEventListener('keydown', (e) => {
    const at = where(document.activeElement);
    if (!at) return;
    const items = lanes[at.lane];
    const i = items.indexOf(/** @type {Element} */ (document.activeElement));
    let next;
    if (e.key === 'ArrowRight') next = items[Math.min(i + 1, items.length - 1)];
    else if (e.key === 'ArrowLeft') next = items[Math.max(i - 1, 0)];
    else if (e.key === 'Home') next = items[0];
    else if (e.key === 'End') next = items[items.length - 1];
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const lane = lanes[at.lane + (e.key === 'ArrowDown' ? 1 : -1)];
      if (lane) next = lane.reduce((best, el) => (Math.abs(x(el) - at.x) < Math.abs(x(best) - at.x) ? el : best), lane[0]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      activate(/** @type {Element} */ (document.activeElement));
      e.preventDefault();
      return;
    } else if (e.key === 'Escape') {
      hide();
      return;
    }
    if (next) {
      e.preventDefault();
      move(next);
    }
  });

  for (const b of document.querySelectorAll('button.zoom')) {
    b.addEventListener('click', () => vscode.postMessage({ type: 'zoom', zoom: b.getAttribute('data-zoom') }));
  }
  document.getElementById('export-svg')?.addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'svg', data: standalone() }));
  document.getElementById('export-png')?.addEventListener('click', () => void png().then((data) => vscode.postMessage({ type: 'export', format: 'png', data })));

  // The presentation the stylesheet gives each shape, written onto the exported copy: outside VS Code
  // the theme's variables do not exist.
  const PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'font-family', 'font-size', 'text-anchor'];

  /** The picture as a self-contained SVG document, in the colours of the current theme. */
  function standalone() {
    const svg = picture.querySelector('svg');
    if (!svg) return '';
    const copy = /** @type {SVGSVGElement} */ (svg.cloneNode(true));
    const live = [svg, ...svg.querySelectorAll('*')];
    const copied = [copy, ...copy.querySelectorAll('*')];
    live.forEach((el, i) => {
      const out = copied[i];
      if (el.tagName !== 'svg' && el.tagName !== 'g' && el.tagName !== 'defs' && el.tagName !== 'marker' && el.tagName !== 'title') {
        const style = getComputedStyle(el);
        for (const p of PROPS) {
          const v = style.getPropertyValue(p);
          if ((v && v !== 'none') || p === 'fill') out.setAttribute(p, v);
        }
      }
      out.removeAttribute('class');
      out.removeAttribute('tabindex');
      out.removeAttribute('data-d');
      out.removeAttribute('data-x');
      out.removeAttribute('data-lane');
    });
    return new XMLSerializer().serializeToString(copy);
  }

  /** The same picture drawn into a canvas at twice its size: a PNG data URL. */
  function png() {
    const text = standalone();
    const svg = picture.querySelector('svg');
    const w = Number(svg?.getAttribute('width') ?? 0);
    const h = Number(svg?.getAttribute('height') ?? 0);
    return new Promise((resolve, reject) => {
      const image = new Image();
      image.onload = () => {
        const canvas = document.createElement('canvas');
        canvas.width = w * 2;
        canvas.height = h * 2;
        const ctx = canvas.getContext('2d');
        if (!ctx) return reject(new Error('no 2d canvas'));
        ctx.scale(2, 2);
        ctx.drawImage(image, 0, 0, w, h);
        resolve(canvas.toDataURL('image/png'));
      };
      image.onerror = () => reject(new Error('the SVG could not be drawn'));
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
    });
  }

  let resizing;
  let drawnWidth = width();
  new ResizeObserver(() => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      if (width() === drawnWidth) return;
      drawnWidth = width();
      vscode.postMessage({ type: 'resize', width: drawnWidth });
    }, 150);
  }).observe(picture);
  vscode.postMessage({ type: 'ready', width: drawnWidth });
})();
