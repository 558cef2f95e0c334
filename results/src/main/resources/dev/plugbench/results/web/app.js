'use strict';
// The results web app: four views (runs, compare, history, sweeps) drawn from the JSON API.
// The hash holds the view and its query (#history?family=latent&task=digits&...), so every view is a link.

const view = document.getElementById('view');

const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));

function fmt(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(3);
  const s = (+v).toPrecision(4);
  return s.includes('.') && !s.includes('e') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

async function api(path, params) {
  const q = new URLSearchParams();
  Object.entries(params || {}).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') q.set(k, v); });
  const url = path + (q.toString() ? '?' + q : '');
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || (res.status + ' ' + res.statusText));
  return body;
}

function parseHash() {
  const h = location.hash.replace(/^#/, '') || 'runs';
  const [name, query] = h.split('?');
  return {name, params: Object.fromEntries(new URLSearchParams(query || ''))};
}

function go(name, params) {
  const q = new URLSearchParams();
  Object.entries(params || {}).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') q.set(k, v); });
  location.hash = name + (q.toString() ? '?' + q : '');
}

function ready(value) {
  document.body.dataset.ready = value ? 'true' : 'false';
}

function showError(e) {
  view.insertAdjacentHTML('beforeend', `<p class="error" id="error">${esc(e.message || e)}</p>`);
}

function chart(el, option) {
  el.dataset.rendered = 'false';
  const c = echarts.init(el);
  c.on('finished', () => { el.dataset.rendered = 'true'; });
  c.setOption(option);
  return c;
}

// Vertical error bars (mean ± stderr) as an ECharts custom series over a line series' points.
function errorBars(name, data, color) {
  return {
    type: 'custom', name, silent: true, z: 1, data,
    itemStyle: {color},
    renderItem: (params, api) => {
      const x = api.value(0), lo = api.value(1), hi = api.value(2);
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
      const top = api.coord([x, hi]), bottom = api.coord([x, lo]);
      const w = 4;
      return {type: 'group', children: [
        {type: 'line', shape: {x1: top[0], y1: top[1], x2: bottom[0], y2: bottom[1]}, style: {stroke: color, lineWidth: 1}},
        {type: 'line', shape: {x1: top[0] - w, y1: top[1], x2: top[0] + w, y2: top[1]}, style: {stroke: color, lineWidth: 1}},
        {type: 'line', shape: {x1: bottom[0] - w, y1: bottom[1], x2: bottom[0] + w, y2: bottom[1]}, style: {stroke: color, lineWidth: 1}},
      ]};
    },
  };
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

let tasksCache = null;
async function tasks() {
  if (!tasksCache) tasksCache = await api('/api/tasks');
  return tasksCache;
}

function options(values, selected, blank) {
  return (blank !== undefined ? `<option value="">${esc(blank)}</option>` : '') +
    values.map(v => `<option value="${esc(v)}"${v === selected ? ' selected' : ''}>${esc(v)}</option>`).join('');
}

// ---- runs ----
async function runsView(p) {
  const ts = await tasks();
  const families = [...new Set(ts.map(t => t.family))].sort();
  const taskNames = [...new Set(ts.filter(t => !p.family || t.family === p.family).map(t => t.task))].sort();
  const sort = p.sort || 'started', order = p.order || 'desc';
  const limit = 100, offset = +(p.offset || 0);
  view.innerHTML = `<h2>Runs</h2>
  <div class="filters">
    <label>family<select id="f-family">${options(families, p.family, 'any')}</select></label>
    <label>task<select id="f-task">${options(taskNames, p.task, 'any')}</select></label>
    <label>plugin<input id="f-plugin" value="${esc(p.plugin)}" placeholder="any"></label>
    <label>version<input id="f-version" value="${esc(p.version)}" placeholder="any"></label>
    <label>method<input id="f-method" value="${esc(p.method)}" placeholder="any"></label>
    <label>machine<input id="f-machine" value="${esc(p.machine)}" placeholder="contains"></label>
    <label>since<input id="f-since" type="date" value="${esc(p.since)}"></label>
    <button id="apply">Filter</button>
    <button id="compare-selected" disabled>Compare the 2 selected</button>
  </div>
  <p id="runs-count" class="muted"></p>
  <table id="runs"><thead><tr><th></th>${[['started', 'started'], ['family', 'family'], ['task', 'task'], [null, 'plugins'],
      ['machine', 'machine'], [null, 'executor'], ['seeds', 'seeds'], ['cells', 'cells'], ['failed', 'failed'], ['batch', 'folder'], [null, 'report']]
      .map(([key, label]) => key ? `<th class="sortable${key === sort ? ' sorted-' + order : ''}" data-sort="${key}">${label}</th>` : `<th>${label}</th>`).join('')}
  </tr></thead><tbody></tbody></table>
  <p><button id="prev">Previous</button> <button id="next">Next</button></p>`;
  const filter = () => ({family: val('f-family'), task: val('f-task'), plugin: val('f-plugin'), version: val('f-version'), method: val('f-method'),
    machine: val('f-machine'), since: val('f-since')});
  document.getElementById('apply').onclick = () => go('runs', {...filter(), sort, order});
  ['f-family', 'f-task'].forEach(id => { document.getElementById(id).onchange = () => go('runs', {...filter(), sort, order}); });
  document.querySelectorAll('#runs th.sortable').forEach(th => {
    th.onclick = () => go('runs', {...filter(), sort: th.dataset.sort, order: th.dataset.sort === sort && order === 'desc' ? 'asc' : 'desc'});
  });
  const data = await api('/api/runs', {...filter(), sort, order, limit, offset});
  document.getElementById('runs-count').textContent = `${data.total} runs` + (data.total > limit ? `, ${offset + 1}–${Math.min(data.total, offset + limit)} shown` : '');
  document.querySelector('#runs tbody').innerHTML = data.runs.map(r => `<tr data-id="${r.id}">
    <td><input type="checkbox" class="pick" value="${r.id}" data-started="${esc(r.started)}"></td>
    <td>${esc((r.started || '').replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}</td><td>${esc(r.family)}</td><td>${esc(r.task)}${r.quick ? ' <span class="muted">quick</span>' : ''}</td>
    <td>${r.plugins.map(x => esc(x.plugin + ' ' + x.version)).join('<br>')}</td><td>${esc(r.machine)}</td><td>${esc(r.executor)}</td>
    <td class="num">${r.seeds}</td><td class="num">${r.cells}</td><td class="num">${r.failed}</td><td>${esc(r.batch)}</td>
    <td><a class="report" href="${esc(r.report)}" target="_blank">report</a> · <a href="#compare?a=${r.id}&b=latest">vs latest</a></td></tr>`).join('');
  const picks = [...document.querySelectorAll('.pick')];
  const button = document.getElementById('compare-selected');
  picks.forEach(c => { c.onchange = () => { button.disabled = picks.filter(x => x.checked).length !== 2; }; });
  button.onclick = () => {
    const chosen = picks.filter(x => x.checked).sort((x, y) => x.dataset.started.localeCompare(y.dataset.started));
    go('compare', {a: chosen[0].value, b: chosen[1].value});
  };
  document.getElementById('prev').disabled = offset === 0;
  document.getElementById('next').disabled = offset + limit >= data.total;
  document.getElementById('prev').onclick = () => go('runs', {...filter(), sort, order, offset: Math.max(0, offset - limit)});
  document.getElementById('next').onclick = () => go('runs', {...filter(), sort, order, offset: offset + limit});
}

function val(id) {
  return document.getElementById(id).value.trim();
}

// ---- compare ----
async function compareView(p) {
  view.innerHTML = `<h2>Compare two runs</h2>
  <div class="filters">
    <label>run A<input id="c-a" value="${esc(p.a)}" size="6"></label>
    <label>run B (id, or latest)<input id="c-b" value="${esc(p.b || 'latest')}" size="8"></label>
    <label>test<select id="c-test">${options(['wilcoxon', 't'], p.test || 'wilcoxon')}</select></label>
    <label>rows<select id="c-rows">${options(['changed', 'all'], p.rows || 'changed')}</select></label>
    <button id="c-go">Compare</button>
  </div><div id="c-out"></div>`;
  document.getElementById('c-go').onclick = () => go('compare', {a: val('c-a'), b: val('c-b'), test: val('c-test'), rows: val('c-rows')});
  document.getElementById('c-rows').onchange = document.getElementById('c-go').onclick;
  if (!p.a) {
    document.getElementById('c-out').innerHTML = '<p class="muted">Pick two runs on the Runs page, or give their ids.</p>';
    return;
  }
  const d = await api('/api/compare', {a: p.a, b: p.b || 'latest', test: p.test});
  const changed = r => !['identical', 'within noise', 'too few seeds'].includes(r.verdict);
  const rows = (p.rows || 'changed') === 'all' ? d.rows : d.rows.filter(changed);
  rows.sort((x, y) => (y.verdict === 'worse') - (x.verdict === 'worse') || x.task.localeCompare(y.task) || x.metric.localeCompare(y.metric));
  const run = r => `run ${r.id}: ${esc(r.family)}/${esc(r.task)}, ${esc(r.path)}, ${esc(r.started)}`;
  document.getElementById('c-out').innerHTML = `<p>A = ${run(d.a)}<br>B = ${run(d.b)}</p>
  <p class="counts" id="c-counts">${Object.entries(d.verdicts).map(([k, n]) => `<span class="verdict-${esc(k)}">${esc(k)}: ${n}</span>`).join('')}</p>
  <p class="muted">B − A paired by seed (${esc(d.test)}), Holm-corrected across each task's rows of a metric, α = ${d.alpha}.</p>
  <table id="comparison"><thead><tr><th>task</th><th>method</th><th>setting</th><th>metric</th><th>version A → B</th><th>mean A</th><th>mean B</th>
  <th>B − A [95% interval]</th><th>n</th><th>p (Holm)</th><th>verdict</th></tr></thead><tbody>
  ${rows.map(r => `<tr class="${r.verdict === 'worse' ? 'worse' : r.verdict === 'better' ? 'better' : ''}">
    <td>${esc(r.family)}/${esc(r.task)}</td><td>${esc(r.variant)}</td><td>${esc(r.setting)}</td><td>${esc(r.metric)} <span class="muted">${esc(r.direction)}</span></td>
    <td>${esc(r.version_a)} → ${esc(r.version_b)}</td><td class="num">${fmt(r.mean_a)}</td><td class="num">${fmt(r.mean_b)}</td>
    <td class="num">${fmt(r.difference)} [${fmt(r.low)}, ${fmt(r.high)}]</td><td class="num">${r.n}</td><td class="num">${fmt(r.p_holm)}</td>
    <td class="verdict verdict-${esc(r.verdict.replace(/ /g, '-'))}">${r.verdict === 'worse' ? '▼ ' : r.verdict === 'better' ? '▲ ' : ''}${esc(r.verdict)}</td></tr>`).join('')}
  </tbody></table>${rows.length === 0 ? '<p class="muted" id="c-none">No row changed significantly (choose rows: all to see every row).</p>' : ''}`;
}

// ---- history ----
async function historyView(p) {
  const ts = await tasks();
  const keys = ts.map(t => t.family + '/' + t.task);
  const key = p.family && p.task ? p.family + '/' + p.task : keys[0];
  const t = ts.find(x => x.family + '/' + x.task === key);
  const methods = t ? [...t.methods] : [];
  const method = methods.includes(p.method) ? p.method : methods[0];
  const metrics = t ? t.metrics.filter(m => m.method === '' || m.method === method).map(m => m.name) : [];
  const metric = metrics.includes(p.metric) ? p.metric : metrics[0];
  view.innerHTML = `<h2>History</h2>
  <div class="filters">
    <label>task<select id="h-task">${options(keys, key)}</select></label>
    <label>method<select id="h-method">${options(methods, method)}</select></label>
    <label>metric<select id="h-metric">${options(metrics, metric)}</select></label>
    <label>test<select id="h-test">${options(['wilcoxon', 't'], p.test || 'wilcoxon')}</select></label>
  </div><div id="h-chart" class="chart"></div><div id="h-out"></div>`;
  const change = () => {
    const [family, task] = val('h-task').split('/');
    go('history', {family, task, method: val('h-method'), metric: val('h-metric'), test: val('h-test')});
  };
  ['h-task', 'h-method', 'h-metric', 'h-test'].forEach(id => { document.getElementById(id).onchange = change; });
  if (!t || !method || !metric) {
    document.getElementById('h-out').innerHTML = '<p class="muted">Nothing indexed yet.</p>';
    document.getElementById('h-chart').remove();
    return;
  }
  const d = await api('/api/history', {family: t.family, task: t.task, method, metric, test: p.test});
  const runs = [];
  d.series.forEach(s => s.points.forEach(pt => { if (!runs.some(r => r.run === pt.run)) runs.push(pt); }));
  runs.sort((x, y) => (x.started || '').localeCompare(y.started || '') || x.run - y.run);
  const xIndex = new Map(runs.map((r, i) => [r.run, i]));
  const labels = runs.map(r => `${r.version}\n${(r.started || '').slice(0, 10)}`);
  const series = [];
  d.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const name = label(d.method, s);
    series.push({type: 'line', name, color, symbolSize: 7,
      data: s.points.map(pt => [xIndex.get(pt.run), pt.mean]),
      markPoint: {symbol: 'pin', symbolSize: 38, data: s.points.filter(pt => ['worse', 'better', 'higher', 'lower'].includes(pt.verdict))
        .map(pt => ({coord: [xIndex.get(pt.run), pt.mean], value: pt.verdict === 'worse' ? '▼' : pt.verdict === 'better' ? '▲' : pt.verdict === 'higher' ? '↑' : '↓',
          itemStyle: {color: pt.verdict === 'worse' ? '#b3261e' : pt.verdict === 'better' ? '#1e7b34' : '#666'}}))}});
    series.push(errorBars(name, s.points.map(pt => [xIndex.get(pt.run), pt.mean - pt.stderr, pt.mean + pt.stderr]), color));
  });
  chart(document.getElementById('h-chart'), {
    animation: false,
    title: {text: `${d.method}: ${d.metric.name} (${d.metric.direction})`, left: 'center', textStyle: {fontSize: 14}},
    tooltip: {trigger: 'item'}, legend: {bottom: 0, type: 'scroll'}, grid: {left: 70, right: 30, bottom: 80},
    xAxis: {type: 'category', data: labels, name: 'plugin version, run date', nameLocation: 'middle', nameGap: 45},
    yAxis: {type: 'value', scale: true, name: d.metric.name}, series});
  document.getElementById('h-out').innerHTML = `<p class="muted">Each point: mean ± standard error over the seeds of one run; the verdict compares it with the
  previous run that had the method (${esc(d.test)}, paired by seed, Holm-corrected across the task's rows, α = ${d.alpha}); ▼ and ▲ mark significant changes.</p>
  <table id="history"><thead><tr><th>series</th><th>version</th><th>run date</th><th>mean ± stderr</th><th>n</th><th>verdict vs previous</th><th>p (Holm)</th><th>report</th></tr></thead><tbody>
  ${d.series.map(s => s.points.map(pt => `<tr class="${pt.verdict === 'worse' ? 'worse' : pt.verdict === 'better' ? 'better' : ''}">
    <td>${esc(label(d.method, s))}</td><td>${esc(pt.version)}</td><td>${esc(pt.started)}</td><td class="num">${fmt(pt.mean)} ± ${fmt(pt.stderr)}</td><td class="num">${pt.n}</td>
    <td class="verdict verdict-${esc((pt.verdict || 'first').replace(/ /g, '-'))}">${esc(pt.verdict || '(first)')}</td><td class="num">${fmt(pt.p)}</td>
    <td><a href="${esc(pt.report)}" target="_blank">report</a></td></tr>`).join('')).join('')}</tbody></table>`;
}

