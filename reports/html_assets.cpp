#include <reports/html_assets.hpp>

namespace reports {

const char* const k_report_css = R"css(
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 "Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;color:#1d2733;background:#f4f6f8}
header.top{background:#12355b;color:#fff;padding:14px 24px;display:flex;justify-content:space-between;align-items:center}
header.top h1{font-size:20px;margin:0}
header.top button{background:#fff;color:#12355b;border:0;border-radius:4px;padding:6px 12px;cursor:pointer;font-weight:bold}
main{padding:16px 24px;max-width:1280px;margin:0 auto}
.card{background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:16px;margin-bottom:16px}
.summary{display:grid;grid-template-columns:2fr 1fr 1fr;gap:16px;align-items:center}
.meta dt{color:#5b6b7b;font-size:12px}.meta dd{margin:0 0 6px 0;font-weight:600;word-break:break-all}
.verdict{font-size:40px;font-weight:800;text-align:center}
.verdict.pass{color:#187a3c}.verdict.fail{color:#b3261e}.verdict.cannot{color:#5b4a00}
.verdict small.provisional{display:block;font-size:16px;font-weight:700;color:#a86b00}
.banner.cannot{background:#fff1c2;border-left:6px solid #5b4a00}
.coverage{background:#f4f6f8;border-radius:4px;padding:8px 12px;margin:8px 0;font-size:13px}
.score .of{font-size:24px;color:#5b6b7b}
svg.chart{width:100%;max-width:800px;height:auto}
details.items{margin-top:8px}details.items summary{cursor:pointer;font-weight:600}
details.items tr.not-assessed td{color:#7a8794;background:#f7f8fa}
.badge.na{background:#e2e7ec;color:#44515e}.badge.person{background:#e6f4ea;color:#185c2e}
.score{font-size:48px;font-weight:800;text-align:center}
.score small{font-size:16px;color:#5b6b7b;display:block;font-weight:400}
.banner{border-radius:6px;padding:10px 16px;margin-bottom:12px}
.banner.veto{background:#fde7e6;border-left:6px solid #b3261e}
.banner.candidate{background:#fff4d6;border-left:6px solid #c98a00}
.banner.incomplete{background:#fde7e6;border-left:6px solid #7a1a14;font-weight:bold}
.banner ul{margin:4px 0 0 18px;padding:0}
.notes{color:#5b6b7b;font-size:12px}
.filters{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:8px}
.filters select,.filters input{padding:5px 8px;border:1px solid #b8c2cc;border-radius:4px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #e2e7ec;padding:5px 6px;text-align:left;vertical-align:top;word-break:break-all}
th{background:#eef2f6;cursor:pointer;user-select:none;white-space:nowrap}
td.ev{font-family:monospace;font-size:11px;color:#44515e;max-width:320px}
.sev-failure{color:#b3261e;font-weight:bold}.sev-warning{color:#a86b00;font-weight:bold}
.badge{display:inline-block;border-radius:3px;padding:0 5px;font-size:11px;background:#e2e7ec}
.badge.explained{background:#dbeafe}.badge.baseline{background:#ececec}.badge.new{background:#fde7e6}
.badge.worsened{background:#f9c8c4}
.pager{display:flex;gap:8px;align-items:center;margin-top:8px}
.pager button{padding:4px 10px}
svg text{font-size:12px;fill:#1d2733}
)css";

const char* const k_report_js = R"js(
(function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (e) {
    errors.push(String(e.message));
    document.body.setAttribute('data-errors', errors.join(' | '));
  });
  var data = JSON.parse(document.getElementById('govaudit-data').textContent);
  var F = data.findings;
  var lang = 'zh';
  var T = {
    zh: {check: '检查项', severity: '级别', page: '页面', target: '对象', evidence: '证据',
         todo: '整改建议', status: '状态', message: '问题', all_checks: '全部检查项',
         all_sev: '全部级别', page_filter: '按页面筛选', search: '搜索', failure: '不合格项',
         warning: '预警', info: '信息', new: '新增', baseline: '基线已有', explained: '已说明',
         worsened: '较基线恶化',
         prev: '上一页', next: '下一页', of: '共', rows: '条', none: '没有符合条件的问题',
         url: '地址', open: '打开'},
    en: {check: 'Check', severity: 'Severity', page: 'Page', target: 'Target', evidence: 'Evidence',
         todo: 'What to do', status: 'Status', message: 'Problem', all_checks: 'All checks',
         all_sev: 'All severities', page_filter: 'Filter by page', search: 'Search',
         failure: 'failure', warning: 'warning', info: 'info', new: 'new', baseline: 'in baseline',
         explained: 'explained', worsened: 'worse than baseline', prev: 'Previous', next: 'Next', of: 'of', rows: 'rows',
         none: 'No finding matches', url: 'URL', open: 'open'}
  };
  var state = {check: '', severity: '', page: '', q: '', sort: 'severity', dir: 'asc', p: 1};
  var perPage = 100;
  var sevRank = {failure: 0, warning: 1, info: 2};
  var listed = [];
  for (var i = 0; i < F.length; i++) if (F[i].severity !== 'info') listed.push(i);

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function link(url, text) {
    // Only web addresses become links: a javascript: or data: URL from a page stays text.
    if (!/^https?:\/\//i.test(url)) return el('span', text || url);
    var a = el('a', text || url);
    a.href = url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    return a;
  }
  function tr(key) { return T[lang][key] || key; }
  function checkName(id) {
    var c = data.checks[id];
    return c ? (lang === 'en' ? c.en : c.zh) : id;
  }
  function advice(id) {
    var c = data.checks[id];
    return c ? (lang === 'en' ? c.advice_en : c.advice_zh) : '';
  }
  function evidenceText(e) {
    var text = JSON.stringify(e);
    return text.length > 240 ? text.slice(0, 240) + '…' : text;
  }
  function parseHash() {
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var at = kv.indexOf('=');
      if (at < 0) return;
      var key = decodeURIComponent(kv.slice(0, at)), value = decodeURIComponent(kv.slice(at + 1));
      if (key === 'lang') lang = value === 'en' ? 'en' : 'zh';
      else if (key === 'p') state.p = parseInt(value, 10) || 1;
      else if (Object.prototype.hasOwnProperty.call(state, key)) state[key] = value;
    });
  }
  function writeHash() {
    var parts = [];
    ['check', 'severity', 'page', 'q', 'sort', 'dir'].forEach(function (key) {
      if (state[key] && !(key === 'sort' && state[key] === 'severity') && !(key === 'dir' && state[key] === 'asc'))
        parts.push(key + '=' + encodeURIComponent(state[key]));
    });
    if (state.p > 1) parts.push('p=' + state.p);
    if (lang === 'en') parts.push('lang=en');
    try { history.replaceState(null, '', '#' + parts.join('&')); } catch (err) { /* file:// in some browsers */ }
  }
  function status(f) { return f.status || 'new'; }
  function matches(f) {
    if (state.check && f.check !== state.check) return false;
    if (state.severity && f.severity !== state.severity) return false;
    var where = f.page || f.url;
    if (state.page && where.indexOf(state.page) < 0) return false;
    if (state.q) {
      var q = state.q.toLowerCase();
      var hay = (f.check + ' ' + checkName(f.check) + ' ' + f.url + ' ' + f.page + ' ' + f.message).toLowerCase();
      if (hay.indexOf(q) < 0) return false;
    }
    return true;
  }
  function sortKey(f) {
    switch (state.sort) {
      case 'check': return f.check;
      case 'page': return f.page || f.url;
      case 'target': return f.url;
      case 'status': return status(f);
      default: return String(sevRank[f.severity]);
    }
  }
  function selected() {
    var rows = listed.filter(function (i) { return matches(F[i]); });
    var sign = state.dir === 'desc' ? -1 : 1;
    rows.sort(function (a, b) {
      var ka = sortKey(F[a]), kb = sortKey(F[b]);
      return ka < kb ? -sign : ka > kb ? sign : a - b;
    });
    return rows;
  }
  var columns = ['check', 'severity', 'page', 'target', 'message', 'evidence', 'todo', 'status'];
  function renderHead() {
    var head = document.getElementById('rect-head');
    head.textContent = '';
    var row = el('tr');
    columns.forEach(function (key) {
      var th = el('th', tr(key) + (state.sort === key || (key === 'severity' && state.sort === 'severity') ? (state.dir === 'desc' ? ' ▼' : ' ▲') : ''));
      th.setAttribute('data-sort', key);
      th.addEventListener('click', function () {
        if (state.sort === key) state.dir = state.dir === 'asc' ? 'desc' : 'asc';
        else { state.sort = key; state.dir = 'asc'; }
        state.p = 1;
        render();
      });
      row.appendChild(th);
    });
    head.appendChild(row);
  }
  function renderRows() {
    var rows = selected();
    var pages = Math.max(1, Math.ceil(rows.length / perPage));
    if (state.p > pages) state.p = pages;
    var body = document.getElementById('rect-body');
    body.textContent = '';
    var start = (state.p - 1) * perPage;
    var fragment = document.createDocumentFragment();
    rows.slice(start, start + perPage).forEach(function (index) {
      var f = F[index];
      var row = el('tr');
      row.setAttribute('data-severity', f.severity);
      row.setAttribute('data-check', f.check);
      row.appendChild(el('td', checkName(f.check) + ' (' + f.check + ')'));
      row.appendChild(el('td', tr(f.severity), 'sev-' + f.severity));
      var pageCell = el('td');
      pageCell.appendChild(link(f.page || f.url));
      row.appendChild(pageCell);
      var targetCell = el('td');
      targetCell.appendChild(link(f.url));
      row.appendChild(targetCell);
      row.appendChild(el('td', f.message));
      row.appendChild(el('td', evidenceText(f.evidence), 'ev'));
      row.appendChild(el('td', advice(f.check)));
      var statusCell = el('td');
      statusCell.appendChild(el('span', tr(status(f)), 'badge ' + status(f)));
      if (f.explanation) statusCell.appendChild(el('div', f.explanation));
      if (f.change) statusCell.appendChild(el('div', f.change));
      row.appendChild(statusCell);
      fragment.appendChild(row);
    });
    body.appendChild(fragment);
    if (rows.length === 0) {
      var empty = el('tr');
      var cell = el('td', tr('none'));
      cell.colSpan = columns.length;
      empty.appendChild(cell);
      body.appendChild(empty);
    }
    document.getElementById('pager-text').textContent =
        state.p + ' / ' + pages + ' · ' + tr('of') + ' ' + rows.length + ' ' + tr('rows');
    document.getElementById('rect').setAttribute('data-rows', String(rows.length));
  }
  function renderFilters() {
    var checkSelect = document.getElementById('f-check');
    checkSelect.textContent = '';
    checkSelect.appendChild(new Option(tr('all_checks'), ''));
    var seen = {};
    listed.forEach(function (i) { seen[F[i].check] = true; });
    Object.keys(seen).sort().forEach(function (id) {
      checkSelect.appendChild(new Option(checkName(id) + ' (' + id + ')', id));
    });
    checkSelect.value = state.check;
    var sevSelect = document.getElementById('f-severity');
    sevSelect.textContent = '';
    sevSelect.appendChild(new Option(tr('all_sev'), ''));
    ['failure', 'warning'].forEach(function (s) { sevSelect.appendChild(new Option(tr(s), s)); });
    sevSelect.value = state.severity;
    document.getElementById('f-page').placeholder = tr('page_filter');
    document.getElementById('f-page').value = state.page;
    document.getElementById('f-q').placeholder = tr('search');
    document.getElementById('f-q').value = state.q;
  }
  function renderTables() {
    data.tables.forEach(function (table) {
      var box = document.getElementById('table-' + table.id);
      if (!box) return;
      var rows = F.filter(function (f) {
        return table.prefixes.some(function (p) { return f.check.indexOf(p) === 0; }) &&
               (f.severity === 'info' || (f.evidence && f.evidence.review === true)) &&
               (!table.require || (f.evidence && f.evidence[table.require] !== undefined));
      });
      box.hidden = rows.length === 0;
      if (!rows.length) return;
      var keys = {};
      rows.forEach(function (f) { if (f.evidence && typeof f.evidence === 'object') Object.keys(f.evidence).forEach(function (k) { keys[k] = (keys[k] || 0) + 1; }); });
      var evidenceKeys = table.columns ||
          Object.keys(keys).sort(function (a, b) { return keys[b] - keys[a]; }).slice(0, 6);
      var t = el('table');
      var head = el('tr');
      [tr('check'), tr('url'), tr('message')].concat(evidenceKeys).forEach(function (h) { head.appendChild(el('th', h)); });
      t.appendChild(head);
      rows.slice(0, 2000).forEach(function (f) {
        var row = el('tr');
        row.appendChild(el('td', f.check));
        var u = el('td');
        u.appendChild(link(f.url, table.id === 'maps' ? tr('open') + ': ' + f.url : f.url));
        row.appendChild(u);
        row.appendChild(el('td', f.message));
        evidenceKeys.forEach(function (k) {
          var v = f.evidence ? f.evidence[k] : undefined;
          row.appendChild(el('td', v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : v));
        });
        t.appendChild(row);
      });
      var holder = box.querySelector('.rows');
      holder.textContent = '';
      holder.appendChild(t);
    });
  }
  function applyLanguage() {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    Array.prototype.forEach.call(document.querySelectorAll('[data-en]'), function (node) {
      node.textContent = node.getAttribute(lang === 'en' ? 'data-en' : 'data-zh');
    });
    document.getElementById('lang').textContent = lang === 'en' ? '中文' : 'English';
  }
  function render() {
    writeHash();
    renderHead();
    renderRows();
  }
  function renderAll() {
    applyLanguage();
    renderFilters();
    renderTables();
    render();
  }
  function bind(id, key, event) {
    document.getElementById(id).addEventListener(event, function (e) {
      state[key] = e.target.value;
      state.p = 1;
      render();
    });
  }
  bind('f-check', 'check', 'change');
  bind('f-severity', 'severity', 'change');
  bind('f-page', 'page', 'input');
  bind('f-q', 'q', 'input');
  document.getElementById('prev').addEventListener('click', function () { if (state.p > 1) { state.p--; render(); } });
  document.getElementById('next').addEventListener('click', function () { state.p++; render(); });
  document.getElementById('lang').addEventListener('click', function () {
    lang = lang === 'en' ? 'zh' : 'en';
    renderAll();
  });
  parseHash();
  renderAll();
  document.body.setAttribute('data-ready', '1');
})();
)js";

} // namespace reports
