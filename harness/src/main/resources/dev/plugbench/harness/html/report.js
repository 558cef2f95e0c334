// Plugbench report: renders the page from the JSON data embedded in it (no network). ECharts is bundled in the page.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('plugbench-data').textContent);
  var root = document.getElementById('app');

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'cls') { e.className = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }
  function section(title) { root.appendChild(el('h2', {text: title})); }
  function para(text, cls) { root.appendChild(el('p', {text: text, cls: cls || ''})); }

  // A table whose headers sort it: numbers by data-value, text otherwise; a second click reverses.
  function sortableTable(headers, rows, id) {
    var thead = el('thead', {}, [el('tr', {}, headers.map(function (h, i) {
      var th = el('th', {text: h, cls: 'sortable', 'data-column': String(i)});
      th.addEventListener('click', function () { sortBy(table, i, th); });
      return th;
    }))]);
    var tbody = el('tbody', {}, rows.map(function (r) {
      return el('tr', {}, r.map(function (c) {
        var td = el('td', {cls: c.cls || ''}, c.href ? [el('a', {href: c.href, text: c.text})] : []);
        if (!c.href) { td.textContent = c.text; }
        if (c.value !== undefined && c.value !== null) { td.setAttribute('data-value', String(c.value)); }
        if (c.title) { td.title = c.title; }
        return td;
      }));
    }));
    var table = el('table', {id: id, cls: 'sortable-table'}, [thead, tbody]);
    return table;
  }
  function sortBy(table, column, th) {
    var asc = !th.classList.contains('sorted-asc');
    table.querySelectorAll('th').forEach(function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
    th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column], y = b.cells[column];
      var vx = x.getAttribute('data-value'), vy = y.getAttribute('data-value');
      var r;
      if (vx !== null && vy !== null) { r = parseFloat(vx) - parseFloat(vy); } else if (vx !== null) { r = -1; } else if (vy !== null) { r = 1; } else {
        r = x.textContent.localeCompare(y.textContent);
      }
      return asc ? r : -r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function chart(container, option, wide) {
    var div = el('div', {cls: 'chart' + (wide ? ' wide' : '')});
    container.appendChild(div);
    var c = echarts.init(div, null, {renderer: 'canvas'});
    c.on('finished', function () { div.setAttribute('data-rendered', 'true'); });
    option.animation = false;
    c.setOption(option);
    return c;
  }

  var MARK_CLASS = {best: 'best', tie: 'tie', ref: 'ref', better: 'best', worse: ''};

  function taskPage() {
    root.appendChild(el('h1', {text: data.title}));
    para(data.description, 'lead');
    para('Mean ± standard error over seeds ' + data.seeds.join(', ') + '. Metrics: ' + data.metrics.map(function (m) {
      return m.name + ' (' + m.label + ')';
    }).join('; ') + '.', 'note');

    section('Results');
    data.settings.forEach(function (setting, si) {
      if (data.settings.length > 1 || setting !== 'default') { root.appendChild(el('h3', {text: 'Setting ' + setting})); }
      var metricNames = data.metrics.map(function (m) { return m.name; }).filter(function (n) {
        return data.rows.some(function (r) { return r.setting === setting && r.metrics[n]; });
      });
      var own = data.ownColumns.filter(function (c) { return data.rows.some(function (r) { return r.setting === setting && r.method === c.method && r.metrics[c.name]; }); });
      var headers = ['method', 'version', 'params'].concat(metricNames, own.map(function (c) { return c.method + ': ' + c.name; }), ['failed']);
      var rows = data.rows.filter(function (r) { return r.setting === setting; }).map(function (r) {
        var cells = [{text: r.method}, {text: r.version}, {text: r.params, cls: 'params'}];
        metricNames.concat(own.map(function (c) { return c.method === r.method ? c.name : null; })).forEach(function (n) {
          var m = n ? r.metrics[n] : null;
          cells.push(m ? {text: m.text + (m.mark === 'tie' ? ' ≈' : m.mark === 'ref' ? ' (ref)' : ''), value: m.mean, cls: 'num ' + (MARK_CLASS[m.mark] || ''),
            title: 'n = ' + m.n} : {text: '-'});
        });
        cells.push({text: String(r.failed), value: r.failed, cls: 'num'});
        return cells;
      });
      root.appendChild(sortableTable(headers, rows, 'results-' + si));
    });
    para(data.legend, 'legend');

    section('Charts');
    para('Blue dash: the mean over seeds, with its standard error; red dots: each seed. Pick the setting:', 'note');
    var select = el('select', {id: 'setting-select'}, data.settings.map(function (s) { return el('option', {value: s, text: s}); }));
    root.lastChild.appendChild(select);
    var charts = el('div', {cls: 'charts', id: 'metric-charts'});
    root.appendChild(charts);
    var instances = [];
    function drawCharts(setting) {
      instances.forEach(function (c) { c.dispose(); });
      instances = [];
      charts.innerHTML = '';
      data.metrics.forEach(function (m) {
        var rows = data.rows.filter(function (r) { return r.setting === setting && r.metrics[m.name]; });
        if (rows.length === 0) { return; }
        var names = rows.map(function (r) { return r.label; });
        var means = rows.map(function (r) { return r.metrics[m.name].mean; });
        var errors = rows.map(function (r, i) { return [i, r.metrics[m.name].mean - r.metrics[m.name].se, r.metrics[m.name].mean + r.metrics[m.name].se]; });
        var points = [];
        rows.forEach(function (r, i) { (r.values[m.name] || []).forEach(function (p) { points.push([i, p[1], p[0]]); }); });
        var lo = Math.min.apply(null, points.map(function (p) { return p[1]; }).concat(errors.map(function (e) { return e[1]; })));
        var hi = Math.max.apply(null, points.map(function (p) { return p[1]; }).concat(errors.map(function (e) { return e[2]; })));
        var pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.05 || 1;
        instances.push(chart(charts, {
          title: {text: m.name, subtext: m.label, left: 'center', textStyle: {fontSize: 14}},
          tooltip: {trigger: 'item', formatter: function (p) {
            if (p.seriesName === 'seeds') { return names[p.value[0]] + '<br>seed ' + p.value[2] + ': ' + p.value[1]; }
            if (p.seriesName === 'mean') { return rows[p.dataIndex].variant + '<br>mean ' + rows[p.dataIndex].metrics[m.name].text; }
            return '';
          }},
          grid: {left: 70, right: 20, top: 60, bottom: 90},
          xAxis: {type: 'category', data: names, axisLabel: {rotate: 30, fontSize: 10}},
          yAxis: {type: 'value', min: lo - pad, max: hi + pad, scale: true, axisLabel: {formatter: function (v) { return Number(v.toPrecision(4)); }}},
          series: [
            {name: 'mean', type: 'scatter', data: means.map(function (v, i) { return [i, v]; }), symbol: 'rect', symbolSize: [28, 4],
              itemStyle: {color: '#1f5fbf'}, z: 5},
            {name: 'stderr', type: 'custom', data: errors, renderItem: function (params, api) {
              var x = api.value(0), a = api.coord([x, api.value(1)]), b = api.coord([x, api.value(2)]);
              var w = api.size([1, 0])[0] * 0.15;
              var style = {stroke: '#1d2733', lineWidth: 1.5};
              return {type: 'group', children: [
                {type: 'line', shape: {x1: a[0], y1: a[1], x2: b[0], y2: b[1]}, style: style},
                {type: 'line', shape: {x1: a[0] - w, y1: a[1], x2: a[0] + w, y2: a[1]}, style: style},
                {type: 'line', shape: {x1: b[0] - w, y1: b[1], x2: b[0] + w, y2: b[1]}, style: style}]};
            }, z: 3},
            {name: 'seeds', type: 'scatter', data: points, symbolSize: 7, itemStyle: {color: '#c62828', opacity: 0.6}, z: 4}
          ]
        }));
      });
    }
    select.addEventListener('change', function () { drawCharts(select.value); });
    drawCharts(data.settings[0]);

    if (data.paired.length > 0) {
      section('Paired comparisons');
      para(data.pairedNote, 'note');
      root.appendChild(sortableTable(['setting', 'metric', 'reference', 'method', 'seeds', 'difference', '95% CI', 'p (Holm)', 'verdict'],
        data.paired.map(function (p) {
          return [{text: p.setting}, {text: p.metric}, {text: p.reference}, {text: p.variant}, {text: String(p.n), value: p.n, cls: 'num'},
            {text: p.differenceText, value: p.difference, cls: 'num'}, {text: p.interval}, {text: p.pText, value: p.p, cls: 'num'},
            {text: p.verdict, cls: p.verdict === 'worse' ? 'worse' : p.verdict === 'better' ? 'best' : ''}];
        }), 'paired'));
    }
    if (data.plots.length > 0) {
      section('Plots of the task');
      data.plots.forEach(function (p) { root.appendChild(el('img', {cls: 'plot', src: p.src, alt: p.name, title: p.name})); });
    }
    section('Failed cells');
    if (data.failed.length === 0) { para('None.', 'note'); } else {
      root.appendChild(sortableTable(['method', 'params', 'setting', 'seed', 'error'], data.failed.map(function (f) {
        return [{text: f.method}, {text: f.params}, {text: f.setting}, {text: String(f.seed), value: f.seed}, {text: f.error}];
      }), 'failed'));
    }
    section('Provenance');
    root.appendChild(el('pre', {text: JSON.stringify(data.provenance, null, 2)}));
  }

  function indexPage() {
    root.appendChild(el('h1', {text: data.title}));
    para(data.lead, 'lead');
    section('Tasks');
    root.appendChild(sortableTable(['family', 'task', 'quick', 'seeds', 'cells', 'failed', 'description'], data.tasks.map(function (t) {
      return [{text: t.family}, {text: t.task, href: t.href}, {text: t.quick ? 'yes' : 'no'}, {text: String(t.seeds), value: t.seeds, cls: 'num'},
        {text: String(t.cells), value: t.cells, cls: 'num'}, {text: String(t.failed), value: t.failed, cls: 'num'}, {text: t.description}];
    }), 'tasks'));
    section('Rankings across each family\'s tasks');
    para(data.rankingNote, 'note');
    data.rankings.forEach(function (r) {
      root.appendChild(el('h3', {text: r.family + ': ' + r.metric + ' (' + r.label + ')'}));
      para('Blocks (' + r.blocks.length + '): ' + r.blocks.join('; ') + '. ' + r.note, 'note');
      if (!r.friedman) { return; }
      para('Friedman chi-square ' + r.friedman.statistic.toPrecision(4) + ', p ' + r.friedman.pText + '; Nemenyi critical difference ' + r.cd.toPrecision(3)
        + (r.friedman.p < data.alpha ? '.' : ' (the Friedman test finds no difference at alpha ' + data.alpha + ': read the ranks as within noise).'), 'note');
      var order = r.variants.map(function (v, i) { return i; }).sort(function (a, b) { return r.ranks[a] - r.ranks[b]; });
      root.appendChild(sortableTable(['method', 'average rank'], order.map(function (i) {
        return [{text: r.variants[i]}, {text: r.ranks[i].toFixed(2), value: r.ranks[i], cls: 'num'}];
      }), 'ranks-' + r.family + '-' + r.metric));
      var box = el('div', {cls: 'charts'});
      root.appendChild(box);
      // Critical-difference diagram: average ranks on the axis (1 = best, left), a bar of length CD, and the groups no wider than CD joined.
      var k = r.variants.length;
      var points = order.map(function (i, j) { return {value: [r.ranks[i], j + 1], name: r.variants[i]}; });
      var groups = [];
      for (var a = 0; a < order.length; a++) {
        var b = a;
        while (b + 1 < order.length && r.ranks[order[b + 1]] - r.ranks[order[a]] <= r.cd) { b++; }
        if (b > a && !groups.some(function (g) { return g[0] <= a && g[1] >= b; })) { groups.push([a, b]); }
      }
      var lines = [{name: 'CD', coords: [[1, 0], [1 + r.cd, 0]]}].concat(groups.map(function (g, gi) {
        return {name: 'within CD', coords: [[r.ranks[order[g[0]]], -0.4 - 0.35 * gi], [r.ranks[order[g[1]]], -0.4 - 0.35 * gi]]};
      }));
      chart(box, {
        title: {text: 'critical difference: ' + r.metric, left: 'center', textStyle: {fontSize: 14}},
        grid: {left: 40, right: 220, top: 50, bottom: 40},
        xAxis: {type: 'value', min: 1, max: k, name: 'average rank', nameLocation: 'middle', nameGap: 25},
        yAxis: {type: 'value', min: -0.6 - 0.35 * groups.length, max: k + 0.5, show: false, inverse: true},
        tooltip: {trigger: 'item', formatter: function (p) { return p.name + (p.value ? ': ' + p.value[0].toFixed(2) : ''); }},
        series: [
          {type: 'scatter', data: points, symbolSize: 10, itemStyle: {color: '#1f5fbf'},
            label: {show: true, position: 'right', color: '#1d2733', formatter: function (p) { return p.name + ' (' + p.value[0].toFixed(2) + ')'; }}},
          {type: 'lines', coordinateSystem: 'cartesian2d', polyline: false, data: lines, lineStyle: {width: 4, color: '#1d2733'},
            label: {show: true, position: 'end', color: '#1d2733', formatter: function (p) { return p.name === 'CD' ? 'CD ' + r.cd.toFixed(2) : ''; }}}
        ]
      }, true);
    });
    if (data.rankings.length === 0) { para('No family has a ranked metric in two or more task settings with three or more methods in each.', 'note'); }
  }

  if (data.kind === 'task') { taskPage(); } else { indexPage(); }
  document.body.setAttribute('data-ready', 'true');
}());
