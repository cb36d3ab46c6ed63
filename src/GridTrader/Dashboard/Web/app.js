// GridTrader dashboard. Plain JavaScript, no build step. The bot pushes its status snapshot and every engine event over
// /api/stream (stream.js); each push re-renders the open tab from the JSON API, and fills go straight into the Orders
// tab. Only while the stream is down does the page poll, once a second. Every request sends the dashboard token (from
// #token=… in the URL, kept in sessionStorage, or typed in the header).
// Longer than most files here: it is the whole page, one section per tab, with no build step to split it.
'use strict';

(() => {
  const TOKEN_HEADER = 'X-GridTrader-Token';
  const TOKEN_KEY = 'gridtrader.token';
  const TAB_KEY = 'gridtrader.tab';
  const POLL_MS = 1000;
  const MAX_LOG_ROWS = 1000;

  const $ = (id) => document.getElementById(id);
  const LW = window.LightweightCharts;

  // ------------------------------------------------------------------ token

  function takeTokenFromUrl() {
    const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (!match) return;
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    // Keep the token out of the address bar, history and bookmarks.
    history.replaceState(null, '', location.pathname + location.search);
  }

  const token = () => sessionStorage.getItem(TOKEN_KEY) || '';

  function showTokenState() {
    $('token-input').placeholder = token() ? 'token set' : 'needed for actions';
  }

  // ------------------------------------------------------------------ API

  class ApiError extends Error {
    constructor(status, body) {
      super((body && (body.message || body.error)) || `HTTP ${status}`);
      this.status = status;
      this.body = body;
    }
  }

  async function api(path, options = {}) {
    const headers = { Accept: 'application/json', ...(options.headers || {}) };
    if (token()) headers[TOKEN_HEADER] = token();
    const response = await fetch(path, { ...options, headers, cache: 'no-store' });
    if (response.status === 401) {
      banner('This needs the dashboard token: paste the token printed by "gridtrader run" (also in dashboard.token in the data directory) into the field at the top.', 'error');
    }
    const type = response.headers.get('content-type') || '';
    const body = type.includes('json') ? await response.json() : await response.blob();
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  const post = (path, body) => api(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body || {}),
  });

  // ------------------------------------------------------------------ formatting

  const nf = new Map();
  function fmt(value, digits = 2) {
    if (value === null || value === undefined || Number.isNaN(Number(value))) return '–';
    if (!nf.has(digits)) nf.set(digits, new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
    return nf.get(digits).format(Number(value));
  }
  const signed = (value, digits = 2) => (Number(value) > 0 ? '+' : '') + fmt(value, digits);
  const pct = (value, digits = 2) => value === null || value === undefined ? '–' : signed(value, digits) + ' %';
  const plainPct = (value) => value === null || value === undefined ? '–' : fmt(value, 1) + ' %';
  const money = (value) => fmt(value, 2);

  function time(iso) {
    if (!iso) return '–';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().slice(0, 19).replace('T', ' ');
  }
  const unix = (iso) => Math.floor(new Date(iso).getTime() / 1000);

  function setText(id, text, value) {
    const node = $(id);
    node.textContent = text;
    if (value !== undefined) node.dataset.value = String(value);
    return node;
  }

  function setMoney(id, value, withSign = true) {
    const node = setText(id, withSign ? signed(value) : money(value), value);
    node.classList.toggle('pos', Number(value) > 0);
    node.classList.toggle('neg', Number(value) < 0);
  }

  function el(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'class') node.className = value;
      else if (key === 'data') Object.assign(node.dataset, value);
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of [].concat(children)) if (child) node.append(child);
    return node;
  }

  const td = (text, cls, value) => el('td', { text, class: cls, data: value === undefined ? undefined : { value: String(value) } });
  const moneyCell = (value) => td(signed(value), 'num ' + (value > 0 ? 'pos' : value < 0 ? 'neg' : ''), value);
  const emptyRow = (columns, text) => el('tr', {}, el('td', { class: 'empty', colspan: String(columns), text }));

  let bannerTimer = null;
  function banner(text, kind = 'info') {
    const node = $('banner');
    node.textContent = text;
    node.className = 'banner' + (kind === 'error' ? ' error' : '');
    node.hidden = false;
    clearTimeout(bannerTimer);
    if (kind !== 'error') bannerTimer = setTimeout(() => { node.hidden = true; }, 6000);
  }

  function fillSelect(select, values, keepFirst) {
    const current = select.value;
    const fixed = keepFirst ? [...select.options].slice(0, 1) : [];
    const wanted = fixed.map((o) => o.value).concat(values);
    const have = [...select.options].map((o) => o.value);
    if (wanted.join('\u0000') === have.join('\u0000')) return;
    select.replaceChildren(...fixed, ...values.map((v) => el('option', { value: v, text: v })));
    if (wanted.includes(current)) select.value = current;
  }

  // ------------------------------------------------------------------ header

  let lastStatus = null;
  async function refreshStatus() {
    applyStatus(await api('/api/status'));
  }

  function applyStatus(s) {
    lastStatus = s;
    const badge = $('state-badge');
    badge.textContent = s.state.toUpperCase();
    badge.className = 'badge ' + s.state.toLowerCase();
    badge.title = s.kill_reason ? `Kill-switch: ${s.kill_reason}` : '';
    $('mode').textContent = `${s.mode} · ${s.exchange}`;
    $('engine-time').textContent = time(s.time) + ' UTC';
    $('engine-time').setAttribute('datetime', s.time);
    setText('header-equity', money(s.equity), s.equity);
    const markets = s.markets.map((m) => m.symbol);
    fillSelect($('market-select'), markets, false);
    fillSelect($('orders-market'), markets, true);
    fillSelect($('logs-market'), markets, true);
  }

  // ------------------------------------------------------------------ Market

  const market = { chart: null, candles: null, markers: null, priceLines: [], linesKey: '', fitted: '', orderPrices: [] };

  function chartOptions() {
    return {
      autoSize: true,
      layout: { background: { type: 'solid', color: '#1a2029' }, textColor: '#c9d2dc' },
      grid: { vertLines: { color: '#232b36' }, horzLines: { color: '#232b36' } },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#2b3440' },
      rightPriceScale: { borderColor: '#2b3440' },
      crosshair: { mode: 0 },
      localization: { locale: 'en-US' },
    };
  }

  function ensureMarketChart() {
    if (market.chart || !LW) return;
    market.chart = LW.createChart($('market-chart'), chartOptions());
    market.candles = market.chart.addSeries(LW.CandlestickSeries, {
      upColor: '#3fbf7f', downColor: '#ef5a5a', borderVisible: false, wickUpColor: '#3fbf7f', wickDownColor: '#ef5a5a',
      priceFormat: { type: 'price', precision: 2, minMove: 0.01 },
      autoscaleInfoProvider: (original) => {
        const range = original();
        if (!range || !market.orderPrices.length) return range;
        return {
          ...range,
          priceRange: {
            minValue: Math.min(range.priceRange.minValue, ...market.orderPrices),
            maxValue: Math.max(range.priceRange.maxValue, ...market.orderPrices),
          },
        };
      },
    });
    market.markers = LW.createSeriesMarkers(market.candles, []);
  }

  function drawLines(gridLines, orders) {
    const key = JSON.stringify([gridLines, orders.map((o) => [o.id, o.price])]);
    if (key === market.linesKey) return;
    market.linesKey = key;
    // The nearest buy and sell are kept in view (the next trades); the rest of the ladder may lie off-screen.
    const buys = orders.filter((o) => o.side === 'buy').map((o) => Number(o.price));
    const sells = orders.filter((o) => o.side === 'sell').map((o) => Number(o.price));
    market.orderPrices = [...(buys.length ? [Math.max(...buys)] : []), ...(sells.length ? [Math.min(...sells)] : [])];
    for (const line of market.priceLines) market.candles.removePriceLine(line);
    market.priceLines = [];
    for (const price of gridLines) {
      market.priceLines.push(market.candles.createPriceLine({
        price: Number(price), color: '#7d8794', lineWidth: 1, lineStyle: LW.LineStyle.Dotted, axisLabelVisible: false, title: '',
      }));
    }
    for (const o of orders) {
      const buy = o.side === 'buy';
      market.priceLines.push(market.candles.createPriceLine({
        price: Number(o.price), color: buy ? '#3fbf7f' : '#ef5a5a', lineWidth: 2, lineStyle: LW.LineStyle.Dashed,
        axisLabelVisible: true, title: `${buy ? 'B' : 'S'} L${o.level}`,
      }));
    }
  }

  // A budget in both units: the capital of the grid in place and its share of equity, what was configured, the cap.
  function budgetText(b) {
    if (!b) return '–';
    const configured = b.configured_nok != null ? `fixed ${money(b.configured_nok)}` : `${fmt(Number(b.configured_fraction) * 100, 1)} % of equity`;
    const next = Number(b.next_capital) !== Number(b.capital) ? `; next plan ${money(b.next_capital)}` : '';
    return `${money(b.capital)} (${fmt(b.capital_pct, 1)} %) · ${configured}${b.compound_grid_profit ? ', compounding' : ''}${next} · cap ${money(b.cap)} (${fmt(b.cap_pct, 0)} %)`;
  }

  async function refreshMarket() {
    const doc = await api('/api/markets');
    const symbol = $('market-select').value || (doc.markets[0] && doc.markets[0].symbol);
    const m = doc.markets.find((x) => x.symbol === symbol);
    if (!m) return;
    setText('m-price', fmt(m.last_price, 2), m.last_price);
    setText('m-bidask', `${fmt(m.bid, 2)} / ${fmt(m.ask, 2)}`);
    const trend = setText('m-trend', m.trend, m.trend);
    trend.className = 'trend-' + m.trend.toLowerCase();
    setText('m-atr', `${fmt(m.atr, 2)} (${fmt(m.atr_mean, 2)})`, m.atr);
    const spike = setText('m-spike', m.volatility_spike ? 'SPIKE' : 'normal', m.volatility_spike);
    spike.className = m.volatility_spike ? 'warn' : '';
    const breaker = setText('m-breaker', m.circuit_breaker ? 'TRIPPED' : 'closed (trading)', m.circuit_breaker);
    breaker.className = m.circuit_breaker ? 'neg' : '';
    setText('m-grid', m.grid_lines.length ? `${m.phase} · ${m.grid_lines.length} lines · ${fmt(m.spacing_pct, 2)} %` : m.phase);
    setText('m-position', fmt(m.position, 8), m.position);
    setMoney('m-unrealized', m.unrealized_pnl);
    setText('m-budget', budgetText(m.budget), m.budget ? m.budget.capital : '');
    setMoney('m-grid-profit', m.grid_profit);
    const h = m.history;
    const sources = h ? Object.entries(h.sources).map(([source, n]) => `${source} ${n}`).join(' · ') : '';
    setText('m-history', h ? `${h.candles} × ${h.interval}${sources ? ': ' + sources : ''}` : '–');
    const notes = [];
    if (m.paused) notes.push('This market is paused.');
    if (m.stop_reason) notes.push(`The grid is stopped (${m.stop_reason}); resume the market on the Risk tab to trade again.`);
    if (m.warmup_remaining > 0) notes.push(`Warming up: ${m.warmup_remaining} candle(s) to go.`);
    if (m.last_plan_error) notes.push(`Last grid plan failed: ${m.last_plan_error}`);
    if (h && h.shortfall) notes.push(`History: ${h.shortfall}`);
    $('m-note').textContent = `${m.candle_interval} candles. ` + notes.join(' ');

    ensureMarketChart();
    if (!market.chart) return;
    const [candles, orders] = await Promise.all([
      api(`/api/candles?market=${encodeURIComponent(symbol)}&limit=300`),
      api(`/api/orders?market=${encodeURIComponent(symbol)}&state=open&limit=500`),
    ]);
    const bars = candles.candles.map((c) => ({ time: c.time, open: Number(c.open), high: Number(c.high), low: Number(c.low), close: Number(c.close) }));
    market.candles.setData(bars);
    if (bars.length && market.fitted !== symbol) {
      market.chart.timeScale().fitContent();
      market.fitted = symbol;
    }
    drawLines(m.grid_lines, orders.orders);

    if (bars.length) {
      const first = bars[0].time;
      const step = bars.length > 1 ? bars[1].time - bars[0].time : 60;
      const fills = await api(`/api/fills?market=${encodeURIComponent(symbol)}&from=${encodeURIComponent(new Date(first * 1000).toISOString())}&limit=1000`);
      const last = bars[bars.length - 1].time;
      market.markers.setMarkers(fills.fills.map((f) => {
        const at = Math.min(last, first + Math.floor((unix(f.time) - first) / step) * step);
        const buy = f.side === 'buy';
        return {
          time: at, position: buy ? 'belowBar' : 'aboveBar', color: buy ? '#3fbf7f' : '#ef5a5a',
          shape: buy ? 'arrowUp' : 'arrowDown', text: `${buy ? 'B' : 'S'} ${fmt(f.price, 0)}`,
        };
      }).sort((a, b) => a.time - b.time));
    }
  }

  // ------------------------------------------------------------------ Orders

  function filledCell(o) {
    const done = Number(o.amount) > 0 ? Math.min(100, Math.max(0, (Number(o.filled) / Number(o.amount)) * 100)) : 0;
    return el('td', { data: { value: String(o.filled) } }, [
      el('span', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': done.toFixed(1), 'aria-label': `Order ${o.id} filled` },
        el('span', { style: `width:${done}%` })),
      document.createTextNode(`${fmt(done, 0)} %`),
    ]);
  }

  let orderStatesFilled = false;
  async function refreshOrders() {
    const marketFilter = $('orders-market').value || 'all';
    const stateSelect = $('orders-state');
    const state = stateSelect.value || 'open';
    const doc = await api(`/api/orders?market=${encodeURIComponent(marketFilter)}&state=${encodeURIComponent(state)}&limit=300`);
    if (!orderStatesFilled) {
      stateSelect.replaceChildren(...doc.states.map((s) => el('option', {
        value: s, text: s === 'open' ? 'Open (live)' : s === 'all' ? 'All' : s,
      })));
      stateSelect.value = state;
      orderStatesFilled = true;
    }
    $('orders-summary').textContent = `${doc.open_count} open order(s) · showing ${doc.orders.length}`;
    const rows = doc.orders.map((o) => el('tr', { data: { id: String(o.id), state: o.state } }, [
      td(String(o.id), 'num'),
      td(o.market),
      td(o.side, 'side-' + o.side),
      td(fmt(o.price, 2), 'num', o.price),
      td(fmt(o.amount, 8), 'num', o.amount),
      filledCell(o),
      td(o.state),
      td(String(o.level), 'num'),
      td(time(o.created_at)),
      td(time(o.updated_at)),
      td(o.reason || ''),
    ]));
    $('orders-body').replaceChildren(...(rows.length ? rows : [emptyRow(11, 'No orders match.')]));
    if (!fills.loaded) {
      const doc = await api('/api/fills?limit=' + MAX_FILL_ROWS);
      $('fills-body').replaceChildren();
      fills.keys.clear();
      for (const f of doc.fills) addFill(f);
      fills.loaded = true;
    }
  }

  // Latest fills, newest first: loaded once, then added as the stream reports them.
  const MAX_FILL_ROWS = 100;
  const fills = { loaded: false, keys: new Set() };

  function addFill(f) {
    const key = `${f.order_id}|${f.time}|${f.amount}`;
    if (fills.keys.has(key)) return;
    fills.keys.add(key);
    const body = $('fills-body');
    if (body.rows.length === 1 && body.rows[0].querySelector('.empty')) body.replaceChildren();
    body.prepend(el('tr', { data: { order: String(f.order_id), side: f.side, key } }, [
      td(time(f.time)), td(f.market), td(f.side, 'side-' + f.side), td(fmt(f.price, 2), 'num', f.price), td(fmt(f.amount, 8), 'num', f.amount),
      td(`${fmt(f.fee, 8)} ${f.fee_currency}`, 'num', f.fee), td(String(f.order_id), 'num'), td(String(f.level), 'num'),
    ]));
    while (body.rows.length > MAX_FILL_ROWS) body.deleteRow(body.rows.length - 1);
    $('fills-summary').textContent = `(${body.rows.length} shown)`;
  }

  // ------------------------------------------------------------------ Risk

  async function refreshRisk() {
    const r = await api('/api/risk');
    const state = setText('r-state', r.state.toUpperCase(), r.state);
    state.className = r.state === 'Halted' ? 'neg' : r.state === 'Paused' ? 'warn' : r.state === 'Running' ? 'pos' : '';
    const kill = setText('r-kill', r.kill_switch ? `ENGAGED: ${r.kill_reason || ''}` : 'off', r.kill_switch);
    kill.className = r.kill_switch ? 'neg' : '';
    setText('r-dryrun', r.dry_run ? 'yes (no real orders)' : 'NO: real orders', r.dry_run);
    setText('r-equity', `${money(r.equity)} (${money(r.peak_equity)})`, r.equity);
    $('kill-button').disabled = r.kill_switch;

    $('r-total-meter').value = Math.min(100, Number(r.total_exposure_pct));
    $('r-total').textContent = `${money(r.total_exposure)} of ${money(r.total_exposure_cap)} cap (${plainPct(r.total_exposure_pct)}; cap ${fmt(r.limits.max_total_exposure * 100, 0)} % of equity)`;
    const ddUse = r.max_drawdown_pct > 0 ? (r.drawdown_pct / r.max_drawdown_pct) * 100 : 0;
    $('r-dd-meter').value = Math.min(100, ddUse);
    $('r-dd').textContent = r.max_drawdown_pct > 0
      ? `${fmt(r.drawdown_pct, 2)} % of ${fmt(r.max_drawdown_pct, 1)} % stop${r.drawdown_tripped ? ' — TRIPPED' : ''}`
      : `${fmt(r.drawdown_pct, 2)} % (no stop)`;

    $('risk-markets').replaceChildren(...r.markets.map((m) => el('tr', { data: { market: m.symbol } }, [
      td(m.symbol),
      td(money(m.exposure), 'num', m.exposure),
      td(money(m.budget), 'num', m.budget),
      td(`${money(m.cap)} (${fmt(m.cap_pct, 0)} %)`, 'num', m.cap),
      el('td', {}, [el('meter', { min: '0', max: '100', low: '70', high: '90', optimum: '0', value: String(Math.min(100, m.used_pct)), 'aria-label': `${m.symbol} exposure used` }), document.createTextNode(` ${plainPct(m.used_pct)}`)]),
      td(m.circuit_breaker ? 'TRIPPED' : 'closed', m.circuit_breaker ? 'neg' : ''),
      td(m.stop_reason ? `stopped: ${m.stop_reason}` : m.paused ? 'paused' : 'trading', m.stop_reason ? 'neg' : m.paused ? 'warn' : ''),
      el('td', {}, m.paused || m.stop_reason
        ? el('button', { type: 'button', text: `Resume ${m.symbol}`, onclick: () => control('/api/resume-market', { market: m.symbol, reason: 'resumed from the dashboard' }) })
        : el('button', { type: 'button', text: `Pause ${m.symbol}`, onclick: () => control('/api/pause', { market: m.symbol, reason: 'paused from the dashboard' }) })),
    ])));

    $('risk-rejections').replaceChildren(...(r.rejections.length
      ? r.rejections.slice(0, 50).map((e) => el('tr', {}, [td(time(e.time)), td(e.market || ''), el('td', { class: 'message', text: e.message })]))
      : [emptyRow(3, 'No placement was refused.')]));

    $('risk-limits').replaceChildren(...Object.entries(r.limits).flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: String(v) })]));
  }

  async function control(path, body) {
    try {
      const result = await post(path, body);
      banner(`${result.result || 'done'}${result.state ? ` — state ${result.state}` : ''}`);
    } catch (e) {
      banner(`Refused: ${e.message}`, 'error');
    }
    await refreshNow();
  }

  // ------------------------------------------------------------------ P&L

  const pnl = { chart: null, equity: null, hold: null, realized: null, fittedCount: 0 };

  function ensurePnlChart() {
    if (pnl.chart || !LW) return;
    pnl.chart = LW.createChart($('equity-chart'), chartOptions());
    pnl.equity = pnl.chart.addSeries(LW.LineSeries, { color: '#4ea1ff', lineWidth: 2, title: 'Equity' });
    pnl.hold = pnl.chart.addSeries(LW.LineSeries, { color: '#e8b339', lineWidth: 1, lineStyle: LW.LineStyle.Dashed, title: 'Buy & hold' });
    // Realized P&L is a much smaller number than equity: it gets the left scale.
    pnl.chart.applyOptions({ leftPriceScale: { visible: true, borderColor: '#2b3440' } });
    pnl.realized = pnl.chart.addSeries(LW.LineSeries, { color: '#3fbf7f', lineWidth: 1, priceScaleId: 'left', title: 'Realized P&L' });
  }

  async function refreshPnl() {
    const p = await api('/api/pnl');
    setText('p-equity', money(p.equity), p.equity);
    const ret = setText('p-return', pct(p.return_pct), p.return_pct);
    ret.className = 'num ' + (p.return_pct > 0 ? 'pos' : p.return_pct < 0 ? 'neg' : '');
    setMoney('p-realized', p.realized_pnl);
    setMoney('p-grid-profit', p.grid_profit);
    setText('p-grid-pairs', String(p.grid_pairs), p.grid_pairs);
    $('p-grid-note').textContent = p.grid_profit_note;
    setText('p-fees', money(p.fees), p.fees);
    setMoney('p-unrealized', p.unrealized_pnl);
    setText('p-bh', p.buy_and_hold_equity == null ? '–' : `${money(p.buy_and_hold_equity)} (${pct(p.buy_and_hold_return_pct)})`, p.buy_and_hold_equity);
    if (p.buy_and_hold_equity == null) setText('p-vs', '–');
    else setMoney('p-vs', p.equity - p.buy_and_hold_equity);
    setText('p-trips', String(p.round_trip_count), p.round_trip_count);
    $('p-since').textContent = p.since ? `Since ${time(p.since)} UTC, starting equity ${money(p.start_equity)}.` : '';

    ensurePnlChart();
    if (pnl.chart) {
      // The chart takes one point per second, in order: a later point in the same second replaces the earlier.
      const points = [];
      const add = (x) => {
        if (points.length && points[points.length - 1].t === x.t) points[points.length - 1] = x;
        else if (!points.length || x.t > points[points.length - 1].t) points.push(x);
      };
      for (const c of p.curve) add({ t: unix(c.time), e: Number(c.equity), b: Number(c.buy_and_hold), r: Number(c.realized_pnl) });
      if (p.buy_and_hold_equity != null) add({ t: unix(p.time), e: Number(p.equity), b: Number(p.buy_and_hold_equity), r: Number(p.realized_pnl) });
      // What the chart holds, for people and tests: how many points, from when.
      $('equity-chart').dataset.points = String(points.length);
      $('equity-chart').dataset.first = points.length ? String(points[0].t) : '';
      pnl.equity.setData(points.map((x) => ({ time: x.t, value: x.e })));
      pnl.hold.setData(points.map((x) => ({ time: x.t, value: x.b })));
      pnl.realized.setData(points.map((x) => ({ time: x.t, value: x.r })));
      if (points.length && points.length !== pnl.fittedCount) {
        pnl.chart.timeScale().fitContent();
        pnl.fittedCount = points.length;
      }
    }

    $('pnl-markets').replaceChildren(...p.markets.map((m) => el('tr', {}, [
      td(m.symbol), moneyCell(m.realized_pnl), moneyCell(m.grid_profit), td(String(m.grid_pairs), 'num'),
      td(money(m.fees), 'num', m.fees), moneyCell(m.unrealized_pnl),
      td(String(m.round_trips), 'num'), td(fmt(m.position, 8), 'num', m.position),
    ])));
    $('pnl-trips').replaceChildren(...(p.round_trips.length
      ? p.round_trips.slice(0, 100).map((r) => el('tr', {}, [
        td(time(r.closed_at)), td(r.market), td(String(r.level), 'num'), td(fmt(r.amount, 8), 'num', r.amount),
        td(money(r.cost), 'num', r.cost), td(money(r.proceeds), 'num', r.proceeds), td(money(r.fees), 'num', r.fees), moneyCell(r.realized_pnl),
      ]))
      : [emptyRow(8, 'No round trip completed yet.')]));
  }

  // ------------------------------------------------------------------ Logs

  const logs = { after: 0, source: null, key: '' };

  function logQuery() {
    const q = new URLSearchParams();
    if ($('logs-level').value) q.set('level', $('logs-level').value);
    if ($('logs-event').value.trim()) q.set('event', $('logs-event').value.trim());
    if ($('logs-market').value) q.set('market', $('logs-market').value);
    return q;
  }

  async function refreshLogs() {
    if (!$('logs-follow').checked) return;
    const q = logQuery();
    const key = q.toString();
    if (key !== logs.key) {
      logs.key = key;
      logs.after = 0;
      $('logs-body').replaceChildren();
    }
    q.set('after', String(logs.after));
    q.set('limit', '500');
    const doc = await api('/api/logs?' + q.toString());
    if (logs.source !== null && doc.source !== logs.source && logs.after > 0) {
      // The answering source changed (log files appeared): its numbering is its own, start over.
      logs.source = doc.source;
      logs.after = 0;
      $('logs-body').replaceChildren();
      return;
    }
    logs.source = doc.source;
    logs.after = Math.max(logs.after, doc.last_seq);
    fillDatalist(doc.events);
    const body = $('logs-body');
    const rows = doc.entries.map((e) => el('tr', { data: { seq: String(e.seq), event: e.event, level: e.level } }, [
      td(time(e.time)),
      td(e.level, e.level === 'Error' || e.level === 'Fatal' ? 'neg' : e.level === 'Warning' ? 'warn' : ''),
      td(e.event),
      td(e.market || ''),
      el('td', { class: 'message', text: e.message }),
    ]));
    body.prepend(...rows.reverse());
    while (body.rows.length > MAX_LOG_ROWS) body.deleteRow(body.rows.length - 1);
    $('logs-summary').textContent = `${body.rows.length} shown, newest first · from ${doc.source}`;
  }

  function fillDatalist(events) {
    const list = $('logs-events');
    if (list.options.length === events.length) return;
    list.replaceChildren(...events.map((e) => el('option', { value: e })));
  }

  async function exportLogs(format) {
    const q = logQuery();
    q.set('format', format);
    try {
      const blob = await api('/api/logs/export?' + q.toString(), { headers: { Accept: '*/*' } });
      const file = blob instanceof Blob ? blob : new Blob([JSON.stringify(blob, null, 2)], { type: 'application/json' });
      const link = el('a', { href: URL.createObjectURL(file), download: `gridtrader-logs.${format}` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    } catch (e) {
      banner(`Export failed: ${e.message}`, 'error');
    }
  }

  // ------------------------------------------------------------------ Settings

  const settings = { loaded: false, dirty: false, editable: false, lastCheck: null, source: '' };

  async function refreshSettings(force = false) {
    const doc = await api('/api/config');
    settings.editable = doc.editable;
    settings.source = doc.source;
    setText('s-source', doc.source + (doc.editable ? '' : ' (read-only)'));
    const valid = setText('s-valid', doc.valid ? 'valid' : 'has errors', doc.valid);
    valid.className = doc.valid ? 'pos' : 'neg';
    $('s-problems').replaceChildren(...doc.problems.map((p) => el('li', { class: p.severity, text: `${p.severity}: ${p.path}: ${p.message}` })));
    $('s-secrets').replaceChildren(...Object.entries(doc.secrets).map(([name, state]) => el('tr', {}, [td(name), td(state, state === 'unset' ? 'muted' : '')])));
    $('s-note').textContent = doc.note;
    $('s-pending').hidden = doc.pending_restart.length === 0;
    $('s-pending-body').replaceChildren(...doc.pending_restart.map((c) => el('tr', {}, [td(c.path), td(c.from ?? '(none)'), td(c.to ?? '(removed)')])));
    if (!settings.loaded || force || !settings.dirty) {
      $('config-editor').value = doc.config_text;
      settings.dirty = false;
      settings.loaded = true;
    }
  }

  function showCheck(check) {
    settings.lastCheck = check;
    $('config-check-problems').replaceChildren(...check.problems.map((p) => el('li', { class: p.severity, text: `${p.severity}: ${p.path}: ${p.message}` })));
    $('config-diff').hidden = check.diff.length === 0;
    $('config-diff-body').replaceChildren(...check.diff.map((c) => el('tr', {}, [td(c.path), td(c.from ?? '(none)'), td(c.to ?? '(removed)')])));
    const status = $('config-status');
    if (!check.valid) status.textContent = 'Not valid: fix the errors listed below.';
    else if (check.diff.length === 0) status.textContent = 'Valid; nothing changed.';
    else status.textContent = `Valid; ${check.diff.length} change(s).` + (settings.editable ? '' : ' This run has no configuration file to write to.');
    status.className = check.valid ? 'pos' : 'neg';
    $('config-apply').disabled = !(check.valid && check.diff.length > 0 && settings.editable);
  }

  // ------------------------------------------------------------------ markets (Settings)

  const marketStop = { action: null, symbol: null };

  async function refreshMarketsConfig() {
    const doc = await api('/api/markets/configured');
    $('s-markets').replaceChildren(...(doc.markets.length ? doc.markets.map((m) => {
      const budget = m.investment_nok != null ? `${money(m.investment_nok)} fixed`
        : `${fmt(Number(m.capital_fraction ?? 0.2) * 100, 1)} % of equity`;
      const actions = [];
      const button = (text, onclick, cls) => el('button', { type: 'button', text, onclick, ...(cls ? { class: cls } : {}) });
      if (m.enabled) actions.push(button(`Disable ${m.symbol}`, () => askStop('disable', m)));
      else actions.push(button(`Enable ${m.symbol}`, () => changeMarket('enable', { market: m.symbol })));
      actions.push(button(`Remove ${m.symbol}`, () => askStop('remove', m), 'danger'));
      return el('tr', { data: { market: m.symbol } }, [
        td(m.symbol), td(m.enabled ? 'yes' : 'no'), td(m.traded ? 'yes' : 'no', m.traded ? 'pos' : 'muted'),
        td(budget + (m.compound_grid_profit ? ', compounding' : '')), td(m.candle_interval), td(String(m.open_orders), 'num'),
        el('td', {}, actions),
      ]);
    }) : [emptyRow(7, 'No market is configured.')]));
  }

  // Disabling or removing asks what to do with the market's resting orders (cancel or leave them).
  function askStop(action, m) {
    marketStop.action = action;
    marketStop.symbol = m.symbol;
    $('market-stop-title').textContent = `${action === 'remove' ? 'Remove' : 'Disable'} ${m.symbol}?`;
    $('market-stop-text').textContent = `${m.symbol} has ${m.open_orders} resting order(s). ` +
      (action === 'remove' ? 'It is deleted from the configuration.' : 'It stays in the configuration, disabled.');
    $('market-stop-dialog').showModal();
  }

  async function changeMarket(action, body) {
    const status = $('market-status');
    try {
      const result = await post(`/api/markets/${action}`, body);
      status.textContent = result.message;
      status.className = 'small pos';
      banner(result.message);
    } catch (e) {
      const problems = e.body && e.body.problems ? e.body.problems.map((p) => ` ${p.path}: ${p.message}`).join(';') : '';
      status.textContent = `Refused: ${e.message}${problems}`;
      status.className = 'small neg';
    }
    await refreshMarketsConfig();
  }

  async function addMarket(event) {
    event.preventDefault();
    const add = {};
    const value = $('add-budget').value.trim();
    if (value) add[$('add-budget-kind').value === 'nok' ? 'investment_nok' : 'capital_fraction'] = Number(value);
    if ($('add-interval').value.trim()) add.candle_interval = $('add-interval').value.trim();
    if ($('add-min-amount').value.trim()) add.min_amount = Number($('add-min-amount').value.trim());
    if ($('add-compound').checked) add.compound_grid_profit = true;
    await changeMarket('add', { market: $('add-symbol').value.trim().toUpperCase(), add, reason: 'added from the dashboard' });
  }

  async function validateConfig() {
    try {
      showCheck(await post('/api/config/validate', $('config-editor').value));
    } catch (e) {
      $('config-status').textContent = `Could not validate: ${e.message}`;
    }
  }

  async function applyConfig() {
    try {
      const result = await post('/api/config/apply', $('config-editor').value);
      banner(result.message);
      settings.dirty = false;
      showCheck({ valid: true, problems: [], diff: [] });
      $('config-status').textContent = 'Saved; listed above until the bot is restarted.';
      await refreshSettings(true);
    } catch (e) {
      if (e.body && e.body.problems) showCheck({ valid: false, problems: e.body.problems, diff: e.body.diff || [] });
      banner(`Not applied: ${e.message}`, 'error');
    }
  }

  // ------------------------------------------------------------------ tabs and loop

  const tabs = ['market', 'orders', 'risk', 'pnl', 'logs', 'settings'];
  const refreshers = {
    market: refreshMarket, orders: refreshOrders, risk: refreshRisk, pnl: refreshPnl, logs: refreshLogs,
    settings: () => Promise.all([settings.loaded ? null : refreshSettings(), refreshMarketsConfig()]),
  };
  let active = 'market';

  function selectTab(name, focus = false) {
    active = tabs.includes(name) ? name : 'market';
    sessionStorage.setItem(TAB_KEY, active);
    for (const t of tabs) {
      const tab = $('tab-' + t);
      const selected = t === active;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      $('panel-' + t).hidden = !selected;
      if (selected && focus) tab.focus();
    }
    refreshNow();
  }

  // ------------------------------------------------------------------ push, and polling while it is down

  const push = { stream: null, open: false, timer: null, due: 0, failed: false };

  function showConnection() {
    const node = $('connection');
    if (push.failed) {
      node.className = 'neg';
      return;
    }
    node.textContent = push.open ? 'live · push' : 'live · polling';
    node.className = 'muted';
  }

  // Re-renders the open tab after a push, at most once per delay (events come in bursts).
  function scheduleRefresh(delay) {
    const at = Date.now() + delay;
    if (push.timer && push.due <= at) return;
    clearTimeout(push.timer);
    push.due = at;
    push.timer = setTimeout(async () => {
      push.timer = null;
      if (document.hidden || running) return;
      running = true;
      try {
        await (refreshers[active]() || Promise.resolve());
        push.failed = false;
      } catch (e) {
        push.failed = true;
        $('connection').textContent = e instanceof ApiError ? `error ${e.status}` : 'disconnected — retrying';
      } finally {
        running = false;
        showConnection();
      }
    }, delay);
  }

  function startStream() {
    if (!window.GridTraderStream) return;
    push.stream = window.GridTraderStream.connect({
      url: '/api/stream',
      headers: () => (token() ? { [TOKEN_HEADER]: token() } : {}),
      onState: (state) => {
        const was = push.open;
        push.open = state === 'open';
        showConnection();
        // Down: poll until it is back. Back: one full refresh, then pushes only.
        if (!push.open && was) refreshNow();
        if (push.open && !was) {
          clearTimeout(timer);
          refreshNow();
        }
      },
      onEvent: (name, body) => {
        if (name === 'snapshot') {
          applyStatus(body);
          scheduleRefresh(1000);
        } else if (name === 'engine') {
          if (body.fill) addFill(body.fill);
          scheduleRefresh(150);
        } else if (name === 'reset') {
          // Events were missed: reload what was built from them.
          fills.loaded = false;
          scheduleRefresh(0);
        }
      },
    });
  }

  let timer = null;
  let running = false;
  async function refreshNow() {
    if (running) return;
    if (document.hidden) {
      // Nobody is looking: ask again when the page is visible.
      clearTimeout(timer);
      timer = setTimeout(refreshNow, POLL_MS);
      return;
    }
    running = true;
    clearTimeout(timer);
    try {
      await refreshStatus();
      await (refreshers[active]() || Promise.resolve());
      push.failed = false;
      showConnection();
    } catch (e) {
      push.failed = true;
      $('connection').textContent = e instanceof ApiError ? `error ${e.status}` : 'disconnected — retrying';
      showConnection();
    } finally {
      running = false;
      // While the stream is open the bot pushes; polling is only the fallback.
      timer = push.open ? null : setTimeout(refreshNow, POLL_MS);
    }
  }

  function wire() {
    for (const t of tabs) $('tab-' + t).addEventListener('click', () => selectTab(t));
    $('tab-market').parentElement.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(active);
      if (e.key === 'ArrowRight') selectTab(tabs[(i + 1) % tabs.length], true);
      else if (e.key === 'ArrowLeft') selectTab(tabs[(i + tabs.length - 1) % tabs.length], true);
    });

    $('token-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const value = $('token-input').value.trim();
      if (value) sessionStorage.setItem(TOKEN_KEY, value);
      else sessionStorage.removeItem(TOKEN_KEY);
      $('token-input').value = '';
      showTokenState();
      $('banner').hidden = true;
      refreshNow();
    });

    document.addEventListener('visibilitychange', () => { if (!document.hidden) refreshNow(); });
    $('market-select').addEventListener('change', () => { market.linesKey = ''; refreshNow(); });
    $('orders-market').addEventListener('change', refreshNow);
    $('orders-state').addEventListener('change', refreshNow);
    for (const id of ['logs-level', 'logs-market', 'logs-follow']) $(id).addEventListener('change', refreshNow);
    $('logs-event').addEventListener('change', refreshNow);
    $('export-json').addEventListener('click', () => exportLogs('json'));
    $('export-csv').addEventListener('click', () => exportLogs('csv'));

    const killDialog = $('kill-dialog');
    $('kill-button').addEventListener('click', () => killDialog.showModal());
    $('kill-cancel').addEventListener('click', () => killDialog.close());
    $('kill-confirm').addEventListener('click', async () => {
      killDialog.close();
      await control('/api/kill', { reason: $('kill-reason').value || 'kill-switch from the dashboard' });
    });
    $('pause-all').addEventListener('click', () => control('/api/pause', { reason: 'all markets paused from the dashboard' }));
    $('resume-all').addEventListener('click', () => control('/api/resume', { reason: 'resumed from the dashboard' }));

    $('market-add').addEventListener('submit', addMarket);
    const stopDialog = $('market-stop-dialog');
    $('market-stop-cancel').addEventListener('click', () => stopDialog.close());
    $('market-stop-confirm').addEventListener('click', async () => {
      stopDialog.close();
      const orders = document.querySelector('input[name="market-orders"]:checked').value;
      await changeMarket(marketStop.action, { market: marketStop.symbol, orders, reason: `${marketStop.action}d from the dashboard` });
    });

    $('config-editor').addEventListener('input', () => { settings.dirty = true; $('config-apply').disabled = true; });
    $('config-validate').addEventListener('click', validateConfig);
    $('config-reset').addEventListener('click', () => { refreshSettings(true); showCheck({ valid: true, problems: [], diff: [] }); });
    const applyDialog = $('apply-dialog');
    $('config-apply').addEventListener('click', () => {
      const n = settings.lastCheck ? settings.lastCheck.diff.length : 0;
      $('apply-text').textContent = `Write ${n} change(s) to ${settings.source}? A backup is kept as .bak. The running bot keeps its current settings; the changes take effect when it is restarted.`;
      applyDialog.showModal();
    });
    $('apply-cancel').addEventListener('click', () => applyDialog.close());
    $('apply-confirm').addEventListener('click', async () => { applyDialog.close(); await applyConfig(); });
  }

  takeTokenFromUrl();
  showTokenState();
  wire();
  if (!LW) banner('The chart library did not load; numbers still update.', 'error');
  selectTab(sessionStorage.getItem(TAB_KEY) || 'market');
  startStream();
})();
