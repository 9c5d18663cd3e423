// What KaTeX needs beyond its defaults to typeset the TeX found in competition problems. Plain
// ES2017 (inlined into report.html before client.js) and read by the report's test in Node.
var BIGMATH_TEX = {
  // \mbox is common in MATH and AoPS text; KaTeX only knows \text
  macros: { '\\mbox': '\\text{#1}' },
  delimiters: [
    { left: '$$', right: '$$', display: true },
    { left: '\\[', right: '\\]', display: true },
    { left: '\\(', right: '\\)', display: false },
    { left: '$', right: '$', display: false },
    // environments written without $...$ around them (auto-render passes them to KaTeX whole)
    { left: '\\begin{align*}', right: '\\end{align*}', display: true },
    { left: '\\begin{align}', right: '\\end{align}', display: true },
    { left: '\\begin{equation*}', right: '\\end{equation*}', display: true },
    { left: '\\begin{equation}', right: '\\end{equation}', display: true },
    { left: '\\begin{gather*}', right: '\\end{gather*}', display: true },
    { left: '\\begin{array}', right: '\\end{array}', display: true },
  ],
  // KaTeX has no tabular; array takes the same column spec and rows
  prepare: function (text) {
    return text.replace(/\\(begin|end)\{tabular\}/g, '\\$1{array}');
  },
};