function label(method, s) {
  const params = s.params && s.params !== '{}' ? ' ' + s.params : '';
  return `${method}${params} · ${s.setting}`;
}

// ---- sweeps ----
async function sweepsView(p) {
  const ts = await tasks();
  const keys = ts.map(t => t.family + '/' + t.task);
  const key = p.family && p.task ? p.family + '/' + p.task : keys[0];
  const [family, task] = (key || '/').split('/');
  const runs = key ? (await api('/api/runs', {family, task, limit: 200})).runs : [];
  const run = runs.some(r => String(r.id) === p.run) ? p.run : runs.length ? String(runs[0].id) : '';
  const choices = run ? await api('/api/sweeps', {run}) : {parameters: [], metrics: []};
  const parameter = choices.parameters.includes(p.parameter) ? p.parameter : choices.parameters[0];
  const metric = choices.metrics.includes(p.metric) ? p.metric : choices.metrics[0];
  view.innerHTML = `<h2>Sweeps</h2>
  <div class="filters">
    <label>task<select id="s-task">${options(keys, key)}</select></label>
    <label>run<select id="s-run">${runs.map(r => `<option value="${r.id}"${String(r.id) === run ? ' selected' : ''}>${r.id}: ${esc(r.started)} ${esc(r.batch)}</option>`).join('')}</select></label>
    <label>parameter<select id="s-parameter">${options(choices.parameters, parameter)}</select></label>
    <label>metric<select id="s-metric">${options(choices.metrics, metric)}</select></label>
  </div><div id="s-chart" class="chart"></div><div id="s-out"></div>`;
  const change = () => {
    const [f, t] = val('s-task').split('/');
    go('sweeps', {family: f, task: t, run: val('s-run'), parameter: val('s-parameter'), metric: val('s-metric')});
  };
  ['s-task', 's-run', 's-parameter', 's-metric'].forEach(id => { document.getElementById(id).onchange = change; });
  if (!parameter || !metric) {
    document.getElementById('s-chart').remove();
    document.getElementById('s-out').innerHTML = '<p class="muted">This run sweeps no numeric parameter (a method parameter or a setting field with two or more values).</p>';
    return;
  }
  const d = await api('/api/sweeps', {run, parameter, metric});
  const series = [];
  d.lines.forEach((l, i) => {
    const color = PALETTE[i % PALETTE.length];
    series.push({type: 'line', name: l.label, color, symbolSize: 7, data: l.points.map(pt => [pt.x, pt.mean])});
    series.push(errorBars(l.label, l.points.map(pt => [pt.x, pt.mean - pt.stderr, pt.mean + pt.stderr]), color));
  });
  chart(document.getElementById('s-chart'), {
    animation: false, title: {text: `${metric} against ${parameter}`, left: 'center', textStyle: {fontSize: 14}},
    tooltip: {trigger: 'item'}, legend: {bottom: 0, type: 'scroll'}, grid: {left: 70, right: 30, bottom: 80},
    xAxis: {type: 'value', scale: true, name: parameter, nameLocation: 'middle', nameGap: 30}, yAxis: {type: 'value', scale: true, name: metric}, series});
  document.getElementById('s-out').innerHTML = `<table id="sweep"><thead><tr><th>line</th><th>${esc(parameter)}</th><th>mean ± stderr</th><th>n</th></tr></thead><tbody>
  ${d.lines.map(l => l.points.map(pt => `<tr><td>${esc(l.label)}</td><td class="num">${fmt(pt.x)}</td><td class="num">${fmt(pt.mean)} ± ${fmt(pt.stderr)}</td>
  <td class="num">${pt.n}</td></tr>`).join('')).join('')}</tbody></table>`;
}

const VIEWS = {runs: runsView, compare: compareView, history: historyView, sweeps: sweepsView};

async function render() {
  ready(false);
  const {name, params} = parseHash();
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.id === 'nav-' + name));
  try {
    await (VIEWS[name] || runsView)(params);
  } catch (e) {
    showError(e);
  }
  ready(true);
}

window.addEventListener('hashchange', render);
render();
