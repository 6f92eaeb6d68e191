// signal's search: it reads the index of internal/search/doc.go.

const root = new URL(".", import.meta.url); // the site, under base_url's path
const dir = new URL("search/", root);
const page = 10; // results shown at a time
const maxExpansions = 8; // terms a prefix may stand for
const prefixFactor = 0.75; // a completion's weight: see doc.go

let segmenter;
const segment = (text) => (segmenter ??= new Intl.Segmenter("und", { granularity: "word" })).segment(text);
const unspacedRE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const wordRE = /[\p{L}\p{N}]/u;
const marksRE = /[\p{Mn}\p{Me}]/gu;
const diacriticRanges = [
  [0x300, 0x36f], [0x483, 0x489], [0x591, 0x5c7], [0x610, 0x61a], [0x64b, 0x65f],
  [0x670, 0x670], [0x6d6, 0x6ed], [0x1ab0, 0x1aff], [0x1dc0, 0x1dff], [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
];

function diacritic(ch) {
  const c = ch.codePointAt(0);
  return diacriticRanges.some(([lo, hi]) => lo <= c && c <= hi);
}

// fold is search.Fold: NFKD, diacritics dropped, case folded, NFC, and
// apostrophes dropped with an English possessive.
export function fold(w) {
  if (plainRE.test(w) && !w.includes("…")) return apostrophes(w.toLowerCase());
  w = w.normalize("NFKD").replace(marksRE, (m) => (diacritic(m) ? "" : m));
  // toLowerCase is full case folding but for these.
  return apostrophes(w.toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ").replace(/[łøđħ]/g, (c) => "lodh"["łøđħ".indexOf(c)]).normalize("NFC"));
}

const asciiRE = /^[\x00-\x7f]*$/;
const plainRE = /^[\x00-\x7f‘’“”–—…]*$/; // no letters but ASCII ones (… folds to ...)
const apostrophes = (w) => (/['’]/.test(w) ? w.replace(/^(.+)['’]s$/, "$1").replace(/['’]/g, "") : w);

// pairs turns a run of an unspaced script into overlapping pairs.
function pairs(run, out) {
  const cs = [...fold(run)];
  if (cs.length === 1) out.push(cs[0]);
  for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]);
}

// tokens is search.Tokens: text cut at spaces, each ASCII piece by
// asciiWords, any other by the segmenter.
export function tokens(text) {
  const out = [];
  for (const piece of text.split(/[ \n\t\r\f\v]+/)) {
    if (!piece) continue;
    if (asciiRE.test(piece)) {
      asciiWords(piece, (from, to) => {
        const t = fold(piece.slice(from, to));
        if (t) out.push(t);
      });
    } else {
      segmentTokens(piece, out);
    }
  }
  return out;
}

const dotsRE = /:|(?<!\p{Nd})\.|\.(?!\p{Nd})/u; // not a . between digits

function segmentTokens(text, out) {
  let run = "";
  let runEnd = -1;
  for (const { segment: w, index } of segment(text)) {
    if (unspacedRE.test(String.fromCodePoint(w.codePointAt(0)))) {
      if (run && index !== runEnd) {
        pairs(run, out);
        run = "";
      }
      run += w;
      runEnd = index + w.length;
      continue;
    }
    if (run) {
      pairs(run, out);
      run = "";
    }
    // Cut at . and : as search.splitDots does: ICUs differ.
    for (const piece of w.split(dotsRE)) {
      if (wordRE.test(piece)) {
        const t = fold(piece);
        if (t) out.push(t);
      }
    }
  }
  if (run) pairs(run, out);
}

// asciiWords is search.asciiWords: it calls word(from, to) for each word
// of ASCII text without spaces, cut as UAX #29 cuts it, but at dots.
const LETTER = 1, DIGIT = 2, JOINER = 4, MIDL = 8, MIDN = 16, INWORD = LETTER | DIGIT | JOINER;
const asciiClass = new Uint8Array(128);
for (let c = 0; c < 26; c++) asciiClass[97 + c] = asciiClass[65 + c] = LETTER;
for (let c = 48; c <= 57; c++) asciiClass[c] = DIGIT;
asciiClass[95] = JOINER; // _
asciiClass[39] = MIDL | MIDN; // '
for (const c of ".,;") asciiClass[c.charCodeAt(0)] = MIDN;

function asciiWords(text, word) {
  const n = text.length;
  for (let i = 0; i < n; ) {
    while (i < n && !(asciiClass[text.charCodeAt(i)] & INWORD)) i++;
    const start = i;
    let seen = 0;
    while (i < n) {
      const c = asciiClass[text.charCodeAt(i)];
      if (!(c & INWORD)) {
        if (i + 1 === n || !(c & (MIDL | MIDN))) break;
        const both = asciiClass[text.charCodeAt(i - 1)] & asciiClass[text.charCodeAt(i + 1)];
        if (!((c & MIDL && both & LETTER) || (c & MIDN && both & DIGIT))) break;
      }
      seen |= c;
      i++;
    }
    if (seen & (LETTER | DIGIT)) word(start, i);
  }
}

// words cuts text into pieces, each with whether it is a word.
const wordPieceRE = /(?:[\p{L}\p{M}\p{N}_]|(?<=\p{L})['‘’](?=\p{L})|(?<=\p{N})[.,;'‘’](?=\p{N}))+/gu;
function* words(text, plain) {
  if (!plain && unspacedRE.test(text)) {
    let run = "";
    for (const { segment: w, isWordLike } of segment(text)) {
      if (isWordLike && unspacedRE.test(w)) {
        run += w;
        continue;
      }
      if (run) yield [run, true], (run = "");
      yield [w, isWordLike];
    }
    if (run) yield [run, true];
    return;
  }
  const out = [];
  let at = 0;
  const word = (from, to) => {
    if (from > at) out.push([text.slice(at, from), false]);
    out.push([text.slice(from, to), true]);
    at = to;
  };
  if (plain) asciiWords(text.replace(/[‘’]/g, "'"), word);
  else for (const m of text.matchAll(wordPieceRE)) word(m.index, m.index + m[0].length);
  if (at < text.length) out.push([text.slice(at), false]);
  yield* out;
}

const utf8 = new TextEncoder();
const hex = (s) => Array.from(utf8.encode(s), (b) => b.toString(16).padStart(2, "0")).join("");

function shardKey(term) {
  const cs = [...term];
  return !asciiRE.test(cs[0]) && unspacedRE.test(cs[0]) ? cs[0] : cs.slice(0, 2).join("");
}

// Two builds' files must never mix: meta.json, shards and postings are
// fetched with no-cache, the rest with its version.
const current = { cache: "no-cache" };

// The page may have asked for its URL's files (search-early.html).
const asked = globalThis.signalSearchEarly || new Map();
const take = (url) => asked.get(url.href);

let metaFile;
const fetchMeta = (url = new URL("meta.json", dir)) => take(url) || fetch(url, current).then((r) => r.json());
const meta = () => (metaFile ??= fetchMeta());
const files = new Map(); // name → promise of its contents, or null when missing

// changed reports whether the site was rebuilt, dropping the old files.
async function changed() {
  const [was, now] = await Promise.all([meta(), fetchMeta()]);
  if (now.version === was.version) return false;
  files.clear();
  shards.clear();
  known = new Map();
  metaFile = Promise.resolve(now);
  return true;
}

// fetchFile fetches a file of the index, or a range of it, once.
function fetchFile(name, kind, current, range) {
  if (!files.has(name)) {
    const url = new URL(name, dir);
    const response = () => current ? fetch(url, current) : meta().then((m) => {
      url.search = "v=" + m.version;
      return fetch(url, range && { headers: { range } });
    });
    files.set(name, (current && take(url)) || response().then((r) => (r.ok ? (kind === "json" ? r.json() : r.arrayBuffer()) : null)).then(
      (v) => (v instanceof ArrayBuffer ? new Uint8Array(v) : v),
      () => null,
    ));
  }
  return files.get(name);
}

class Reader {
  constructor(b) {
    this.b = b;
    this.p = 0;
  }
  varint() {
    let v = 0;
    let shift = 1;
    for (;;) {
      const c = this.b[this.p++];
      v += (c & 0x7f) * shift;
      if (c < 0x80) return v;
      shift *= 128;
    }
  }
  ids(n) {
    const kind = this.b[this.p++];
    const count = this.varint();
    const ids = new Int32Array(count);
    if (kind === 0) {
      let id = -1;
      for (let i = 0; i < count; i++) ids[i] = id += this.varint();
    } else {
      let k = 0;
      const end = this.p + ((n + 7) >> 3);
      for (let byte = this.p; byte < end; byte++) {
        for (let bits = this.b[byte]; bits; bits &= bits - 1) {
          ids[k++] = ((byte - this.p) << 3) + (31 - Math.clz32(bits & -bits));
        }
      }
      this.p = end;
    }
    return ids;
  }
}

// A score byte q means (q/255)².
const scoreOf = new Float64Array(256).map((_, q) => (q / 255) ** 2);

// A file of postings ends with its term's first page of records: they go
// to the map of the build that asked.
let known = new Map(); // id → record
function decodePostings(b, n, into) {
  const r = new Reader(b);
  const ids = r.ids(n);
  const scores = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) scores[i] = scoreOf[b[r.p + i]];
  r.p += ids.length;
  try {
    if (r.p < b.length) for (const [id, rec] of JSON.parse(new TextDecoder().decode(b.subarray(r.p)))) into.set(id, rec);
  } catch {}
  return { ids, scores };
}

// shard returns a key's dictionary shard: term → {df, inline postings}.
const shards = new Map();
function shard(key) {
  if (!shards.has(key)) {
    shards.set(key, fetchFile("t/" + hex(key) + ".bin", "bytes", current).then((b) => {
      const dict = new Map();
      if (!b) return dict;
      const r = new Reader(b);
      const text = new TextDecoder();
      while (r.p < b.length) {
        const len = r.varint();
        const term = text.decode(b.subarray(r.p, r.p + len));
        r.p += len;
        const df = r.varint();
        const ref = r.varint();
        let inline = null;
        if ((ref & 1) === 0) {
          inline = b.subarray(r.p, r.p + ref / 2);
          r.p += ref / 2;
        }
        dict.set(term, { df, inline });
      }
      return dict;
    }));
  }
  return shards.get(key);
}

const postingsFile = (term) => fetchFile("p/" + hex(term) + ".bin", "bytes", current);
async function postings(term, entry, n) {
  const into = known;
  const b = entry.inline || (await postingsFile(term));
  return b ? decodePostings(b, n, into) : { ids: new Int32Array(0), scores: new Float64Array(0) };
}

// word returns the ids and scores of the digests that match a word, or as
// the prefix typed, the most frequent terms it starts.
async function word(term, prefix, n) {
  const dict = await shard(shardKey(term));
  let terms = dict.has(term) ? [term] : [];
  if (prefix) {
    const more = [...dict.keys()].filter((t) => t !== term && t.startsWith(term));
    more.sort((a, b) => dict.get(b).df - dict.get(a).df || (a < b ? -1 : 1));
    terms = terms.concat(more.slice(0, maxExpansions - terms.length));
  }
  const lists = await Promise.all(terms.map((t) => postings(t, dict.get(t), n)));
  if (lists.length === 1 && terms[0] === term) return lists[0];
  // The word and its completions are one term, of their idf together.
  const dfAll = Math.min(n, terms.reduce((sum, t) => sum + dict.get(t).df, 0));
  const acc = new Float64Array(n);
  lists.forEach((l, k) => {
    const f = ((terms[k] === term ? 1 : prefixFactor) * idf(n, dfAll)) / idf(n, dict.get(terms[k]).df);
    for (let i = 0; i < l.ids.length; i++) acc[l.ids[i]] = Math.max(acc[l.ids[i]], l.scores[i] * f);
  });
  const ids = [];
  const scores = [];
  for (let id = 0; id < n; id++) if (acc[id] > 0) ids.push(id), scores.push(acc[id]);
  return { ids: Int32Array.from(ids), scores: Float64Array.from(scores) };
}

function idf(n, df) {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function intersect(a, b) {
  const ids = new Int32Array(Math.min(a.ids.length, b.ids.length));
  const scores = new Float64Array(ids.length);
  let k = 0;
  for (let i = 0, j = 0; i < a.ids.length && j < b.ids.length; ) {
    if (a.ids[i] < b.ids[j]) i++;
    else if (a.ids[i] > b.ids[j]) j++;
    else (ids[k] = a.ids[i]), (scores[k++] = a.scores[i++] + b.scores[j++]);
  }
  return { ids: ids.subarray(0, k), scores: scores.subarray(0, k) };
}

async function facet(tax, slug, n) {
  const b = await fetchFile("facet/" + tax + "/" + encodeURIComponent(slug) + ".bin");
  const ids = b ? new Reader(b).ids(n) : new Int32Array(0);
  return { ids, scores: new Float64Array(ids.length) };
}

// query returns the first page of matching ids, their total, and all():
// every word must match, the last one as a prefix while it is typed;
// scores add up, ties go to the newest digest (the smallest id).
export async function query(q, filters, typing = true, whole = false) {
  const terms = [...new Set(tokens(q))];
  // A lone letter typed after words is no word yet.
  if (typing && terms[1] && single(terms.at(-1)) && !unspacedRE.test(terms.at(-1))) terms.pop();
  if (terms.some((t) => utf8.encode(t).length > 64)) return { terms, prefix: "", ids: [], total: 0 };
  // A page may outlive its build: later queries ask.
  const stale = metaFile ? changed() : (meta(), false);
  const last = terms.length - 1;
  for (const t of terms) shard(shardKey(t)); // beside meta.json
  // The postings of a whole word too (a rare one has none).
  terms.forEach((t, i) => (whole || !typing || i < last) && postingsFile(t));
  if (await stale) return query(q, filters, typing);
  const m = await meta();
  const lists = await Promise.all([
    ...terms.map((t, i) => word(t, typing && i === last, m.docs)),
    ...Object.entries(filters).filter(([, v]) => v).map(([tax, v]) => facet(tax, v, m.docs)),
  ]);
  const prefix = typing && last >= 0 ? terms[last] : "";
  if (lists.length === 0) return { terms, prefix, ids: [], total: 0 };
  lists.sort((a, b) => a.ids.length - b.ids.length);
  const all = lists.reduce(intersect);
  const better = (i, j) => all.scores[j] - all.scores[i] || all.ids[i] - all.ids[j];
  // The first page is picked out; the rest is sorted when asked for.
  const first = [];
  for (let i = 0; i < all.ids.length; i++) {
    if (first.length === page && better(i, first[page - 1]) > 0) continue;
    first.push(i);
    first.sort(better);
    if (first.length > page) first.pop();
  }
  const ids = (order) => order.map((i) => all.ids[i]);
  return { terms, prefix, ids: ids(first), total: all.ids.length, all: () => ids(Array.from(all.ids.keys()).sort(better)) };
}

// record returns a digest's record, as doc.go lists its fields.
export async function record(id) {
  if (known.has(id)) return known.get(id);
  const m = await meta();
  const chunk = await fetchFile("r/" + Math.floor(id / m.chunk) + ".json", "json");
  return chunk && chunk[id % m.chunk];
}

// body returns the text of a digest's body, for a snippet (doc.go).
export async function body(id, [, , , , , , , , , at, size]) {
  const m = await meta();
  const b = size && (await fetchFile(`b/${Math.floor(id / m.bodies)}.txt#${at}`, "bytes", 0, `bytes=${at}-${at + size - 1}`));
  return b ? new TextDecoder().decode(b.length > size ? b.subarray(at, at + size) : b) : "";
}

const months = ["January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December"];
const stanceIcon = { bullish: "▲", bearish: "▼", mixed: "◆", neutral: "●" };
const meter = { low: "●○○", medium: "●●○", high: "●●●" };
const title = (s) => s.charAt(0).toUpperCase() + s.slice(1);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  e.append(...children.filter((c) => c != null));
  return e;
}

// hit reports whether a word matches a term: is it, or starts it as the
// prefix typed (of two letters or more), or so does a part the index
// holds (pieces joined by _, "l’Union": union).
const single = (t) => [...t].length === 1;
const elidedRE = /^\p{L}{1,4}['’](\p{L}{3,})$/u;
function hit(w, terms, prefix) {
  const f = fold(w);
  const parts = f.includes("_") ? f.split("_") : [];
  const e = /['’]/.test(w) && elidedRE.exec(w);
  if (e) parts.push(fold(e[1]));
  return terms.some((t) => [f, ...parts].some((p) => p === t || (t === prefix && !single(t) && p.startsWith(t))));
}

// pieces cuts text into pieces, each with whether it matches: a word hit
// finds, or in an unspaced run, a pair of the query.
function* pieces(text, terms, prefix) {
  // Plain text without a term in it needs no cutting.
  const plain = plainRE.test(text);
  const low = plain && text.toLowerCase().replace(/['’]/g, "");
  if (plain && !terms.some((t) => low.includes(t))) return yield [text, false];
  for (const [w, isWord] of words(text, plain)) {
    if (!isWord) yield [w, false];
    else if (!plain && unspacedRE.test(w)) yield* pairPieces(w, terms);
    else yield [w, hit(w, terms, prefix)];
  }
}

function* pairPieces(run, terms) {
  const cs = [...run];
  const folded = cs.map(fold);
  const on = cs.map(() => false);
  for (const t of terms) {
    const tc = [...t];
    if (tc.length > 2 || !unspacedRE.test(t)) continue; // ー starts pairs too
    for (let i = 0; i + tc.length <= cs.length; i++) {
      if (folded[i] === tc[0] && (tc.length === 1 || folded[i + 1] === tc[1])) on.fill(true, i, i + tc.length);
    }
  }
  for (let i = 0, j; i < cs.length; i = j) {
    for (j = i + 1; j < cs.length && on[j] === on[i]; j++);
    yield [cs.slice(i, j).join(""), on[i]];
  }
}

const hits = (text, terms, prefix) => Array.from(pieces(text, terms, prefix)).some(([, on]) => on);

// snippet cuts from a body the words around its first match, from its
// sentence's start when near, else at a word's, then those of words not
// shown yet; or returns "" if none.
export function snippet(body, terms, prefix) {
  let at = 0;
  for (const [w, on] of lines(body, terms, prefix)) {
    if (on) {
      let from = Math.max(0, at - 70);
      let to = Math.min(body.length, at + w.length + 150);
      const sentence = sentenceStart(body, Math.max(0, at - 120), at);
      if (sentence >= 0) from = sentence;
      else if (from > 0) from = Math.min(body.indexOf(" ", from) + 1 || at, at);
      // It ends with its paragraph, not in the next heading.
      const end = body.indexOf("\n", at + w.length);
      const whole = end >= 0 && end <= to;
      if (whole) to = end;
      else if (to < body.length) to = Math.max(body.lastIndexOf(" ", to), at + w.length);
      const text = body.slice(from, to).replace(/\s+/g, " ").trim();
      const cut = (from > 0 ? "…" : "") + text + (to < body.length && !whole ? "…" : "");
      const more = terms.filter((t) => !hits(cut, [t], prefix));
      return more.length && more.length < terms.length ? cut + " " + snippet(body, more, prefix) : cut;
    }
    at += w.length;
  }
  return "";
}

function* lines(text, terms, prefix) {
  for (const [i, line] of text.split("\n").entries()) {
    if (i) yield ["\n", false];
    yield* pieces(line, terms, prefix);
  }
}

// sentenceStart returns where the last sentence starting in [from, at)
// starts, or -1.
function sentenceStart(body, from, at) {
  const re = /(?:[.!?]["”’)]?|\(via [^()]*\))\s+(?=\S)|\n\s*/g;
  re.lastIndex = from;
  let start = from === 0 ? 0 : -1;
  for (let m; (m = re.exec(body)) && m.index + m[0].length <= at; ) start = m.index + m[0].length;
  return start;
}

export function marked(text, terms, prefix) {
  const out = [];
  let plain = "";
  for (const [w, on] of pieces(text, terms, prefix)) {
    if (on) {
      if (plain) out.push(plain), (plain = "");
      out.push(el("mark", null, w));
    } else {
      plain += w;
    }
  }
  if (plain) out.push(plain);
  return out;
}

const visible = (texts, terms, prefix) => terms.every((term) => texts.some((t) => hits(t, [term], prefix)));

// card: a result's title, theme names and handles (not its summary).
const card = ([, name, , , , , themes, , handles = []], themeNames) =>
  [name, ...themes.map((s) => themeNames.get(s) || s), ...handles];

// result is a digest's card, with its summary or a snippet.
function result(rec, terms, prefix, themeNames, text) {
  const [path, name, date, stance, scope, conviction, themes, summary, handles = []] = rec;
  const names = themes.map((s) => themeNames.get(s) || s);
  const texts = card(rec, themeNames);
  const hidden = terms.filter((term) => !visible([summary, ...texts], [term], prefix));
  const cut = text ? snippet(text, hidden.length ? hidden : terms, prefix) : "";
  // The summary stays beside the snippet when it shows a word of the query
  // that nothing else on the card does.
  const own = cut && terms.some((t) => hits(summary, [t], prefix) && !visible(texts, [t], prefix));
  text = cut || summary;
  const [y, mo, d] = date.split("-").map(Number);
  return el("li", null, el("article", { class: "card result" },
    el("h2", null, el("a", { href: new URL(path, root).pathname }, ...marked(name, terms, prefix))),
    el("p", { class: "meta" },
      el("time", { datetime: date }, `${d} ${months[mo - 1]} ${y}`), " ",
      el("span", { class: "badges" },
        el("span", { class: `badge stance stance-${stance}` },
          el("span", { class: "icon", "aria-hidden": "true" }, stanceIcon[stance] || "●"), " " + title(stance),
          scope ? el("span", { class: "scope" }, ` (${scope})`) : null),
        " ",
        el("span", { class: `badge conviction conviction-${conviction}` },
          el("span", { class: "meter", "aria-hidden": "true" }, meter[conviction] || ""), ` ${title(conviction)} conviction`))),
    own ? el("p", { class: "summary" }, ...marked(summary, terms, prefix)) : null,
    text ? el("p", { class: cut ? "summary snippet" : "summary" }, ...marked(text, terms, prefix)) : null,
    themes.length ? el("ul", { class: "themes", "aria-label": "Themes" },
      ...names.map((n) => el("li", null, el("span", null, ...marked(n, terms, prefix))))) : null,
    handles.length ? el("p", { class: "meta cites" }, "Cites ",
      ...handles.flatMap((h, i) => [i ? ", " : "", "@", ...marked(h, terms, prefix)])) : null,
  ));
}

function start() {
  const form = document.getElementById("search-form");
  const box = document.getElementById("search-q");
  const list = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  const more = document.getElementById("search-more");
  if (!form || !box || !list) return;
  const selects = {
    consensus: document.getElementById("search-consensus"),
    conviction: document.getElementById("search-conviction"),
    themes: document.getElementById("search-theme"),
  };
  const themeNames = new Map(Array.from(selects.themes?.options || [], (o) => [o.value, o.text]));

  // The URL holds the query and filters: a search is a link. It returns
  // the URL's filters that name no option.
  function fromURL() {
    const params = new URLSearchParams(location.search);
    box.value = params.get("q") || "";
    const unknown = [];
    for (const sel of Object.values(selects)) {
      if (!sel) continue;
      const v = params.get(sel.name) || "";
      sel.value = v;
      if (!sel.value && v) sel.value = v.toLowerCase();
      if (!sel.value && v) unknown.push(`no ${sel.name} “${v}”`);
    }
    return unknown;
  }
  const unknown = fromURL();

  let seq = 0;
  let shown = { ids: [], total: 0, terms: [], prefix: "", count: 0, seq: 0 };
  async function show(from) {
    const mine = seq;
    if (shown.seq !== mine) return; // a newer query is on its way
    const { terms, prefix } = shown;
    if (from && shown.all) (shown.ids = shown.all()), (shown.all = null);
    // A result whose card lacks the query's words shows them in its body.
    const recs = await Promise.all(shown.ids.slice(from, from + page).map(async (id) => {
      const rec = await record(id);
      return rec && [rec, visible([rec[7], ...card(rec, themeNames)], terms, prefix) ? "" : await body(id, rec)];
    }));
    if (mine !== seq) return;
    if (from === 0) list.replaceChildren();
    list.append(...recs.filter(Boolean).map(([rec, text]) => result(rec, terms, prefix, themeNames, text)));
    shown.count = from + recs.length;
    more.hidden = shown.count >= shown.total;
    if (from) {
      // The first new result takes the focus (the button may go).
      status.textContent = `${shown.count} of ${shown.total} shown.`;
      list.children[from]?.querySelector("a")?.focus();
    }
    performance.mark("signal:results");
  }

  // A search sent, filtered or opened keeps its history entry; typing
  // makes the next: Back goes to the search before.
  let finished = true;
  function remember(url, done) {
    if (url.href !== location.href) {
      if (finished) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
    }
    finished = done;
  }
  addEventListener("popstate", () => {
    fromURL();
    finished = false; // its URL is rewritten in place
    run();
  });

  // The last word is a prefix unless a space ends it: typed, sent or linked.
  async function run(done = true) {
    const mine = ++seq;
    const filters = {};
    for (const [tax, sel] of Object.entries(selects)) if (sel && sel.value) filters[tax] = sel.value;
    const q = box.value;
    const url = new URL(location.href);
    url.search = new URLSearchParams(Object.entries({ q: q.trim() && q, consensus: filters.consensus, conviction: filters.conviction, theme: filters.themes })
      .filter(([, v]) => v)).toString();
    remember(url, done);
    if (!q.trim() && Object.keys(filters).length === 0) {
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      return;
    }
    const typing = /\S$/.test(q);
    const key = JSON.stringify([q, filters, typing]);
    const { terms, prefix, ids, total, all } = await (early?.key === key ? early.result : query(q, filters, typing));
    early = null;
    if (mine !== seq) return;
    shown = { ids, total, all, terms, prefix, count: 0, seq: mine };
    const n = total;
    // A shard holds the words of their first two letters.
    const short = prefix && single(prefix) && !unspacedRE.test(prefix);
    status.textContent = n === 0
      ? short ? "Keep typing: words are looked for from their second letter."
        : terms.length || Object.keys(filters).length ? "No digests match." : "Nothing to look for: words are letters and digits."
      : `${n} ${n === 1 ? "digest matches" : "digests match"}.`;
    await show(0);
  }

  let timer;
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(false), 40);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  // A filter chosen after typing makes an entry of its own.
  for (const sel of Object.values(selects)) sel?.addEventListener("change", () => run(finished = true));
  // More of a replaced build would be wrong: the query runs again.
  let busy = false; // a second click while the first loads adds nothing
  more.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    const mine = seq;
    const fresh = await changed();
    if (mine === seq) await (fresh ? run() : show(shown.count));
    busy = false;
  });

  document.addEventListener("keydown", (e) => {
    const t = e.target;
    const mod = e.altKey || e.ctrlKey || e.metaKey;
    const editing = t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement;
    if (e.key === "/" && !editing && !mod) {
      e.preventDefault();
      box.focus();
      box.select();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp" || e.shiftKey || mod) return;
    const links = Array.from(list.querySelectorAll("h2 a"));
    const at = links.indexOf(t);
    if (t !== box && at < 0) return;
    e.preventDefault();
    const next = t === box ? (e.key === "ArrowDown" ? 0 : -1) : at + (e.key === "ArrowDown" ? 1 : -1);
    if (next < 0) box.focus();
    else if (next < links.length) links[next].focus();
  });

  if (box.value || Object.values(selects).some((s) => s && s.value)) {
    finished = false;
    run().then(() => unknown.length && (status.textContent += ` (This archive has ${unknown.join(" and ")}.)`));
  } else if (unknown.length) {
    status.textContent = `This archive has ${unknown.join(" and ")}.`;
  }
}

// The query of the URL begins while the page is parsed (an async module).
let early = null; // {key, result}: the query of the URL, as run() makes it
if (typeof document !== "undefined") {
  const params = new URLSearchParams(location.search);
  const q = params.get("q") || "";
  const filters = {};
  for (const [tax, name] of [["consensus", "consensus"], ["conviction", "conviction"], ["themes", "theme"]]) {
    if (params.get(name)) filters[tax] = params.get(name);
  }
  if (q.trim() || Object.keys(filters).length) {
    const typing = /\S$/.test(q);
    const result = query(q, filters, typing, true);
    asked.clear(); // taken, or unused: a later query fetches its own
    result.catch(() => {}); // unless run() awaits it
    early = { key: JSON.stringify([q, filters, typing]), result };
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
