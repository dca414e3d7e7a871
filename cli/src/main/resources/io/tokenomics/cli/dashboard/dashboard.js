/*
 * tokenomics dashboard: draws the charts and tables of the page from the JSON in #tokenomics-data (rows of the
 * report SQL sections, one array of objects per key) with uPlot. When every chart has drawn once, the root element
 * gets data-rendered="ok" ("error" if a part failed; its message is shown in #errors), which the tests wait for.
 */
(function () {
  'use strict';

  var DATA = JSON.parse(document.getElementById('tokenomics-data').textContent);
  var PALETTE = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5',
    '#9c6b4e'];
  var OTHER = '#a3aab5';
  var AVERAGE = '#e8590c';
  var MARKS = ['#067647', '#b54708', '#b42318'];
  var AXIS_INK = '#667085';
  var GRID = '#eef0f3';
  var FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var DAY = 86400;
  var TOP_MODELS = 6;
  var TOP_TOOLS = 8;
  var CAUSES = [['idle_expiry', 'idle expiry', '#4269d0'], ['model_switch', 'model switch', '#efb118'],
    ['memory_edit', 'memory edit', '#ff725c'], ['skill_load', 'skill load', '#a463f2'],
    ['unexplained', 'unexplained', OTHER]];

  var pending = 0;
  var built = false;
  var failed = false;
  var charts = [];

  // ---- formatting ----

  function num(v) {
    return v == null || isNaN(v) ? null : Number(v);
  }

  /** Dollars: cents from $0.10 up (no cents from $10,000), four decimals below, as the terminal tables. */
  function money(v) {
    v = num(v);
    if (v == null) {
      return '–';
    }
    var a = Math.abs(v);
    if (a >= 10000) {
      return '$' + Math.round(v).toLocaleString('en-US');
    }
    if (a >= 0.1 || a === 0) {
      return '$' + v.toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});
    }
    return '$' + v.toFixed(4);
  }

  /** Short dollars for axes: $0, $2.5, $40, $1.2k, $3M. */
  function moneyShort(v) {
    v = num(v);
    if (v == null) {
      return '';
    }
    var a = Math.abs(v);
    if (a >= 1e6) {
      return '$' + trim(v / 1e6) + 'M';
    }
    if (a >= 1e3) {
      return '$' + trim(v / 1e3) + 'k';
    }
    if (a >= 1 || a === 0) {
      return '$' + trim(v);
    }
    var cents = v * 100;
    return Math.abs(cents - Math.round(cents)) < 1e-9 ? '$' + v.toFixed(2) : '$' + Number(v.toPrecision(2));
  }

  /** Short multiples for axes: 0.2×, 1×, 2.5×, 10×. */
  function multipleShort(v) {
    return Number(Number(v).toPrecision(2)) + '×';
  }

  function trim(x) {
    return String(Number(x.toFixed(x >= 100 ? 0 : 1)));
  }

  function count(v) {
    v = num(v);
    return v == null ? '–' : Math.round(v).toLocaleString('en-US');
  }

  /** Large counts: 8,570; 1.2M; 418M; 3.4B. */
  function compact(v) {
    v = num(v);
    if (v == null) {
      return '–';
    }
    var a = Math.abs(v);
    if (a >= 1e9) {
      return trim(v / 1e9) + 'B';
    }
    if (a >= 1e6) {
      return trim(v / 1e6) + 'M';
    }
    if (a >= 1e4) {
      return trim(v / 1e3) + 'k';
    }
    return count(v);
  }

  function percent(v, digits) {
    v = num(v);
    return v == null ? '–' : (v * 100).toFixed(digits == null ? 1 : digits) + '%';
  }

  function multiple(v) {
    v = num(v);
    return v == null ? '–' : (v >= 10 ? v.toFixed(0) : v.toFixed(v >= 1 ? 1 : 2)) + '×';
  }

  function bytes(v) {
    v = num(v);
    if (v == null) {
      return '–';
    }
    if (v >= 1e9) {
      return (v / 1e9).toFixed(1) + ' GB';
    }
    if (v >= 1e6) {
      return (v / 1e6).toFixed(1) + ' MB';
    }
    return (v / 1e3).toFixed(v >= 1e4 ? 0 : 1) + ' kB';
  }

  function minutes(v) {
    v = num(v);
    if (v == null) {
      return '–';
    }
    if (v < 60) {
      return Math.max(0, Math.round(v)) + ' min';
    }
    var h = Math.floor(v / 60);
    return h + ' h ' + String(Math.round(v - h * 60)).padStart(2, '0') + ' min';
  }

  /** Seconds since the epoch of a day "2026-09-01" at 00:00 UTC: the charts draw days on a UTC axis. */
  function daySeconds(day) {
    var p = String(day).split('-');
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 1000;
  }

  function dayLabel(seconds, withYear) {
    var d = new Date(seconds * 1000);
    return MONTHS[d.getUTCMonth()] + ' ' + d.getUTCDate() + (withYear ? ', ' + d.getUTCFullYear() : '');
  }

  function modelName(m) {
    return m == null ? '(none)' : String(m).replace(/^claude-/, '');
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text != null) {
      e.textContent = text;
    }
    return e;
  }

  function byId(id) {
    return document.getElementById(id);
  }

  function rows(key) {
    return Array.isArray(DATA[key]) ? DATA[key] : [];
  }

  // ---- uPlot plumbing ----

  function dayAxis() {
    return {
      stroke: AXIS_INK, font: FONT, grid: {show: false}, ticks: {stroke: GRID, size: 4}, space: 64,
      values: function (u, splits) {
        var lastYear = null;
        return splits.map(function (s) {
          var year = new Date(s * 1000).getUTCFullYear();
          var label = dayLabel(s, false) + (year !== lastYear ? '\n' + year : '');
          lastYear = year;
          return label;
        });
      }
    };
  }

  function valueAxis(format, size) {
    return {
      stroke: AXIS_INK, font: FONT, size: size || 58, gap: 6, space: 36,
      grid: {stroke: GRID, width: 1}, ticks: {show: false},
      values: function (u, splits) {
        return splits.map(format);
      }
    };
  }

  /**
   * A log axis labelled at 1, 2 and 5 times the powers of ten, or only at the powers when the decades are narrow
   * (uPlot's own log splits start at the scale's minimum, which is a bin edge here, not a round number).
   */
  function logAxis(format) {
    return {
      stroke: AXIS_INK, font: FONT, space: 20, grid: {stroke: GRID, width: 1}, ticks: {stroke: GRID, size: 4},
      splits: function (u, axisIdx, min, max) {
        var decades = Math.log10(max / min);
        var perDecade = u.bbox.width / uPlot.pxRatio / Math.max(decades, 0.1);
        var steps = perDecade >= 130 ? [1, 2, 5] : perDecade >= 70 ? [1, 3] : [1];
        var splits = [];
        for (var k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
          steps.forEach(function (m) {
            var v = Number((m * Math.pow(10, k)).toPrecision(6));
            if (v >= min * 0.999 && v <= max * 1.001) {
              splits.push(v);
            }
          });
        }
        return splits;
      },
      filter: function (u, splits) {
        return splits;
      },
      values: function (u, splits) {
        return splits.map(format);
      }
    };
  }

  /** A floating box that follows the cursor; content(u, idx) returns {title, rows: [[colour, label, value]]}. */
  function tooltip(content) {
    var tip;
    return {
      hooks: {
        init: function (u) {
          tip = el('div', 'tip');
          tip.style.display = 'none';
          u.over.appendChild(tip);
        },
        setCursor: function (u) {
          var idx = u.cursor.idx;
          var c = idx == null ? null : content(u, idx);
          if (c == null) {
            tip.style.display = 'none';
            return;
          }
          tip.innerHTML = '';
          tip.appendChild(el('div', 't', c.title));
          c.rows.forEach(function (r) {
            var row = el('div', 'r');
            var k = el('span', 'k');
            if (r[0]) {
              var dot = el('span', 'dot');
              dot.style.background = r[0];
              k.appendChild(dot);
            }
            k.appendChild(document.createTextNode(r[1]));
            row.appendChild(k);
            row.appendChild(el('b', null, r[2]));
            tip.appendChild(row);
          });
          tip.style.display = 'block';
          var w = u.over.clientWidth;
          var h = u.over.clientHeight;
          var left = u.cursor.left + 14;
          if (left + tip.offsetWidth > w) {
            left = u.cursor.left - tip.offsetWidth - 14;
          }
          var top = Math.min(Math.max(0, u.cursor.top - 10), Math.max(0, h - tip.offsetHeight));
          tip.style.left = Math.max(0, left) + 'px';
          tip.style.top = top + 'px';
        }
      }
    };
  }

  /** Vertical dashed lines at values of the x scale, each with its label at the top of the plot. */
  function markers(list) {
    return {
      hooks: {
        draw: function (u) {
          var ctx = u.ctx;
          var ratio = uPlot.pxRatio;
          var top = u.bbox.top;
          var bottom = u.bbox.top + u.bbox.height;
          var right = u.bbox.left + u.bbox.width;
          ctx.save();
          var placed = [];
          list.forEach(function (m) {
            if (m.value != null && m.value > 0) {
              var at = u.valToPos(m.value, 'x', true);
              m.row = placed.filter(function (p) {
                return Math.abs(p - at) < 34 * ratio;
              }).length;
              placed.push(at);
            }
          });
          list.forEach(function (m) {
            if (m.value == null || !(m.value > 0)) {
              return;
            }
            var x = Math.round(u.valToPos(m.value, 'x', true));
            if (x < u.bbox.left || x > right) {
              return;
            }
            ctx.strokeStyle = m.color;
            ctx.lineWidth = 1.5 * ratio;
            ctx.setLineDash([5 * ratio, 4 * ratio]);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, bottom);
            ctx.stroke();
            ctx.setLineDash([]);
            ctx.font = '600 ' + Math.round(11.5 * ratio) + 'px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
            var text = m.label;
            var width = ctx.measureText(text).width;
            var pad = 4 * ratio;
            var onLeft = x + pad + width > right;
            var tx = onLeft ? x - pad - width : x + pad;
            var ty = top + (13 + 14 * (m.row || 0)) * ratio;
            ctx.fillStyle = 'rgba(255,255,255,0.85)';
            ctx.fillRect(tx - 2 * ratio, ty - 11 * ratio, width + 4 * ratio, 14 * ratio);
            ctx.fillStyle = m.color;
            ctx.fillText(text, tx, ty);
          });
          ctx.restore();
        }
      }
    };
  }

  /** Creates a chart in the element, sized to it, and counts it until its first draw. */
  function plot(container, options, data) {
    var height = options.height || 260;
    var opts = Object.assign({
      width: Math.max(280, container.clientWidth),
      height: height,
      legend: {show: false},
      cursor: {points: {show: false}, drag: {x: false, y: false}},
      padding: [14, 12, 0, 4]
    }, options);
    opts.plugins = (options.plugins || []).concat([{
      hooks: {
        draw: function (u) {
          if (!u._counted) {
            u._counted = true;
            pending--;
            finish();
          }
        }
      }
    }]);
    pending++;
    var u = new uPlot(opts, data, container);
    u._height = height;
    charts.push({chart: u, el: container});
    return u;
  }

  function empty(container, message) {
    container.innerHTML = '';
    container.appendChild(el('div', 'empty', message || 'No usage in this period.'));
  }

  function legend(container, items) {
    container.innerHTML = '';
    items.forEach(function (it) {
      var item = el('span', 'item');
      var sw = el('span', 'swatch' + (it.line ? ' line' : ''));
      sw.style.background = it.color;
      item.appendChild(sw);
      item.appendChild(document.createTextNode(it.label));
      if (it.amount != null) {
        item.appendChild(el('span', 'amount', it.amount));
      }
      container.appendChild(item);
    });
  }

  function chips(container, items) {
    container.innerHTML = '';
    items.forEach(function (it) {
      if (it[1] === '–') {
        return;
      }
      var chip = el('span', 'chip');
      if (it[2]) {
        chip.style.borderColor = it[2];
        chip.style.color = it[2];
      }
      chip.appendChild(document.createTextNode(it[0] + ' '));
      chip.appendChild(el('b', null, it[1]));
      container.appendChild(chip);
    });
  }

  function timeScale() {
    return {
      time: true,
      range: function (u, min, max) {
        return [min - DAY / 2, max + DAY / 2];
      }
    };
  }

  function bars(size) {
    return uPlot.paths.bars({size: [size || 0.8, 64], align: 0});
  }

  /** A series drawn as bars, without the points uPlot draws on sparse data. */
  function barSeries(label, fill, size) {
    return {label: label, fill: fill, stroke: fill, width: 0, paths: bars(size), points: {show: false}};
  }

  // ---- the parts of the page ----

  function calendar() {
    return rows('days').map(function (d) {
      return daySeconds(d.day);
    });
  }

  function header() {
    var t = rows('totals')[0] || {};
    var first = t.first_day ? daySeconds(t.first_day) : null;
    var last = t.last_day ? daySeconds(t.last_day) : null;
    var days = first != null ? Math.round((last - first) / DAY) + 1 : 0;
    var period = first == null ? 'No usage yet'
      : first === last ? dayLabel(first, true)
        : dayLabel(first, new Date(first * 1000).getUTCFullYear() !== new Date(last * 1000).getUTCFullYear())
          + ' – ' + dayLabel(last, true);
    byId('period').textContent = period;
    document.title = 'tokenomics · ' + period;

    var meta = DATA.meta || {};
    var parts = [['time zone', meta.zone], ['generated', meta.generated]];
    var f = meta.filters || {};
    ['since', 'until', 'project', 'model', 'agent'].forEach(function (k) {
      if (f[k] != null) {
        parts.push([k, f[k]]);
      }
    });
    var metaEl = byId('meta');
    metaEl.innerHTML = '';
    parts.forEach(function (p, i) {
      if (i > 0) {
        metaEl.appendChild(document.createTextNode(' · '));
      }
      metaEl.appendChild(document.createTextNode(p[0] + ' '));
      metaEl.appendChild(el('b', null, String(p[1])));
    });

    var activeDays = rows('days').filter(function (d) {
      return num(d.turns) > 0;
    }).length;
    var cache = rows('cache').filter(function (r) {
      return r.grouped_by === 'total';
    })[0] || {};
    var kpis = [
      ['spend', 'Spend', money(t.cost_usd), activeDays ? money(num(t.cost_usd) / activeDays) + ' per active day' : ''],
      ['', 'Sessions', count(t.sessions), t.sessions ? money(num(t.cost_usd) / t.sessions) + ' per session' : ''],
      ['', 'Turns', count(t.turns), t.turns ? money(num(t.cost_usd) / t.turns) + ' per turn' : ''],
      ['', 'Tokens', compact(t.total_tokens), count(t.projects) + ' projects · ' + count(t.models) + ' models'],
      ['', 'Cache hit ratio', percent(t.cache_hit_ratio),
        cache.misses ? count(cache.misses) + ' misses · ' + money(cache.miss_usd) : 'no cache misses'],
      ['', 'Period', days ? count(days) + (days === 1 ? ' day' : ' days') : '–',
        activeDays ? count(activeDays) + ' with usage' : '']
    ];
    var box = byId('kpis');
    box.innerHTML = '';
    kpis.forEach(function (k) {
      var tile = el('div', 'kpi ' + k[0]);
      tile.appendChild(el('div', 'label', k[1]));
      tile.appendChild(el('div', 'value', k[2]));
      tile.appendChild(el('div', 'note', k[3] || '\u00a0'));
      box.appendChild(tile);
    });
    var version = meta.version ? ' ' + meta.version : '';
    byId('foot').textContent = 'tokenomics' + version + ' · unpriced turns are left out of the costs, never counted '
      + 'as $0 · charts drawn with uPlot (MIT), inlined: this file needs no network.';
  }

  function dailyChart() {
    var container = byId('chart-daily');
    var days = rows('days');
    if (!days.length) {
      empty(container);
      return;
    }
    var xs = calendar();
    var cost = days.map(function (d) {
      return num(d.cost_usd) || 0;
    });
    var avg = days.map(function (d) {
      return num(d.rolling_7d_usd);
    });
    var total = cost.reduce(function (a, b) {
      return a + b;
    }, 0);
    legend(byId('legend-daily'), [
      {color: PALETTE[0], label: 'Cost', amount: money(total)},
      {color: AVERAGE, label: '7-day average', line: true}
    ]);
    plot(container, {
      height: 280,
      scales: {x: timeScale()},
      tzDate: function (ts) {
        return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC');
      },
      axes: [dayAxis(), valueAxis(moneyShort)],
      series: [
        {},
        barSeries('Cost', 'rgba(66, 105, 208, 0.8)', 0.78),
        {label: '7-day average', stroke: AVERAGE, width: 2.25, points: {show: false}}
      ],
      plugins: [tooltip(function (u, i) {
        var d = days[i];
        var r = [[PALETTE[0], 'Cost', money(d.cost_usd)], [AVERAGE, '7-day average', money(d.rolling_7d_usd)],
          [null, 'Turns', count(d.turns)]];
        if (d.spike) {
          r.push([null, 'Spike', multiple(d.multiple_of_average) + ' the average']);
        }
        return {title: dayLabel(xs[i], true), rows: r};
      })]
    }, [xs, cost, avg]);
  }

  function modelChart() {
    var container = byId('chart-models');
    var xs = calendar();
    var spend = rows('model_days');
    if (!xs.length || !spend.length) {
      empty(container);
      return;
    }
    var index = {};
    xs.forEach(function (x, i) {
      index[x] = i;
    });
    var totals = {};
    spend.forEach(function (r) {
      totals[r.model] = (totals[r.model] || 0) + (num(r.cost_usd) || 0);
    });
    var ranked = Object.keys(totals).filter(function (m) {
      return totals[m] > 0;
    }).sort(function (a, b) {
      return totals[b] - totals[a];
    });
    var shown = ranked.length > TOP_MODELS + 1 ? ranked.slice(0, TOP_MODELS) : ranked;
    var groups = shown.map(function (m, i) {
      return {label: modelName(m), color: PALETTE[i % PALETTE.length], total: totals[m]};
    });
    if (ranked.length > shown.length) {
      var rest = ranked.slice(shown.length);
      groups.push({label: 'other (' + rest.length + ')', color: OTHER, total: rest.reduce(function (a, m) {
        return a + totals[m];
      }, 0)});
    }
    var slot = {};
    ranked.forEach(function (m, i) {
      slot[m] = Math.min(i, groups.length - 1);
    });
    var values = groups.map(function () {
      return xs.map(function () {
        return 0;
      });
    });
    spend.forEach(function (r) {
      var i = index[daySeconds(r.day)];
      if (i != null && slot[r.model] != null) {
        values[slot[r.model]][i] += num(r.cost_usd) || 0;
      }
    });
    // Stacked bars: each series holds the sum of its group and those below; the tallest is drawn first.
    var stacked = [];
    var running = xs.map(function () {
      return 0;
    });
    values.forEach(function (v) {
      running = running.map(function (s, i) {
        return s + v[i];
      });
      stacked.push(running.slice());
    });
    var all = groups.reduce(function (a, g) {
      return a + g.total;
    }, 0);
    legend(byId('legend-models'), groups.map(function (g) {
      return {color: g.color, label: g.label, amount: money(g.total) + ' · ' + percent(g.total / all, 0)};
    }));
    var series = [{}];
    var data = [xs];
    for (var g = groups.length - 1; g >= 0; g--) {
      series.push(barSeries(groups[g].label, groups[g].color, 0.78));
      data.push(stacked[g]);
    }
    plot(container, {
      height: 280,
      scales: {x: timeScale()},
      tzDate: function (ts) {
        return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC');
      },
      axes: [dayAxis(), valueAxis(moneyShort)],
      series: series,
      plugins: [tooltip(function (u, i) {
        var r = [];
        var sum = 0;
        groups.forEach(function (grp, k) {
          sum += values[k][i];
          if (values[k][i] > 0) {
            r.push([grp.color, grp.label, money(values[k][i])]);
          }
        });
        r.push([null, 'Total', money(sum)]);
        return {title: dayLabel(xs[i], true), rows: r};
      })]
    }, data);
  }

  /** Bins of a log-spaced histogram, the missing ones as zero, drawn as bars on a log x axis with markers. */
  function histogram(container, binRows, perDecade, format, marks, noun, height) {
    if (!binRows.length) {
      empty(container);
      return;
    }
    var first = binRows[0].bin;
    var last = binRows[binRows.length - 1].bin;
    var byBin = {};
    binRows.forEach(function (r) {
      byBin[r.bin] = r;
    });
    var xs = [];
    var ys = [];
    var cost = [];
    for (var b = first; b <= last; b++) {
      xs.push(Math.pow(10, (b + 0.5) / perDecade));
      ys.push(byBin[b] ? num(byBin[b].sessions) : 0);
      cost.push(byBin[b] ? num(byBin[b].cost_usd) : 0);
    }
    var low = Math.pow(10, first / perDecade);
    var high = Math.pow(10, (last + 1) / perDecade);
    plot(container, {
      height: height || 260,
      scales: {
        x: {time: false, distr: 3, log: 10, range: function () {
          return [low, high];
        }},
        y: {range: function (u, min, max) {
          return [0, Math.max(1, max) * 1.08];
        }}
      },
      axes: [logAxis(format), valueAxis(count, 44)],
      series: [{}, barSeries(noun, 'rgba(66, 105, 208, 0.72)', 0.9)],
      plugins: [markers(marks), tooltip(function (u, i) {
        var b = first + i;
        var lo = Math.pow(10, b / perDecade);
        var hi = Math.pow(10, (b + 1) / perDecade);
        return {title: format(lo) + ' to ' + format(hi), rows: [[PALETTE[0], noun, count(ys[i])],
          [null, 'Their cost', money(cost[i])]]};
      })]
    }, [xs, ys]);
  }

  function statistic(rowsOf, name, column) {
    var r = rowsOf.filter(function (x) {
      return x.statistic === name;
    })[0];
    return r ? num(r[column]) : null;
  }

  function sessionChart() {
    var stats = rows('session_percentiles');
    var p50 = statistic(stats, 'p50', 'cost_usd');
    var p95 = statistic(stats, 'p95', 'cost_usd');
    var p99 = statistic(stats, 'p99', 'cost_usd');
    chips(byId('chips-sessions'), [['p50', money(p50), MARKS[0]], ['p95', money(p95), MARKS[1]],
      ['p99', money(p99), MARKS[2]], ['max', money(statistic(stats, 'max', 'cost_usd'))]]);
    var t = rows('totals')[0] || {};
    if (num(t.sessions_without_cost) > 0) {
      byId('sub-sessions').textContent += ' ' + count(t.sessions_without_cost)
        + ' sessions without a priced cost are not drawn.';
    }
    histogram(byId('chart-sessions'), rows('session_cost_bins'), 5, moneyShort, [
      {label: 'p50', value: p50, color: MARKS[0]},
      {label: 'p95', value: p95, color: MARKS[1]},
      {label: 'p99', value: p99, color: MARKS[2]}
    ], 'Sessions');
  }

  function growthChart() {
    var stats = rows('growth_percentiles');
    var p50 = statistic(stats, 'p50', 'growth_multiplier');
    var p90 = statistic(stats, 'p90', 'growth_multiplier');
    var p99 = statistic(stats, 'p99', 'growth_multiplier');
    chips(byId('chips-growth'), [['p50', multiple(p50), MARKS[0]], ['p90', multiple(p90), MARKS[1]],
      ['p99', multiple(p99), MARKS[2]], ['max', multiple(statistic(stats, 'max', 'growth_multiplier'))]]);
    histogram(byId('chart-growth'), rows('growth_bins'), 10, multipleShort, [
      {label: 'p50', value: p50, color: MARKS[0]},
      {label: 'p90', value: p90, color: MARKS[1]},
      {label: 'p99', value: p99, color: MARKS[2]}
    ], 'Sessions', 300);
  }

  function cacheChart() {
    var container = byId('chart-cache');
    var xs = calendar();
    var all = rows('cache');
    var total = all.filter(function (r) {
      return r.grouped_by === 'total';
    })[0];
    var perDay = {};
    all.forEach(function (r) {
      if (r.grouped_by === 'day') {
        perDay[daySeconds(r.key)] = r;
      }
    });
    if (!xs.length || !total) {
      empty(container);
      return;
    }
    chips(byId('chips-cache'), [['overall', percent(total.hit_ratio)], ['misses', count(total.misses)],
      ['miss cost', money(total.miss_usd)]]);
    var ratio = xs.map(function (x) {
      return perDay[x] ? num(perDay[x].hit_ratio) : null;
    });
    var overall = xs.map(function () {
      return num(total.hit_ratio);
    });
    plot(container, {
      height: 260,
      scales: {
        x: timeScale(),
        y: {range: function (u, min, max) {
          var lowest = Math.min(min == null ? 1 : min, num(total.hit_ratio) || 1);
          return [Math.max(0, Math.floor(lowest * 10 - 0.5) / 10), 1];
        }}
      },
      tzDate: function (ts) {
        return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC');
      },
      axes: [dayAxis(), valueAxis(function (v) {
        return percent(v, 0);
      }, 48)],
      series: [
        {},
        {label: 'Hit ratio', stroke: '#0e9384', width: 2, fill: 'rgba(14, 147, 132, 0.10)', points: {show: false}},
        {label: 'Overall', stroke: '#98a2b3', width: 1.25, dash: [6, 4], points: {show: false}}
      ],
      plugins: [tooltip(function (u, i) {
        var d = perDay[xs[i]];
        if (!d) {
          return {title: dayLabel(xs[i], true), rows: [[null, 'No turns', '']]};
        }
        return {title: dayLabel(xs[i], true), rows: [['#0e9384', 'Hit ratio', percent(d.hit_ratio)],
          [null, 'Misses', count(d.misses)], [null, 'Miss cost', money(d.miss_usd)]]};
      })]
    }, [xs, ratio, overall]);
  }

  /** Stacked bars per day of what cache misses cost, one series per cause. */
  function missCauseChart() {
    var container = byId('chart-miss-causes');
    var xs = calendar();
    var misses = rows('miss_causes');
    if (!xs.length || !misses.length) {
      empty(container, 'No cache misses in this period.');
      return;
    }
    var index = {};
    xs.forEach(function (x, i) {
      index[x] = i;
    });
    var values = CAUSES.map(function () {
      return xs.map(function () {
        return 0;
      });
    });
    var counts = CAUSES.map(function () {
      return xs.map(function () {
        return 0;
      });
    });
    var totals = CAUSES.map(function () {
      return 0;
    });
    var slot = {};
    CAUSES.forEach(function (c, k) {
      slot[c[0]] = k;
    });
    misses.forEach(function (r) {
      var i = index[daySeconds(r.day)];
      var k = slot[r.cause];
      if (i != null && k != null) {
        values[k][i] += num(r.miss_usd) || 0;
        counts[k][i] += num(r.misses) || 0;
        totals[k] += num(r.miss_usd) || 0;
      }
    });
    var all = totals.reduce(function (a, b) {
      return a + b;
    }, 0);
    var missCount = misses.reduce(function (a, r) {
      return a + (num(r.misses) || 0);
    }, 0);
    chips(byId('chips-miss-causes'), [['misses', count(missCount)], ['cost', money(all)]]);
    legend(byId('legend-miss-causes'), CAUSES.map(function (c, k) {
      return {color: c[2], label: c[1], amount: money(totals[k]) + (all > 0 ? ' · ' + percent(totals[k] / all, 0)
        : '')};
    }));
    var stacked = [];
    var running = xs.map(function () {
      return 0;
    });
    values.forEach(function (v) {
      running = running.map(function (s, i) {
        return s + v[i];
      });
      stacked.push(running.slice());
    });
    var series = [{}];
    var data = [xs];
    for (var k = CAUSES.length - 1; k >= 0; k--) {
      series.push(barSeries(CAUSES[k][1], CAUSES[k][2], 0.78));
      data.push(stacked[k]);
    }
    plot(container, {
      height: 260,
      scales: {x: timeScale()},
      tzDate: function (ts) {
        return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC');
      },
      axes: [dayAxis(), valueAxis(moneyShort)],
      series: series,
      plugins: [tooltip(function (u, i) {
        var r = [];
        CAUSES.forEach(function (c, k) {
          if (counts[k][i] > 0) {
            r.push([c[2], c[1], count(counts[k][i]) + ' · ' + money(values[k][i])]);
          }
        });
        if (!r.length) {
          r.push([null, 'No misses', '']);
        }
        return {title: dayLabel(xs[i], true), rows: r};
      })]
    }, data);
  }

  /** The cost-of-defect curve as bars: the mean cost of a task for each band of corrective loops. */
  function loopBars() {
    var container = byId('bars-loops');
    container.innerHTML = '';
    var bands = rows('loops');
    if (!bands.length) {
      empty(container, 'No tasks in this period.');
      return;
    }
    var mean = bands.map(function (b) {
      return (num(b.cost_usd) || 0) / Math.max(1, num(b.tasks) || 0);
    });
    var max = mean.reduce(function (a, m) {
      return Math.max(a, m);
    }, 0);
    bands.forEach(function (b, i) {
      var row = el('div', 'row');
      row.appendChild(el('div', 'name', b.corrective_loops + (b.corrective_loops === '1' ? ' loop' : ' loops')));
      var track = el('div', 'track');
      var fill = el('div', 'fill');
      fill.style.width = (max > 0 ? 100 * mean[i] / max : 0) + '%';
      track.appendChild(fill);
      row.appendChild(track);
      row.appendChild(el('div', 'val', money(mean[i])));
      row.appendChild(el('div', 'detail', count(b.tasks) + ' tasks · ' + percent(b.cost_share, 0) + ' of spend · '
        + count(b.failed_results) + ' failed results · ' + count(b.test_runs) + ' test runs'));
      container.appendChild(row);
    });
  }

  function table(container, columns, data) {
    container.innerHTML = '';
    if (!data.length) {
      empty(container, 'None in this period.');
      return;
    }
    var t = el('table', 'data');
    var head = el('tr');
    columns.forEach(function (c) {
      head.appendChild(el('th', c.num ? 'num' : null, c.title));
    });
    t.appendChild(el('thead')).appendChild(head);
    var body = el('tbody');
    data.forEach(function (row, i) {
      var tr = el('tr');
      columns.forEach(function (c) {
        var td = el('td', (c.num ? 'num ' : '') + (c.cls || ''));
        var v = c.cell(row, i);
        if (v instanceof Node) {
          td.appendChild(v);
        } else {
          td.textContent = v;
        }
        if (c.tip) {
          td.title = c.tip(row);
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    t.appendChild(body);
    container.appendChild(t);
  }

  function shortProject(p) {
    if (p == null) {
      return '–';
    }
    p = String(p);
    return p.length > 34 ? '…' + p.slice(p.length - 33) : p;
  }

  function costliestTable() {
    var data = rows('costliest_sessions');
    var max = data.reduce(function (a, r) {
      return Math.max(a, num(r.cost_usd) || 0);
    }, 0);
    var pills = {'cache read': 'read', 'cache write': 'write', 'output': 'output'};
    table(byId('table-costliest'), [
      {title: '#', num: true, cell: function (r, i) {
        return String(i + 1);
      }},
      {title: 'Session', cls: 'id', cell: function (r) {
        return String(r.session_id).slice(0, 8);
      }, tip: function (r) {
        return r.session_id;
      }},
      {title: 'Project', cls: 'proj', cell: function (r) {
        return shortProject(r.project);
      }, tip: function (r) {
        return r.project || '';
      }},
      {title: 'Model', cell: function (r) {
        return modelName(r.primary_model);
      }},
      {title: 'Turns', num: true, cell: function (r) {
        return count(r.turns);
      }},
      {title: 'Duration', num: true, cell: function (r) {
        return minutes(r.minutes);
      }},
      {title: 'Mostly', cell: function (r) {
        var pill = el('span', 'pill ' + (pills[r.dominant_class] || ''), (r.dominant_class || '–') + ' '
          + percent(r.dominant_share, 0));
        return pill;
      }},
      {title: 'Cost', num: true, cell: function (r) {
        var cell = el('div', 'cost-cell');
        var bar = el('span', 'bar');
        bar.style.width = (max > 0 ? Math.max(2, 120 * (num(r.cost_usd) || 0) / max) : 0) + 'px';
        cell.appendChild(bar);
        cell.appendChild(el('span', 'v', money(r.cost_usd)));
        return cell;
      }}
    ], data);
  }

  function toolBars() {
    var container = byId('bars-tools');
    container.innerHTML = '';
    var tools = rows('tools').slice().sort(function (a, b) {
      return (num(b.carry_usd) || 0) - (num(a.carry_usd) || 0) || (num(b.calls) || 0) - (num(a.calls) || 0);
    });
    if (!tools.length) {
      empty(container, 'No tool calls in this period.');
      return;
    }
    var shown = tools.length > TOP_TOOLS + 1 ? tools.slice(0, TOP_TOOLS) : tools;
    if (tools.length > shown.length) {
      var rest = tools.slice(shown.length);
      shown.push(rest.reduce(function (a, t) {
        a.carry_usd += num(t.carry_usd) || 0;
        a.calls += num(t.calls) || 0;
        a.result_bytes += num(t.result_bytes) || 0;
        return a;
      }, {tool_name: 'other (' + rest.length + ' tools)', carry_usd: 0, calls: 0, result_bytes: 0, other: true}));
    }
    var max = shown.reduce(function (a, t) {
      return Math.max(a, num(t.carry_usd) || 0);
    }, 0);
    shown.forEach(function (t) {
      var row = el('div', 'row');
      var name = el('div', 'name', t.tool_name);
      name.title = t.tool_name;
      row.appendChild(name);
      var track = el('div', 'track');
      var fill = el('div', 'fill');
      fill.style.width = (max > 0 ? 100 * (num(t.carry_usd) || 0) / max : 0) + '%';
      if (t.other) {
        fill.style.background = OTHER;
      }
      track.appendChild(fill);
      row.appendChild(track);
      row.appendChild(el('div', 'val', money(t.carry_usd)));
      var detail = count(t.calls) + ' calls · ' + bytes(t.result_bytes) + ' of results';
      if (num(t.error_rate) > 0) {
        detail += ' · ' + percent(t.error_rate, 0) + ' errors';
      }
      row.appendChild(el('div', 'detail', detail));
      container.appendChild(row);
    });
  }

  function agentBars() {
    var container = byId('bars-agents');
    container.innerHTML = '';
    var agents = rows('agents');
    if (!agents.length) {
      empty(container, 'No turns in this period.');
      return;
    }
    var max = agents.reduce(function (a, r) {
      return Math.max(a, num(r.cost_usd) || 0);
    }, 0);
    agents.forEach(function (r) {
      var row = el('div', 'row');
      row.setAttribute('data-agent', r.agent);
      row.appendChild(el('div', 'name', r.agent));
      var track = el('div', 'track');
      var fill = el('div', 'fill');
      fill.style.width = (max > 0 ? 100 * (num(r.cost_usd) || 0) / max : 0) + '%';
      track.appendChild(fill);
      row.appendChild(track);
      row.appendChild(el('div', 'val', money(r.cost_usd)));
      var detail = count(r.sessions) + ' sessions · ' + count(r.turns) + ' turns · ' + compact(r.total_tokens)
        + ' tokens';
      if (num(r.unpriced_turns) > 0) {
        detail += ' · ' + count(r.unpriced_turns) + ' unpriced turns';
      }
      row.appendChild(el('div', 'detail', detail));
      container.appendChild(row);
    });
  }

  function unpricedTable() {
    var data = rows('models').filter(function (m) {
      return num(m.unpriced_turns) > 0;
    });
    if (!data.length) {
      return;
    }
    byId('card-unpriced').hidden = false;
    table(byId('table-unpriced'), [
      {title: 'Model', cell: function (r) {
        return r.model;
      }},
      {title: 'Unpriced turns', num: true, cell: function (r) {
        return count(r.unpriced_turns);
      }},
      {title: 'Sessions', num: true, cell: function (r) {
        return count(r.sessions);
      }},
      {title: 'Tokens', num: true, cell: function (r) {
        return count((num(r.input_tokens) || 0) + (num(r.output_tokens) || 0) + (num(r.cache_write_tokens) || 0)
          + (num(r.cache_read_tokens) || 0));
      }}
    ], data);
  }

  // Shown when the turns are more than one person's: a team's lake, or datasets merged by copying.
  function peopleTable() {
    var data = rows('people');
    if (data.length < 2) {
      return;
    }
    byId('card-people').hidden = false;
    table(byId('table-people'), [
      {title: 'Person', cell: function (r) {
        return r.user == null ? '–' : r.user;
      }},
      {title: 'Cost', num: true, cell: function (r) {
        return money(r.cost_usd);
      }},
      {title: 'Sessions', num: true, cell: function (r) {
        return count(r.sessions);
      }},
      {title: 'Turns', num: true, cell: function (r) {
        return count(r.turns);
      }},
      {title: 'Machines', cell: function (r) {
        return r.hosts == null ? '–' : r.hosts;
      }}
    ], data);
  }

  // ---- assembly ----

  function finish() {
    if (built && pending === 0) {
      var errors = document.getElementById('errors').children.length;
      document.documentElement.setAttribute('data-rendered', failed || errors > 0 ? 'error' : 'ok');
      document.documentElement.setAttribute('data-charts', String(charts.length));
    }
  }

  function attempt(name, part) {
    try {
      part();
    } catch (e) {
      failed = true;
      window.tokenomicsError(name + ': ' + (e && e.stack ? e.stack.split('\n')[0] : e));
    }
  }

  attempt('header', header);
  attempt('daily cost', dailyChart);
  attempt('cost by model', modelChart);
  attempt('session cost', sessionChart);
  attempt('cache hit ratio', cacheChart);
  attempt('cache misses by cause', missCauseChart);
  attempt('cost of defects', loopBars);
  attempt('costliest sessions', costliestTable);
  attempt('context growth', growthChart);
  attempt('tool output', toolBars);
  attempt('spend per agent', agentBars);
  attempt('unpriced models', unpricedTable);
  attempt('spend per person', peopleTable);
  built = true;
  finish();

  if (typeof ResizeObserver === 'function') {
    var observer = new ResizeObserver(function () {
      charts.forEach(function (c) {
        var width = Math.max(280, c.el.clientWidth);
        if (width !== c.chart.width) {
          c.chart.setSize({width: width, height: c.chart._height});
        }
      });
    });
    charts.forEach(function (c) {
      observer.observe(c.el);
    });
  }
})();
