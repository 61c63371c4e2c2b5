/* argmap's interactive page.  Claim data comes from the inert JSON block and reaches the
   document only through textContent and attribute values: nothing is parsed as markup. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("argmap-data").textContent);
  const claims = data.claims, relations = data.relations, n = claims.length;
  const SVGNS = "http://www.w3.org/2000/svg";
  const svg = document.getElementById("map"), viewport = document.getElementById("viewport");
  const stage = document.getElementById("stage"), panel = document.getElementById("panel");
  const $ = (id) => document.getElementById(id);
  const layered = data.mode === "layered";

  const indexOf = new Map(claims.map((c, i) => [c.id, i]));
  const perspectives = new Map(data.perspectives.map((p) => [p[0], { label: p[1], color: p[2] }]));
  const outgoing = claims.map(() => []), incoming = claims.map(() => []);
  const undercutters = new Map();  // "source>target" of a relation -> relations undercutting it
  relations.forEach((r, k) => {
    outgoing[r[0]].push(k);
    incoming[r[1]].push(k);
    if (r[2] === "undercut" && r[3] !== null) {
      const key = r[3] + ">" + r[1];
      if (!undercutters.has(key)) undercutters.set(key, []);
      undercutters.get(key).push(k);
    }
  });
  const children = claims.map(() => []);
  data.parent.forEach((p, i) => { if (p >= 0) children[p].push(i); });
  const thesis = Math.max(0, claims.findIndex((c) => c.kind === "thesis"));

  // ---- what is shown: filters, focus, collapsed subtrees -------------------------------
  const state = { selected: -1, focus: null, collapsed: new Set(), excluded: {},
                  matches: [], current: -1 };
  const past = [], future = [];
  const shown = new Uint8Array(n).fill(1);
  const facets = {
    perspective: (c) => [c.perspective || ""],
    side: (c) => [c.side || ""],
    kind: (c) => [c.kind],
    change: (c) => [c.change || ""],
    tag: (c) => (c.tags && c.tags.length ? c.tags : [""]),
  };

  // Views as argmap's own (argmap.views): the focus's neighbourhood outward and the claims
  // every filter accepts, with their context: what they argue about, the focus's path to the
  // thesis, and no claim left on its own.
  function arguingAbout(i) {
    const found = incoming[i].map((k) => relations[k][0]);
    for (const k of outgoing[i]) {
      for (const u of undercutters.get(i + ">" + relations[k][1]) || []) found.push(relations[u][0]);
    }
    return found;
  }

  function neighbourhood(start, depth) {
    const distance = new Map([[start, 0]]), queue = [start];
    for (let at = 0; at < queue.length; at++) {
      const i = queue[at], d = distance.get(i);
      if (d === depth) continue;
      for (const j of arguingAbout(i)) if (!distance.has(j)) { distance.set(j, d + 1); queue.push(j); }
    }
    return distance;
  }

  function pathToThesis(start) {
    const cameFrom = new Map([[start, -1]]), queue = [start];
    for (let at = 0; at < queue.length; at++) {
      const i = queue[at];
      if (claims[i].kind === "thesis") {
        const path = [];
        for (let step = i; step >= 0; step = cameFrom.get(step)) path.push(step);
        return path;
      }
      for (const k of outgoing[i]) {
        const r = relations[k];
        if (r[2] !== "undercut" && !cameFrom.has(r[1])) { cameFrom.set(r[1], i); queue.push(r[1]); }
      }
    }
    return [];
  }

  // 0: not in the view, 1: in it, 2: context.
  function viewRoles() {
    const role = new Uint8Array(n);
    const filtering = Object.values(state.excluded).some((out) => out.size);
    if (!state.focus && !filtering) return role.fill(1);
    const near = state.focus ? neighbourhood(state.focus.claim, state.focus.depth) : null;
    for (let i = 0; i < n; i++) if ((!near || near.has(i)) && passes(claims[i])) role[i] = 1;
    const members = [];
    role.forEach((r, i) => { if (r) members.push(i); });
    for (const i of members) {
      for (const k of outgoing[i]) {
        const r = relations[k];
        if (!role[r[1]]) role[r[1]] = 2;
        if (r[2] === "undercut" && r[3] !== null && !role[r[3]]) role[r[3]] = 2;
      }
    }
    const focus = state.focus ? state.focus.claim : -1;
    if (focus >= 0) {
      role[focus] = 1;
      for (const i of pathToThesis(focus)) if (!role[i]) role[i] = 2;
    }
    const linked = new Uint8Array(n);
    relations.forEach((r, k) => {
      const attacked = r[2] !== "undercut" || (r[3] !== null && role[r[3]]);
      if (role[r[0]] && role[r[1]] && attacked) linked[r[0]] = linked[r[1]] = 1;
    });
    let alone = 0, kept = 0;
    for (let i = 0; i < n; i++) if (role[i]) { kept++; if (!linked[i] && i !== focus) alone++; }
    for (let i = 0; i < n; i++) {
      if (role[i] && !linked[i] && i !== focus && (alone < kept || claims[i].kind !== "thesis")) role[i] = 0;
    }
    return role;
  }

  function subtree(i) {
    const found = [], stack = children[i].slice();
    while (stack.length) { const j = stack.pop(); found.push(j); stack.push(...children[j]); }
    return found;
  }

  function passes(c) {
    if (c.kind === "thesis") return true;
    for (const facet in state.excluded) {
      const out = state.excluded[facet];
      if (out.size && facets[facet](c).every((v) => out.has(v))) return false;
    }
    return true;
  }

  let roles = new Uint8Array(n).fill(1), shownVersion = 0;
  function computeShown() {
    shownVersion++;
    roles = viewRoles();
    const folded = new Uint8Array(n);
    for (const c of state.collapsed) for (const j of subtree(c)) folded[j] = 1;
    for (let i = 0; i < n; i++) shown[i] = roles[i] && !folded[i] ? 1 : 0;
  }

  function relationShown(k) {
    const r = relations[k];
    return shown[r[0]] && shown[r[1]] && (r[3] === null || shown[r[3]]);
  }

  // ---- camera ----------------------------------------------------------------------------
  const cam = { k: 1, x: 0, y: 0 };
  let drawing = null;  // the renderer: svgRenderer or layeredRenderer
  const MAX_ZOOM = 8;
  let minZoom = 0.02;

  function applyCamera() {
    viewport.setAttribute("transform", "matrix(" + cam.k + " 0 0 " + cam.k + " " + cam.x + " " + cam.y + ")");
    drawing.cameraMoved();
  }
  function screenSize() {
    const width = stage.clientWidth - (panel.hidden ? 0 : panel.offsetWidth);
    return { width: Math.max(80, width), height: stage.clientHeight };
  }
  function zoomAt(factor, px, py) {
    const k = Math.min(MAX_ZOOM, Math.max(minZoom, cam.k * factor)), f = k / cam.k;
    cam.x = px - (px - cam.x) * f;
    cam.y = py - (py - cam.y) * f;
    cam.k = k;
    applyCamera();
  }
  function fitScale(box) {
    const { width, height } = screenSize();
    return Math.min((width - 40) / Math.max(box.w, 1), (height - 40) / Math.max(box.h, 1));
  }
  function fit(box) {
    box = box || drawing.bounds();
    const { width, height } = screenSize();
    cam.k = Math.min(2, fitScale(box));
    cam.x = (width - box.w * cam.k) / 2 - box.x * cam.k;
    cam.y = (height - box.h * cam.k) / 2 - box.y * cam.k;
    applyCamera();
  }
  function centreOn(box, k) {
    const { width, height } = screenSize();
    if (k) cam.k = k;
    cam.x = width / 2 - (box.x + box.w / 2) * cam.k;
    cam.y = height / 2 - (box.y + box.h / 2) * cam.k;
    applyCamera();
  }
  function union(boxes) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const b of boxes) {
      if (!b) continue;
      x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y);
      x1 = Math.max(x1, b.x + b.w); y1 = Math.max(y1, b.y + b.h);
    }
    return x0 === Infinity ? null : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  }
  function fitShown() {
    if (shown.every((v) => v)) { fit(); return; }  // the whole drawing: title, clusters, legend
    const boxes = drawing.extras();  // lines drawn around the claims, such as Graphviz's curves
    for (let i = 0; i < n; i++) if (shown[i]) boxes.push(drawing.box(i));
    fit(union(boxes) || undefined);
  }
  function readableScale() { return Math.max(cam.k, 1); }

  // ---- the Graphviz drawing (small maps) ------------------------------------------------
  function svgRenderer() {
    const elements = new Array(n);
    svg.querySelectorAll("g.claim").forEach((g) => { elements[+g.dataset.index] = g; });
    const dependents = Array.from(svg.querySelectorAll("[data-ends]"), (g) =>
      [g, g.dataset.ends.split(" ").filter(Boolean).map(Number)]);
    const graph = document.getElementById("graph0");
    const shift = graph && graph.transform.baseVal.numberOfItems
      ? graph.transform.baseVal.consolidate().matrix : { e: 0, f: 0 };
    const viewBox = (svg.dataset.viewBox || "0 0 100 100").split(/[\s,]+/).map(Number);
    const badges = new Map();
    return {
      bounds: () => ({ x: viewBox[0], y: viewBox[1], w: viewBox[2], h: viewBox[3] }),
      box(i) {
        const g = elements[i];
        if (!g || g.classList.contains("hidden")) return null;
        const b = g.getBBox();
        return { x: b.x + shift.e, y: b.y + shift.f, w: b.width, h: b.height };
      },
      element: (i) => elements[i],
      extras: () => dependents.filter(([g]) => !g.classList.contains("hidden")).map(([g]) => {
        const b = g.getBBox();
        return { x: b.x + shift.e, y: b.y + shift.f, w: b.width, h: b.height };
      }),
      cameraMoved() {},
      update() {
        elements.forEach((g, i) => {
          if (!g) return;
          g.classList.toggle("hidden", !shown[i]);
          g.classList.toggle("context", roles[i] === 2);
          g.classList.toggle("selected", i === state.selected);
          g.classList.toggle("match", matchSet.has(i));
          g.classList.toggle("current", state.matches[state.current] === i);
        });
        for (const [g, ends] of dependents) g.classList.toggle("hidden", !ends.every((e) => shown[e]));
        for (const [i, badge] of badges) if (!state.collapsed.has(i)) { badge.remove(); badges.delete(i); }
        for (const i of state.collapsed) {
          if (badges.has(i) || !elements[i]) continue;
          const b = elements[i].getBBox();
          const badge = makeBadge(i, b.x + b.width - 8, b.y - 8);
          elements[i].appendChild(badge);
          badges.set(i, badge);
        }
      },
      claimAt: () => -1,
    };
  }

  function makeBadge(i, x, y) {
    const g = document.createElementNS(SVGNS, "g");
    const text = "+" + subtree(i).length;
    const back = document.createElementNS(SVGNS, "rect");
    back.setAttribute("class", "badge-back");
    back.setAttribute("x", x - 4); back.setAttribute("y", y - 2);
    back.setAttribute("width", 8 + 7.5 * text.length); back.setAttribute("height", 18);
    back.setAttribute("rx", 8);
    const label = document.createElementNS(SVGNS, "text");
    label.setAttribute("class", "badge");
    label.setAttribute("x", x + 2); label.setAttribute("y", y + 12);
    label.textContent = text;
    g.append(back, label);
    return g;
  }

  // ---- argmap's layered layout drawn in the page (big maps) -----------------------------
  function layeredRenderer() {
    // B: each box [left, top, width, height, layer] in argmap's layered layout of the whole
    // map; P: where it is drawn now.  A view (focus, filters, collapsed claims) packs the
    // claims it shows along their layers, in the same order, so it reads as one compact
    // picture instead of a few boxes scattered over the whole map's extent.
    const B = data.boxes, DETAIL_LIMIT = 700, GAP = 16;
    let P = B.map((b) => b.slice()), arrangedVersion = -1;
    const [near, far] = { RL: ["w", "e"], LR: ["e", "w"], BT: ["n", "s"], TB: ["s", "n"] }[data.rankdir];
    const along = near === "w" || near === "e" ? 1 : 0;  // the coordinate across a layer
    function port(i, other) {
      const b = P[i], side = B[other][4] <= b[4] ? near : far;
      if (side === "w") return [b[0], b[1] + b[3] / 2];
      if (side === "e") return [b[0] + b[2], b[1] + b[3] / 2];
      if (side === "n") return [b[0] + b[2] / 2, b[1]];
      return [b[0] + b[2] / 2, b[1] + b[3]];
    }
    const segments = new Float64Array(relations.length * 4);
    function placeLines() {
      relations.forEach((r, k) => {
        let p, q;
        if (r[2] === "undercut" && r[3] !== null) {
          const a = port(r[3], r[1]), b = port(r[1], r[3]);
          q = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
          p = port(r[0], r[1]);
        } else { p = port(r[0], r[1]); q = port(r[1], r[0]); }
        segments.set([p[0], p[1], q[0], q[1]], k * 4);
      });
    }
    placeLines();
    function arrange() {
      if (arrangedVersion === shownVersion) return false;
      arrangedVersion = shownVersion;
      if (shown.every((v) => v)) P = B.map((b) => b.slice());
      else {
        const layers = new Map();
        for (let i = 0; i < n; i++) {
          if (!shown[i]) continue;
          if (!layers.has(B[i][4])) layers.set(B[i][4], []);
          layers.get(B[i][4]).push(i);
        }
        const spans = new Map();
        for (const [l, members] of layers) {
          members.sort((a, b) => B[a][along] - B[b][along]);
          let at = 0;
          for (const i of members) { P[i][along] = at; at += B[i][along + 2] + GAP; }
          spans.set(l, at - GAP);
        }
        const widest = Math.max(...spans.values());
        for (const [l, members] of layers) for (const i of members) P[i][along] += (widest - spans.get(l)) / 2;
      }
      placeLines();
      return true;
    }
    const layer = (name, cls) => {
      const g = document.createElementNS(SVGNS, name);
      g.setAttribute("class", cls);
      viewport.appendChild(g);
      return g;
    };
    const edgePaths = {};
    // A diff's relations: added or edited ones drawn thick, removed ones as grey ghosts.
    for (const rel of ["support", "rebut", "undercut"]) {
      edgePaths[rel] = layer("path", "rel rel-" + rel);
      edgePaths[rel + "-thick"] = layer("path", "rel rel-" + rel + " rel-thick");
    }
    edgePaths.removed = layer("path", "rel rel-removed");
    const heads = layer("path", "head-support");
    const junctions = layer("path", "junction");  // the dot on a relation an undercut attacks
    const overview = layer("g", "overview");
    const boxLayer = layer("g", "boxes");
    const marks = { match: layer("path", "mark mark-match"), selected: layer("path", "mark mark-selected") };
    const live = new Map();
    let pending = false;
    const wrapCache = new Map();

    function colours(c) {
      if (c.change === "removed") return [data.ghostColors[0], data.ghostColors[1], data.ghostColors[0]];
      let [fill, border] = data.sideColors[c.side || "none"] || data.sideColors.none;
      if (c.change && data.changes[c.change]) border = data.changes[c.change][1];
      const p = perspectives.get(c.perspective);
      const band = p ? p.color : "#ffffff";
      return data.colorBy === "perspective" ? [band, border, fill] : [fill, border, band];
    }
    function text(parent, cls, x, y, content) {
      const t = document.createElementNS(SVGNS, "text");
      t.setAttribute("class", "box-text " + cls);
      t.setAttribute("x", x); t.setAttribute("y", y);
      t.textContent = content;
      parent.appendChild(t);
    }
    function makeBox(i) {
      const c = claims[i], b = P[i], [fill, border, band] = colours(c);
      const g = document.createElementNS(SVGNS, "g");
      g.setAttribute("class", "claim");
      g.setAttribute("data-claim", c.id);
      g.setAttribute("data-index", i);
      g.setAttribute("tabindex", "0");
      g.setAttribute("transform", "translate(" + b[0] + " " + b[1] + ")");
      const rect = (x, y, w, h, f, s, width) => {
        const r = document.createElementNS(SVGNS, "rect");
        r.setAttribute("x", x); r.setAttribute("y", y); r.setAttribute("width", w); r.setAttribute("height", h);
        r.setAttribute("rx", 5); r.setAttribute("fill", f); r.setAttribute("stroke", s);
        r.setAttribute("stroke-width", width);
        g.appendChild(r);
      };
      rect(0, 0, b[2], b[3], fill, border, c.change && c.change !== "removed" ? 3 : c.kind === "thesis" ? 2 : 1);
      if (c.change) g.classList.add("change-" + c.change);
      if (c.kind === "thesis") rect(3, 3, b[2] - 6, b[3] - 6, "none", border, 1);
      if (c.kind === "evidence") {  // a folded corner, as Graphviz's note shape
        const fold = document.createElementNS(SVGNS, "path");
        fold.setAttribute("d", "M" + (b[2] - 10) + " 0v10h10");
        fold.setAttribute("fill", "none");
        fold.setAttribute("stroke", border);
        g.appendChild(fold);
      }
      rect(4, 4, b[2] - 8, 14, band, "none", 0);
      const head = [c.id, c.kind];
      if (c.perspective) head.push(perspectives.has(c.perspective) ? perspectives.get(c.perspective).label : c.perspective);
      text(g, "box-head", 7, 14, head.join(" \u00b7 "));
      let y = 22;
      if (c.change && data.changes[c.change]) {  // as argmap's own boxes mark a change
        const [mark, colour] = data.changes[c.change];
        y += 12;
        text(g, "box-status", 7, y, [mark, c.change_detail].filter(Boolean).join(" "));
        g.lastChild.style.fill = colour;
      }
      if (c.label) { y += 12; text(g, "box-status", 7, y, STATUS[c.label] || c.label); }
      const thesisBox = c.kind === "thesis", step = thesisBox ? 19 : 13.2;
      for (const line of wrapped(i, c.text, thesisBox ? 42 : 36)) {
        y += step;
        text(g, thesisBox ? "box-thesis" : "box-body", 7, y, line);
      }
      // The rows of argmap's own boxes (argmap.drawing.dot): tags, then one row per source.
      const small = (cls, value) => { y += 4; for (const line of wrap(value, 44)) { y += 10.8; text(g, cls, 7, y, line); } };
      if (c.tags && c.tags.length) small("box-tags", c.tags.map((t) => "#" + t).join(" "));
      for (const s of c.sources || []) small("box-source", "Source: " + ((data.sources[s] && data.sources[s].title) || s));
      if (c.strength !== undefined) { y += 12; text(g, "box-source", 7, y, "strength " + Number(c.strength).toFixed(3)); }
      if (state.collapsed.has(i)) g.appendChild(makeBadge(i, b[2] - 8, -8));
      return g;
    }
    function wrapped(i, value, width) {
      if (!wrapCache.has(i)) wrapCache.set(i, wrap(value, width));
      return wrapCache.get(i);
    }
    function draw() {
      pending = false;
      const { width, height } = { width: svg.clientWidth, height: svg.clientHeight };
      const m = 60 / cam.k;
      const x0 = -cam.x / cam.k - m, y0 = -cam.y / cam.k - m;
      const x1 = (width - cam.x) / cam.k + m, y1 = (height - cam.y) / cam.k + m;
      const inView = [];
      for (let i = 0; i < n; i++) {
        const b = P[i];
        if (shown[i] && b[0] < x1 && b[0] + b[2] > x0 && b[1] < y1 && b[1] + b[3] > y0) inView.push(i);
      }
      const detailed = inView.length <= DETAIL_LIMIT && cam.k >= 0.25;
      svg.classList.toggle("zoomed-out", !detailed);
      const d = {}, arrowheads = [];
      for (const key in edgePaths) d[key] = [];
      const tipSize = detailed ? 1 : 0;
      for (let k = 0; k < relations.length; k++) {
        if (!relationShown(k)) continue;
        const ax = segments[4 * k], ay = segments[4 * k + 1], bx = segments[4 * k + 2], by = segments[4 * k + 3];
        // Only the part in view: a dashed line far longer than the screen is slow to paint.
        const part = clip(ax, ay, bx, by, x0, y0, x1, y1);
        if (!part) continue;
        const change = relations[k][5], rel = relations[k][2];
        const key = change === "removed" ? "removed" : change ? rel + "-thick" : rel;
        d[key].push("M" + part[0].toFixed(1) + " " + part[1].toFixed(1) + "L" + part[2].toFixed(1) + " " + part[3].toFixed(1));
        if (!tipSize || part[3] !== by || part[2] !== bx) continue;
        const len = Math.hypot(bx - ax, by - ay) || 1, ux = (bx - ax) / len, uy = (by - ay) / len;
        if (rel === "support") {
          arrowheads.push("M" + bx + " " + by + "L" + (bx - 9 * ux + 4 * uy) + " " + (by - 9 * uy - 4 * ux) +
                          "L" + (bx - 9 * ux - 4 * uy) + " " + (by - 9 * uy + 4 * ux) + "Z");
        } else {
          d[key].push("M" + (bx + 5 * uy) + " " + (by - 5 * ux) + "L" + (bx - 5 * uy) + " " + (by + 5 * ux));
        }
      }
      for (const key in d) edgePaths[key].setAttribute("d", d[key].join(""));
      heads.setAttribute("d", arrowheads.join(""));
      const dots = [];
      if (tipSize) {
        for (let k = 0; k < relations.length; k++) {
          if (relations[k][2] !== "undercut" || !relationShown(k)) continue;
          const x = segments[4 * k + 2], y = segments[4 * k + 3];
          if (x >= x0 && x <= x1 && y >= y0 && y <= y1) dots.push("M" + (x - 3.5) + " " + y + "a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0");
        }
      }
      junctions.setAttribute("d", dots.join(""));
      const wanted = new Set(detailed ? inView : []);
      for (const [i, g] of live) if (!wanted.has(i)) { g.remove(); live.delete(i); }
      for (const i of wanted) if (!live.has(i)) { const g = makeBox(i); boxLayer.appendChild(g); live.set(i, g); }
      for (const [i, g] of live) {
        g.classList.toggle("context", roles[i] === 2);
        g.classList.toggle("selected", i === state.selected);
        g.classList.toggle("match", matchSet.has(i));
        g.classList.toggle("current", state.matches[state.current] === i);
      }
      overview.replaceChildren();
      if (!detailed) {
        const byFill = new Map();
        for (const i of inView) {
          const [fill, border] = colours(claims[i]), key = fill + " " + border, b = P[i];
          if (!byFill.has(key)) byFill.set(key, []);
          byFill.get(key).push("M" + b[0] + " " + b[1] + "h" + b[2] + "v" + b[3] + "h" + -b[2] + "Z");
        }
        for (const [key, parts] of byFill) {
          const p = document.createElementNS(SVGNS, "path"), [fill, border] = key.split(" ");
          p.setAttribute("fill", fill); p.setAttribute("stroke", border);
          p.setAttribute("stroke-width", Math.min(1, 1 / cam.k));
          p.setAttribute("d", parts.join(""));
          overview.appendChild(p);
        }
      }
      const outline = (list) => list.filter((i) => shown[i]).map((i) => {
        const b = P[i], pad = 3 / cam.k;
        return "M" + (b[0] - pad) + " " + (b[1] - pad) + "h" + (b[2] + 2 * pad) + "v" + (b[3] + 2 * pad) + "h" + -(b[2] + 2 * pad) + "Z";
      }).join("");
      marks.match.setAttribute("d", outline(state.matches));
      marks.selected.setAttribute("d", state.selected >= 0 ? outline([state.selected]) : "");
      marks.match.setAttribute("stroke-width", 3 / cam.k);
      marks.selected.setAttribute("stroke-width", 4 / cam.k);
    }
    const schedule = () => { if (!pending) { pending = true; requestAnimationFrame(draw); } };
    return {
      bounds: () => ({ x: 0, y: 0, w: data.size[0], h: data.size[1] }),
      box: (i) => ({ x: P[i][0], y: P[i][1], w: P[i][2], h: P[i][3] }),
      element: (i) => live.get(i),
      extras: () => [],
      cameraMoved: schedule,
      update() {
        // A claim stays where it was on the screen while the view around it changes.
        const anchor = state.selected >= 0 ? state.selected : thesis, before = P[anchor].slice();
        if (arrange() && shown[anchor]) {
          cam.x += (before[0] - P[anchor][0]) * cam.k;
          cam.y += (before[1] - P[anchor][1]) * cam.k;
          applyCamera();
        }
        for (const g of live.values()) g.remove();
        live.clear();
        draw();
      },
      drawNow: draw,
      claimAt(x, y) {
        for (let i = 0; i < n; i++) {
          const b = P[i];
          if (shown[i] && x >= b[0] && x <= b[0] + b[2] && y >= b[1] && y <= b[1] + b[3]) return i;
        }
        return -1;
      },
    };
  }

  // The part of the segment a-b inside the rectangle (Liang-Barsky), or null.
  function clip(ax, ay, bx, by, x0, y0, x1, y1) {
    let t0 = 0, t1 = 1;
    const dx = bx - ax, dy = by - ay;
    for (const [p, q] of [[-dx, ax - x0], [dx, x1 - ax], [-dy, ay - y0], [dy, y1 - ay]]) {
      if (p === 0) { if (q < 0) return null; continue; }
      const t = q / p;
      if (p < 0) { if (t > t1) return null; if (t > t0) t0 = t; }
      else { if (t < t0) return null; if (t < t1) t1 = t; }
    }
    return [t0 ? ax + t0 * dx : ax, t0 ? ay + t0 * dy : ay,
            t1 < 1 ? ax + t1 * dx : bx, t1 < 1 ? ay + t1 * dy : by];
  }

  const STATUS = { in: "\u2714 IN", out: "\u2718 OUT", undec: "? UNDECIDED" };

  function wrap(value, width) {
    const lines = [];
    for (const paragraph of String(value).split(/\r\n|\r|\n/)) {
      const words = paragraph.split(/[ \t\f\v]+/).filter(Boolean);
      let line = "";
      for (let word of words) {
        while (word.length > width) {
          if (line) { lines.push(line); line = ""; }
          lines.push(word.slice(0, width));
          word = word.slice(width);
        }
        if (!line) line = word;
        else if (line.length + 1 + word.length <= width) line += " " + word;
        else { lines.push(line); line = word; }
      }
      lines.push(line);
    }
    return lines;
  }

  // ---- selection and the details panel ---------------------------------------------------
  function element(tag, className, content) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (content !== undefined && content !== null) e.textContent = String(content);
    return e;
  }
  function label(i) {
    const text = claims[i].text;
    return text.length > 120 ? text.slice(0, 117) + "\u2026" : text;
  }
  function perspectiveName(c) {
    return c.perspective ? (perspectives.has(c.perspective) ? perspectives.get(c.perspective).label : c.perspective) : null;
  }
  function goButton(i) {
    const button = element("button", "go", label(i));
    button.type = "button";
    button.dataset.target = String(i);
    button.addEventListener("click", () => { reveal(i); select(i, true); });
    return button;
  }
  function httpUrl(value) {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) { return null; }
  }
  function section(title, body) {
    panel.append(element("h3", null, title), body);
  }

  function renderPanel() {
    panel.replaceChildren();
    const i = state.selected;
    if (i < 0) { panel.hidden = true; return; }
    const c = claims[i];
    panel.hidden = false;
    const close = element("button", "close", "\u00d7");
    close.type = "button";
    close.title = "Close (Esc)";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", () => select(-1));
    const meta = [c.id, c.kind];
    if (c.side) meta.push(c.side);
    if (perspectiveName(c)) meta.push(perspectiveName(c));
    panel.append(close, element("p", "meta", meta.join(" \u00b7 ")), element("p", "claim-text", c.text));
    const facts = [];
    if (c.label) facts.push(({ in: "IN: stands", out: "OUT: defeated", undec: "UNDECIDED" })[c.label] || c.label);
    if (c.strength !== undefined) facts.push("strength " + Number(c.strength).toFixed(3));
    if (c.weight !== undefined) facts.push("base weight " + c.weight);
    if (c.change) facts.unshift([c.change, c.change_detail].filter(Boolean).join(": "));
    if (facts.length) panel.append(element("p", "status", facts.join(" \u00b7 ")));
    if (c.tags && c.tags.length) {
      const tags = element("div", "tags");
      for (const t of c.tags) tags.append(element("span", "tag", t));
      section("Tags", tags);
    }
    if (c.note) section("Note", element("div", "note", c.note));
    if (c.quotes && c.quotes.length) {
      const list = element("ul", "quotes");
      for (const [text, sid] of c.quotes) {
        const item = element("li");
        item.append(element("q", null, text));
        if (sid) item.append(element("span", "quote-source", " \u2014 " + ((data.sources[sid] && data.sources[sid].title) || sid)));
        list.append(item);
      }
      section("Quotes", list);
    }
    if (c.sources && c.sources.length) {
      const list = element("ul", "sources");
      for (const sid of c.sources) {
        const s = data.sources[sid] || { title: sid };
        const item = element("li");
        item.append(element("strong", null, s.title || sid));
        const byline = [s.author, s.publisher, s.date].filter(Boolean).join(", ");
        if (byline) item.append(element("span", null, " \u2014 " + byline));
        if (s.url) {
          item.append(document.createElement("br"));
          const href = httpUrl(s.url);
          if (href) {
            const a = element("a", null, s.url);
            a.href = href;
            a.rel = "noopener noreferrer";
            a.target = "_blank";
            item.append(a);
          } else item.append(element("span", "url", s.url));
        }
        if (s.note) item.append(element("div", "note", s.note));
        list.append(item);
      }
      section("Sources", list);
    }
    const relationList = (ks, mine) => {
      const list = element("ul", "relations");
      for (const k of ks) {
        const r = relations[k], item = element("li", "rel-" + r[2]);
        if (mine && r[2] === "undercut" && r[3] !== null) {
          item.append(element("div", "relation", "undercuts the inference from"), goButton(r[3]),
                      element("div", "relation", "to"), goButton(r[1]));
        } else if (mine) {
          item.append(element("div", "relation", r[2] + "s"), goButton(r[1]));
          for (const u of undercutters.get(i + ">" + r[1]) || []) {
            item.append(element("div", "relation", "this inference is undercut by"), goButton(relations[u][0]));
          }
        } else if (r[2] === "undercut" && r[3] !== null) {
          item.append(element("div", "relation", "undercuts its inference from"), goButton(r[3]),
                      element("div", "relation", "by"), goButton(r[0]));
        } else {
          item.append(element("div", "relation", r[2] + "s it"), goButton(r[0]));
        }
        if (r[4]) item.append(element("div", "note", r[4]));
        list.append(item);
      }
      return list;
    };
    if (outgoing[i].length) section("Argues about", relationList(outgoing[i], true));
    if (incoming[i].length) section("Argued about by", relationList(incoming[i], false));
    const actions = element("div", "actions");
    const button = (text, action) => {
      const b = element("button", null, text);
      b.type = "button";
      b.addEventListener("click", action);
      actions.append(b);
      return b;
    };
    button("Focus here", () => setFocus({ claim: i, depth: depth() }));
    if (children[i].length) {
      const folded = state.collapsed.has(i);
      button(folded ? "Expand (+" + subtree(i).length + ")" : "Collapse " + subtree(i).length + " below", () => {
        if (folded) state.collapsed.delete(i); else state.collapsed.add(i);
        refresh();
        renderPanel();
      }).className = "collapse";
    }
    button("Centre", () => centreClaim(i));
    panel.append(actions);
  }

  function select(i, centre) {
    state.selected = i;
    renderPanel();
    drawing.update();
    if (i >= 0 && centre) centreClaim(i);
    try {
      history.replaceState(null, "", i >= 0 ? "#claim=" + encodeURIComponent(claims[i].id) : location.pathname + location.search);
    } catch (e) { /* some file: URLs refuse state changes; the selection still works */ }
  }
  function centreClaim(i) {
    const box = drawing.box(i);
    if (box) centreOn(box, readableScale());
  }
  function unfold(i) {  // expand every collapsed claim above i
    let changed = false;
    for (let p = data.parent[i]; p >= 0; p = data.parent[p]) changed = state.collapsed.delete(p) || changed;
    if (changed) computeShown();
  }
  function reveal(i) {  // whatever it takes to show i: unfold it, move the focus, clear filters
    if (shown[i]) return;
    unfold(i);
    if (!shown[i] && state.focus) { setFocus({ claim: i, depth: state.focus.depth }, true); computeShown(); }
    if (!shown[i]) { state.excluded = {}; buildFilters(); }
    refresh();
  }

  // ---- search ------------------------------------------------------------------------------
  const search = $("search");
  let haystack = null, matchSet = new Set();
  function runSearch() {
    const query = search.value.trim().toLowerCase();
    if (!haystack) haystack = claims.map((c) => (c.text + "\n" + c.id + "\n" + (c.tags || []).join("\n")).toLowerCase());
    state.matches = [];
    // Every claim in the view matches, collapsed ones too: stepping to one unfolds it.
    if (query) for (let i = 0; i < n; i++) if (roles[i] && haystack[i].includes(query)) state.matches.push(i);
    matchSet = new Set(state.matches);
    state.current = -1;
    $("search-count").textContent = query ? state.matches.length + (state.matches.length === 1 ? " match" : " matches") : "";
    drawing.update();
  }
  function step(by) {
    if (!state.matches.length) return;
    state.current = (state.current + by + state.matches.length) % state.matches.length;
    $("search-count").textContent = (state.current + 1) + " of " + state.matches.length;
    const i = state.matches[state.current];
    if (!shown[i]) { unfold(i); historyButtons(); }
    drawing.update();
    centreClaim(i);
  }
  let searchTimer = 0;
  search.addEventListener("input", () => {
    clearTimeout(searchTimer);
    if (n > 3000) searchTimer = setTimeout(runSearch, 120); else runSearch();
  });
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") { e.preventDefault(); clearTimeout(searchTimer); if (!haystack || searchTimer) runSearch(); step(e.shiftKey ? -1 : 1); searchTimer = 0; }
    else if (e.key === "Escape") { search.value = ""; runSearch(); }
  });
  $("search-next").addEventListener("click", () => step(1));
  $("search-prev").addEventListener("click", () => step(-1));

  // ---- filters, focus, history ---------------------------------------------------------------
  function buildFilters() {
    const groups = $("filter-groups");
    groups.replaceChildren();
    const names = { perspective: "Perspective", side: "Side", kind: "Kind", tag: "Tag", change: "Change" };
    for (const facet in names) {
      const values = new Set();
      for (const c of claims) if (c.kind !== "thesis") for (const v of facets[facet](c)) values.add(v);
      if (values.size < 2 && !(facet === "tag" && values.size === 1 && !values.has(""))) continue;
      const set = new Fieldset(facet, names[facet]);
      for (const v of values) set.add(v, facet === "perspective" && perspectives.has(v) ? perspectives.get(v).label : v);
      groups.append(set.element);
    }
  }
  function Fieldset(facet, title) {
    this.element = element("fieldset");
    this.element.dataset.facet = facet;
    this.element.append(element("legend", null, title));
    this.add = (value, text) => {
      const box = element("input");
      box.type = "checkbox";
      box.value = value;
      box.checked = !(state.excluded[facet] && state.excluded[facet].has(value));
      box.addEventListener("change", () => {
        if (!state.excluded[facet]) state.excluded[facet] = new Set();
        if (box.checked) state.excluded[facet].delete(value); else state.excluded[facet].add(value);
        refresh();
      });
      const row = element("label");
      row.append(box, document.createTextNode(" " + (value === "" ? "(none)" : text)));
      this.element.append(row);
    };
  }
  function depth() { return Number($("focus-depth").value); }
  function setFocus(focus, quiet) {
    past.push(state.focus);
    future.length = 0;
    state.focus = focus;
    if (!quiet) { refresh(); fitShown(); }
    historyButtons();
  }
  function historyButtons() {
    $("back").disabled = !past.length;
    $("forward").disabled = !future.length;
    $("show-all").disabled = !state.focus && !state.collapsed.size && !Object.values(state.excluded).some((s) => s.size);
  }
  function travel(from, to) {
    if (!from.length) return;
    to.push(state.focus);
    state.focus = from.pop();
    if (state.focus) $("focus-depth").value = String(state.focus.depth);
    refresh();
    fitShown();
  }
  $("focus").addEventListener("click", () => setFocus({ claim: state.selected >= 0 ? state.selected : thesis, depth: depth() }));
  $("focus-depth").addEventListener("change", () => { if (state.focus) setFocus({ claim: state.focus.claim, depth: depth() }); });
  $("back").addEventListener("click", () => travel(past, future));
  $("forward").addEventListener("click", () => travel(future, past));
  $("show-all").addEventListener("click", () => {
    if (state.focus) { past.push(state.focus); future.length = 0; }
    state.focus = null;
    state.collapsed.clear();
    state.excluded = {};
    buildFilters();
    refresh();
    fitShown();
  });

  function refresh() {
    computeShown();
    if (state.selected >= 0 && !shown[state.selected]) { state.selected = -1; renderPanel(); }
    runSearch();
    historyButtons();
  }

  // ---- pointer, wheel, keyboard --------------------------------------------------------------
  const pointers = new Map();
  let press = null;
  function local(e) {
    const r = svg.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }
  svg.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    svg.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, local(e));
    press = pointers.size === 1 ? { target: e.target, at: local(e), moved: 0 } : null;
    svg.classList.add("dragging");
  });
  svg.addEventListener("pointermove", (e) => {
    if (!pointers.has(e.pointerId)) return;
    const before = pointers.get(e.pointerId), now = local(e);
    if (pointers.size === 1) {
      cam.x += now[0] - before[0];
      cam.y += now[1] - before[1];
      if (press) press.moved += Math.abs(now[0] - before[0]) + Math.abs(now[1] - before[1]);
      pointers.set(e.pointerId, now);
      applyCamera();
    } else if (pointers.size === 2) {
      const other = [...pointers].find(([id]) => id !== e.pointerId)[1];
      const d0 = Math.hypot(before[0] - other[0], before[1] - other[1]) || 1;
      const d1 = Math.hypot(now[0] - other[0], now[1] - other[1]) || 1;
      pointers.set(e.pointerId, now);
      cam.x += (now[0] - before[0]) / 2;
      cam.y += (now[1] - before[1]) / 2;
      zoomAt(d1 / d0, (now[0] + other[0]) / 2, (now[1] + other[1]) / 2);
    }
  });
  function release(e) {
    if (!pointers.delete(e.pointerId)) return;
    if (!pointers.size) svg.classList.remove("dragging");
    if (press && e.type === "pointerup" && press.moved < 6) activate(press.target, press.at);
    press = null;
  }
  svg.addEventListener("pointerup", release);
  svg.addEventListener("pointercancel", release);
  function activate(target, at) {
    const g = target && target.closest ? target.closest("[data-index]") : null;
    if (g && svg.contains(g)) { select(Number(g.dataset.index), false); return; }
    const i = drawing.claimAt((at[0] - cam.x) / cam.k, (at[1] - cam.y) / cam.k);
    if (i >= 0) select(i, true);
    else select(-1);
  }
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const at = local(e), unit = e.deltaMode === 1 ? 0.05 : e.deltaMode === 2 ? 1 : 0.0025;
    zoomAt(Math.exp(-e.deltaY * unit), at[0], at[1]);
  }, { passive: false });
  svg.addEventListener("dblclick", (e) => { const at = local(e); zoomAt(2, at[0], at[1]); });
  const centreOfScreen = () => { const s = screenSize(); return [s.width / 2, s.height / 2]; };
  $("zoom-in").addEventListener("click", () => zoomAt(1.4, ...centreOfScreen()));
  $("zoom-out").addEventListener("click", () => zoomAt(1 / 1.4, ...centreOfScreen()));
  $("fit").addEventListener("click", () => fitShown());
  document.addEventListener("keydown", (e) => {
    const typing = e.target && /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName);
    if (e.altKey && e.key === "ArrowLeft") { travel(past, future); e.preventDefault(); return; }
    if (e.altKey && e.key === "ArrowRight") { travel(future, past); e.preventDefault(); return; }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    const claim = e.target && e.target.closest ? e.target.closest("#map [data-index]") : null;
    if (claim && (e.key === "Enter" || e.key === " ")) {  // claims are reachable with Tab
      select(Number(claim.dataset.index), true);
      e.preventDefault();
      return;
    }
    const pan = { ArrowLeft: [80, 0], ArrowRight: [-80, 0], ArrowUp: [0, 80], ArrowDown: [0, -80] }[e.key];
    if (pan) { cam.x += pan[0]; cam.y += pan[1]; applyCamera(); }
    else if (e.key === "+" || e.key === "=") zoomAt(1.25, ...centreOfScreen());
    else if (e.key === "-" || e.key === "_") zoomAt(0.8, ...centreOfScreen());
    else if (e.key === "0") fitShown();
    else if (e.key === "/") search.focus();
    else if (e.key === "Escape") select(-1);
    else return;
    e.preventDefault();
  });
  svg.addEventListener("focusin", (e) => {  // a claim reached with Tab comes into view
    const g = e.target.closest ? e.target.closest("[data-index]") : null;
    const box = g && drawing.box(Number(g.dataset.index));
    if (!box) return;
    const { width, height } = screenSize();
    const left = box.x * cam.k + cam.x, top = box.y * cam.k + cam.y;
    if (left < 0 || top < 0 || left + box.w * cam.k > width || top + box.h * cam.k > height) {
      centreOn(box, readableScale());
    }
  });
  window.addEventListener("resize", () => drawing.cameraMoved());
  window.addEventListener("hashchange", () => openFromHash(true));

  function openFromHash(centre) {
    const match = /^#claim=(.*)$/.exec(location.hash);
    if (!match) return false;
    let id;
    try { id = decodeURIComponent(match[1]); } catch (e) { return false; }
    if (!indexOf.has(id)) return false;
    const i = indexOf.get(id);
    reveal(i);
    select(i, centre);
    return true;
  }

  // ---- legend for the page's own drawing ------------------------------------------------------
  function buildLegend() {
    const legend = $("legend");
    const row = (color, text, border) => {
      const r = element("div");
      const swatch = element("span", "swatch");
      swatch.style.background = color;
      if (border) swatch.style.borderColor = border;
      r.append(swatch, element("span", null, text));
      legend.append(r);
    };
    legend.append(element("strong", null, "Legend"));
    if (data.colorBy === "perspective") for (const [, p] of perspectives) row(p.color, p.label);
    else {
      row(data.sideColors.pro[0], "pro: supports the thesis", data.sideColors.pro[1]);
      row(data.sideColors.con[0], "con: opposes it", data.sideColors.con[1]);
    }
    row("#1b7837", "\u2014\u25b6 supports");
    row("#b2182b", "- - \u22a3 rebuts");
    row("#7b3294", "\u00b7\u00b7\u00b7\u22a3 undercuts a relation");
    const changed = new Set(claims.map((c) => c.change).concat(relations.map((r) => r[5])));
    for (const change in data.changes) {
      if (changed.has(change)) row(change === "removed" ? data.ghostColors[0] : "#ffffff", data.changes[change][0], data.changes[change][1]);
    }
    legend.hidden = false;
  }

  // ---- live preview (argmap serve) --------------------------------------------------------------
  const SAVED = "argmap-view";
  function saveView() {
    sessionStorage.setItem(SAVED, JSON.stringify({
      cam, selected: state.selected >= 0 ? claims[state.selected].id : null, query: search.value,
      focus: state.focus ? { claim: claims[state.focus.claim].id, depth: state.focus.depth } : null,
      collapsed: [...state.collapsed].map((i) => claims[i].id),
      excluded: Object.fromEntries(Object.entries(state.excluded).map(([facet, out]) => [facet, [...out]])),
    }));
  }
  function restoreView() {
    let saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(SAVED) || "null"); } catch (e) { saved = null; }
    sessionStorage.removeItem(SAVED);
    if (!saved) return false;
    if (saved.focus && indexOf.has(saved.focus.claim)) state.focus = { claim: indexOf.get(saved.focus.claim), depth: saved.focus.depth };
    search.value = saved.query || "";
    for (const id of saved.collapsed || []) if (indexOf.has(id)) state.collapsed.add(indexOf.get(id));
    for (const [facet, out] of Object.entries(saved.excluded || {})) if (facet in facets) state.excluded[facet] = new Set(out);
    buildFilters();
    refresh();
    Object.assign(cam, saved.cam);
    applyCamera();
    if (saved.selected !== null && indexOf.has(saved.selected)) select(indexOf.get(saved.selected), false);
    return true;
  }
  function followServer() {
    const events = new EventSource("/events?generation=" + data.live.generation);
    const banner = $("live-error");
    events.addEventListener("reload", () => { saveView(); location.reload(); });
    events.addEventListener("problem", (e) => { banner.textContent = e.data; banner.hidden = false; });
  }

  // ---- start -------------------------------------------------------------------------------------
  $("title").textContent = data.title || document.title;  // verbatim: not parsed as markup
  drawing = layered ? layeredRenderer() : svgRenderer();
  const whole = drawing.bounds();
  minZoom = Math.min(0.5, fitScale(whole) / 2);
  if (data.foldBelow) {  // a big map opens folded around the thesis: expand on demand
    const depth = new Array(n).fill(0);
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let p = data.parent[i]; p >= 0 && d <= data.foldBelow; p = data.parent[p]) d++;
      depth[i] = d;
    }
    for (let i = 0; i < n; i++) if (depth[i] === data.foldBelow && children[i].length) state.collapsed.add(i);
  }
  computeShown();
  buildFilters();
  historyButtons();
  if (layered && data.legend) buildLegend();
  const restored = data.live && restoreView();
  if (!restored && !openFromHash(true)) {
    if (fitScale(whole) >= 0.55) fit(whole);
    else {
      // The thesis at a readable size near its edge of the screen, its arguments beside it.
      const box = drawing.box(thesis), { width, height } = screenSize();
      centreOn(box, 1);
      if (data.rankdir === "RL") cam.x = Math.min(cam.x, 30 - box.x);
      if (data.rankdir === "LR") cam.x = Math.max(cam.x, width - 30 - (box.x + box.w));
      if (data.rankdir === "BT") cam.y = Math.min(cam.y, 30 - box.y);
      if (data.rankdir === "TB") cam.y = Math.max(cam.y, height - 30 - (box.y + box.h));
      applyCamera();
    }
  }
  drawing.update();
  if (data.live) followServer();
  document.documentElement.setAttribute("data-ready", String(Math.round(performance.now())));
})();
