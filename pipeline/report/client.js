// Browser code of report.html: builds the per-reason sample tables from the embedded JSON,
// typesets their math with KaTeX when a reason is opened, and filters them as you type.
// Plain ES2017, no modules: the report must open from a file:// URL with no network.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var root = document.getElementById('sample-groups');
  var filter = document.getElementById('sample-filter');
  var sourceSel = document.getElementById('sample-source');
  var countEl = document.getElementById('sample-count');
  var typesetFailures = 0;

  // delimiters and macros from tex.js (inlined before this script)
  var MATH_OPTIONS = {
    delimiters: BIGMATH_TEX.delimiters,
    macros: BIGMATH_TEX.macros,
    throwOnError: false,
    strict: 'ignore',
    trust: false,
    // a formula KaTeX cannot parse stays as its source text; count it instead of logging an error
    errorCallback: function () {
      typesetFailures++;
    },
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function fmt(n) {
    return n.toLocaleString('en-US');
  }

  function looksLikeProse(s) {
    return !/\\/.test(s) && /[A-Za-z]{3,}\s+[A-Za-z]{3,}/.test(s);
  }

  function typesetAnswer(node, answer) {
    if (answer === null || answer === undefined) {
      node.appendChild(el('span', 'trunc', '(none)'));
      return;
    }
    var span = el('span', 'answer-tex', BIGMATH_TEX.prepare(answer));
    node.appendChild(span);
    if (/\$|\\\(|\\\[/.test(answer)) {
      if (window.renderMathInElement) window.renderMathInElement(span, MATH_OPTIONS);
      return;
    }
    if (!window.katex || looksLikeProse(answer)) return;
    try {
      window.katex.render(BIGMATH_TEX.prepare(answer), span, { throwOnError: true, strict: 'ignore', displayMode: false, macros: BIGMATH_TEX.macros });
    } catch (e) {
      span.textContent = answer; // not valid TeX: show it as text
    }
  }

  function haystack(r) {
    var parts = [r.id, r.source, r.subset || '', r.source_id, r.problem, r.answer || '', r.evidence || ''];
    for (var i = 0; i < r.fired.length; i++) parts.push(r.fired[i].filter, r.fired[i].evidence || '');
    return parts.join('\n').toLowerCase();
  }

  function buildRow(r) {
    var tr = el('tr', 'sample');
    tr.dataset.id = r.id;
    var meta = el('td', 'meta');
    meta.appendChild(el('div', 'mono', r.id));
    meta.appendChild(el('div', null, r.source + (r.subset ? ' · ' + r.subset : '')));
    meta.appendChild(el('div', null, r.source_id));
    tr.appendChild(meta);

    var prob = el('td', 'problem');
    var text = el('div', 'ptext', BIGMATH_TEX.prepare(r.problem));
    text.style.whiteSpace = 'pre-wrap';
    prob.appendChild(text);
    if (r.truncated) prob.appendChild(el('div', 'trunc', '(cut: longer in the Parquet file)'));
    var ans = el('div', 'ans');
    ans.appendChild(el('b', null, 'answer: '));
    typesetAnswer(ans, r.answer);
    prob.appendChild(ans);
    tr.appendChild(prob);

    var ev = el('td', 'ev');
    for (var i = 0; i < r.fired.length; i++) {
      var s = r.fired[i];
      var line = el('div');
      line.appendChild(el('span', 'r', s.filter === s.reason ? s.reason : s.filter + ' (' + s.reason + ')'));
      line.appendChild(document.createTextNode(s.evidence ? ': ' + s.evidence : ''));
      ev.appendChild(line);
    }
    if (r.duplicate_of) ev.appendChild(el('div', 'meta', 'duplicate of ' + r.duplicate_of));
    tr.appendChild(ev);
    return tr;
  }

  var groups = data.samples.map(function (g) {
    var det = el('details', 'group');
    det.dataset.reason = g.reason;
    var sum = el('summary');
    sum.appendChild(el('span', 'reason', g.reason));
    sum.appendChild(el('span', 'st', g.stage));
    var n = el('span', 'n');
    sum.appendChild(document.createTextNode(' '));
    sum.appendChild(n);
    det.appendChild(sum);
    root.appendChild(det);
    var state = { g: g, det: det, n: n, table: null, trs: [], hay: g.rows.map(haystack), typeset: false, visible: g.rows.length };

    function build() {
      if (state.table) return;
      var table = el('table', 'samples');
      var head = el('thead');
      var hr = el('tr');
      ['record', 'problem', 'failing checks and evidence'].forEach(function (h) {
        hr.appendChild(el('th', null, h));
      });
      head.appendChild(hr);
      table.appendChild(head);
      var body = el('tbody');
      g.rows.forEach(function (r) {
        var tr = buildRow(r);
        state.trs.push(tr);
        body.appendChild(tr);
      });
      table.appendChild(body);
      det.appendChild(table);
      state.table = table;
      apply(state);
    }

    function typeset() {
      if (state.typeset || !window.renderMathInElement) return;
      state.typeset = true;
      var cells = det.querySelectorAll('.ptext');
      for (var i = 0; i < cells.length; i++) window.renderMathInElement(cells[i], MATH_OPTIONS);
      document.body.dataset.typesetFailures = String(typesetFailures);
    }

    det.addEventListener('toggle', function () {
      if (!det.open) return;
      build();
      typeset();
    });
    state.open = function () {
      build();
      det.open = true;
      typeset();
    };
    return state;
  });
  // open the largest group (malformed rows are rarely the interesting part)
  var first = null;
  groups.forEach(function (s) {
    if (s.g.reason !== 'malformed_row' && (!first || s.g.total > first.g.total)) first = s;
  });
  if (first || groups[0]) (first || groups[0]).open();

  function apply(state) {
    var q = filter.value.trim().toLowerCase();
    var src = sourceSel.value;
    var visible = 0;
    state.g.rows.forEach(function (r, i) {
      var ok = (!src || r.source === src) && (!q || state.hay[i].indexOf(q) >= 0);
      if (ok) visible++;
      if (state.trs[i]) state.trs[i].classList.toggle('hidden', !ok);
    });
    state.visible = visible;
    var shown = state.g.rows.length;
    state.n.textContent =
      fmt(state.g.total) + ' rejected' + (shown < state.g.total ? ', ' + fmt(shown) + ' sampled' : '') + (q || src ? ' · ' + fmt(visible) + ' match' : '');
    state.det.classList.toggle('hidden', (q || src) && visible === 0 ? true : false);
    return visible;
  }

  function applyAll() {
    var q = filter.value.trim() || sourceSel.value;
    var total = 0;
    var withHits = 0;
    groups.forEach(function (s) {
      var v = apply(s);
      total += v;
      if (v) withHits++;
      if (q && v && filter.value.trim()) s.open();
    });
    countEl.textContent = q ? fmt(total) + ' samples match in ' + withHits + ' reason' + (withHits === 1 ? '' : 's') : fmt(total) + ' samples in ' + groups.length + ' reasons';
  }

  filter.addEventListener('input', applyAll);
  sourceSel.addEventListener('change', applyAll);
  applyAll();
  document.body.dataset.ready = 'true';
})();
