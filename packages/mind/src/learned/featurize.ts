/**
 * The shared featurizer of the learned readers: text → sparse hashed feature vector.
 *
 * Pure and deterministic (no node: imports, no Math.random, no locale-dependent calls). One pass over
 * the text's code points builds tokens (lower-cased words with apostrophes dropped and digits folded to
 * 0, punctuation runs such as "?!" or ":)", and single emoji), then hashes into a fixed number of
 * buckets:
 *   - word unigrams and bigrams (with start/end markers), each group scaled by 1/√count;
 *   - character n-grams inside word boundaries (e.g. "<con", "onf", "nfu"), scaled by 1/√count;
 *   - a few dense cues as one-hot bins: word count, '?' and '!' counts, shouting (ALL-CAPS words),
 *     emoji present, ends with '?'.
 * Each hashed feature also gets a sign from the hash (the "hashing trick" with signed buckets), so
 * collisions cancel out in expectation instead of adding up.
 */

export interface FeaturizerConfig {
  /** log2 of the bucket count. */
  bits: number;
  /** Smallest and largest character n-gram (inclusive); charMax < charMin disables them. */
  charMin: number;
  charMax: number;
  /** Relative weight of each feature group. */
  uniWeight: number;
  biWeight: number;
  charWeight: number;
  denseWeight: number;
}

/** The configuration every shipped model is trained with. Changing it requires a retrain. */
export const FEATURIZER: FeaturizerConfig = {
  bits: 16,
  charMin: 3,
  charMax: 5,
  uniWeight: 1,
  biWeight: 0.7,
  charWeight: 1,
  denseWeight: 0.5,
};

export interface Features {
  /** Bucket indices (may repeat; values add up). */
  idx: Int32Array;
  /** Signed, scaled values, same length as idx. */
  val: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

// Namespaces keep the same string in different groups apart.
const NS_UNI = 0x9e3779b1 | 0;
const NS_BI = 0x85ebca77 | 0;
const NS_CHAR = 0xc2b2ae3d | 0;
const NS_DENSE = 0x27d4eb2f;
const BOUNDARY = 0x2; // a code point never produced by the tokenizer

/** Murmur3's finalizer: spreads the bits of an FNV hash before masking. Returns an int32. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b | 0);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35 | 0);
  return h ^ (h >>> 16);
}

// Character classes.
const WORD = 0;
const PUNCT = 1;
const EMOJI = 2;
const SPACE = 3;

function isEmoji(cp: number): boolean {
  return (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x2b00 && cp <= 0x2bff);
}

/** Code points that only decorate a neighbouring emoji (variation selectors, joiners, skin tones). */
function isEmojiModifier(cp: number): boolean {
  return cp === 0xfe0f || cp === 0xfe0e || cp === 0x200d || (cp >= 0x1f3fb && cp <= 0x1f3ff) || cp === 0x20e3;
}

function asciiKind(cp: number): number {
  if ((cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57) || cp === 39) return WORD;
  if (cp <= 32 || cp === 127) return SPACE;
  return PUNCT;
}

const ASCII_KIND = Uint8Array.from({ length: 128 }, (_, cp) => asciiKind(cp));

function kindOf(cp: number): number {
  if (cp < 128) return ASCII_KIND[cp] as number;
  if (cp === 0x2019 || cp === 0x2018) return WORD; // curly apostrophes
  if (isEmoji(cp)) return EMOJI;
  if (cp === 0xa0 || (cp >= 0x2000 && cp <= 0x200b) || cp === 0x3000) return SPACE;
  if ((cp >= 0x2010 && cp <= 0x2bff) || (cp >= 0xa1 && cp <= 0xbf) || cp === 0xd7 || cp === 0xf7) return PUNCT;
  if (cp >= 0x3001 && cp <= 0x303f) return PUNCT;
  return WORD;
}

/** Lower-cases ASCII, Latin-1, basic Greek and Cyrillic capitals without locale rules; folds digits to 0. */
const ASCII_FOLD = Uint8Array.from({ length: 128 }, (_, cp) =>
  cp >= 65 && cp <= 90 ? cp + 32 : cp >= 48 && cp <= 57 ? 48 : cp,
);

function fold(cp: number): number {
  if (cp < 128) return ASCII_FOLD[cp] as number;
  if (cp >= 0xc0 && cp <= 0xde && cp !== 0xd7) return cp + 32;
  if (cp >= 0x391 && cp <= 0x3a9) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42f) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40f) return cp + 80;
  if (cp === 0x2019 || cp === 0x2018) return 39;
  return cp;
}

// Scratch buffers, reused across calls (the engine is single-threaded). They grow on demand.
let tokHash = new Int32Array(256); // unigram hash of each token (pre-finalizer)
let tokStart = new Int32Array(256); // index of each word token's leading boundary mark in `chars`
let tokLen = new Int32Array(256); // its length in `chars` (0 for punctuation and emoji)
let chars = new Int32Array(1024); // folded code points of word tokens between boundary marks, apostrophes dropped
let outIdx = new Int32Array(4096);
let outVal = new Float32Array(4096);

function growInt(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

function lengthBin(words: number): number {
  if (words <= 1) return 0;
  if (words <= 2) return 1;
  if (words <= 4) return 2;
  if (words <= 8) return 3;
  if (words <= 16) return 4;
  if (words <= 32) return 5;
  if (words <= 64) return 6;
  return 7;
}

/** The code point at UTF-16 index i (a lone surrogate stands for itself). */
function codePointAt(text: string, i: number, n: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
    const lo = text.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return (c - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
  }
  return c;
}

/**
 * Writes the raw (unfinalized) hashes of every character n-gram of every word token into `oi` from
 * index m; returns the new end. Word boundaries count as a character.
 */
function charGrams(
  ch: Int32Array,
  ts: Int32Array,
  tl: Int32Array,
  nTok: number,
  gMin: number,
  gMax: number,
  oi: Int32Array,
  m: number,
): number {
  for (let t = 0; t < nTok; t++) {
    const L = tl[t] as number;
    if (L === 0) continue;
    // ch[s] and ch[s + L + 1] hold the word-boundary marks around the word's L characters.
    const s = ts[t] as number;
    const end = s + L + 2;
    for (let a = s; a <= end - gMin; a++) {
      let hh = NS_CHAR;
      for (let p = a; p < a + gMin - 1; p++) hh = Math.imul(hh ^ (ch[p] as number), FNV_PRIME);
      const stop = Math.min(a + gMax, end);
      for (let p = a + gMin - 1; p < stop; p++) {
        hh = Math.imul(hh ^ (ch[p] as number), FNV_PRIME);
        oi[m++] = hh;
      }
    }
  }
  return m;
}

/** Finalizes raw hashes in oi[from, to) into bucket indices and signed values ±v. */
function finalize(oi: Int32Array, ov: Float32Array, from: number, to: number, v: number, mask: number): void {
  for (let j = from; j < to; j++) {
    const f = fmix(oi[j] as number);
    oi[j] = f & mask;
    ov[j] = v * ((f >> 31) | 1);
  }
}

/**
 * Featurizes `text`. The result is freshly allocated (callers may keep it); the same text always
 * gives the same features.
 */
export function featurize(text: string, cfg: FeaturizerConfig = FEATURIZER): Features {
  const m = extract(text, cfg);
  return { idx: outIdx.slice(0, m), val: outVal.slice(0, m) };
}

/** Writes the features of `text` into the scratch buffers outIdx/outVal; returns their count. */
function extract(text: string, cfg: FeaturizerConfig): number {
  const mask = (1 << cfg.bits) - 1;
  const n = text.length;
  // Worst case: every code unit starts a token.
  if (tokHash.length < n + 1) {
    tokHash = growInt(tokHash, n + 1);
    tokStart = growInt(tokStart, n + 1);
    tokLen = growInt(tokLen, n + 1);
  }
  if (chars.length < 3 * n + 2) chars = growInt(chars, 3 * n + 2);
  const th = tokHash;
  const ts = tokStart;
  const tl = tokLen;
  const ch = chars;

  let nTok = 0;
  let nChars = 0;
  let words = 0;
  let shouted = 0;
  let questions = 0;
  let exclaims = 0;
  let emoji = 0;
  let ending = 0; // 0 word, 1 '?', 2 '!', 3 other punctuation, 4 emoji

  let i = 0;
  while (i < n) {
    let cp = codePointAt(text, i, n);
    let k = kindOf(cp);
    if (k === SPACE || isEmojiModifier(cp)) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    if (k === WORD) {
      let h = FNV_OFFSET;
      let len = 0;
      let upper = 0;
      let lower = 0;
      const start = nChars;
      ch[nChars++] = BOUNDARY;
      while (true) {
        if (cp >= 65 && cp <= 90) upper++;
        else if (cp >= 97 && cp <= 122) lower++;
        const f = fold(cp);
        // Apostrophes join a word but are not part of it: "don't" == "dont".
        if (f !== 39) {
          ch[nChars++] = f;
          h = Math.imul(h ^ f, FNV_PRIME);
          len++;
        }
        i += cp > 0xffff ? 2 : 1;
        if (i >= n) break;
        cp = codePointAt(text, i, n);
        k = kindOf(cp);
        if (k !== WORD) break;
      }
      ch[nChars++] = BOUNDARY;
      if (len === 0) nChars = start;
      else {
        words++;
        if (upper >= 2 && lower === 0) shouted++;
        th[nTok] = h;
        ts[nTok] = start;
        tl[nTok] = len;
        nTok++;
        ending = 0;
      }
      continue;
    }
    if (k === PUNCT) {
      // Runs of punctuation form one token, e.g. "?!" "..." ":)"; only the first three marks count.
      let h = Math.imul(FNV_OFFSET ^ 1, FNV_PRIME);
      let len = 0;
      let last = cp;
      while (true) {
        if (cp === 63 || cp === 0xff1f) questions++;
        else if (cp === 33 || cp === 0xff01) exclaims++;
        if (len < 3) h = Math.imul(h ^ (cp === 0x2026 ? 46 : cp), FNV_PRIME);
        len++;
        last = cp;
        i += cp > 0xffff ? 2 : 1;
        if (i >= n) break;
        cp = codePointAt(text, i, n);
        if (kindOf(cp) !== PUNCT) break;
      }
      th[nTok] = h;
      tl[nTok] = 0;
      nTok++;
      ending = last === 63 || last === 0xff1f ? 1 : last === 33 || last === 0xff01 ? 2 : 3;
      continue;
    }
    // Emoji: one token each.
    emoji++;
    th[nTok] = Math.imul(Math.imul(FNV_OFFSET ^ 2, FNV_PRIME) ^ cp, FNV_PRIME);
    tl[nTok] = 0;
    nTok++;
    ending = 4;
    i += cp > 0xffff ? 2 : 1;
  }

  // Upper bound on the number of features.
  const useChars = cfg.charMax >= cfg.charMin && cfg.charWeight > 0;
  let cap = 2 * nTok + 16;
  if (useChars) cap += (nChars + 2 * nTok) * (cfg.charMax - cfg.charMin + 1);
  if (outIdx.length < cap) {
    outIdx = growInt(outIdx, cap);
    outVal = new Float32Array(outIdx.length);
  }
  const oi = outIdx;
  const ov = outVal;
  let m = 0;

  // Word unigrams.
  if (nTok > 0 && cfg.uniWeight > 0) {
    const v = cfg.uniWeight / Math.sqrt(nTok);
    for (let t = 0; t < nTok; t++) {
      const f = fmix((th[t] as number) ^ NS_UNI);
      oi[m] = f & mask;
      ov[m] = v * ((f >> 31) | 1);
      m++;
    }
  }
  // Word bigrams, with sentence start and end markers.
  if (cfg.biWeight > 0) {
    const v = cfg.biWeight / Math.sqrt(nTok + 1);
    let prev = 0x5bd1e995;
    for (let t = 0; t <= nTok; t++) {
      const next = t < nTok ? (th[t] as number) : 0x1b873593;
      const f = fmix(Math.imul(prev ^ NS_BI, 0x2c1b3c6d) ^ next);
      oi[m] = f & mask;
      ov[m] = v * ((f >> 31) | 1);
      m++;
      prev = next;
    }
  }
  // Character n-grams inside words, with boundary marks.
  if (useChars) {
    const from = m;
    m = charGrams(ch, ts, tl, nTok, cfg.charMin, cfg.charMax, oi, m);
    if (m > from) finalize(oi, ov, from, m, cfg.charWeight / Math.sqrt(m - from), mask);
  }
  // Dense cues as one-hot bins.
  if (cfg.denseWeight > 0) {
    const v = cfg.denseWeight;
    const shout = shouted === 0 ? 0 : shouted / words < 0.5 ? 1 : 2;
    const bins = [
      lengthBin(words),
      16 + Math.min(questions, 3),
      32 + Math.min(exclaims, 3),
      48 + shout,
      64 + Math.min(emoji, 2),
      80 + (nTok === 0 ? 5 : ending),
    ];
    for (const b of bins) {
      const f = fmix(NS_DENSE + b);
      oi[m] = f & mask;
      ov[m] = v * ((f >> 31) | 1);
      m++;
    }
  }
  return m;
}

let memoText: string | undefined;
let memoIdx = new Int32Array(4096);
let memoVal = new Float32Array(4096);
let memoFeatures: Features = { idx: memoIdx.subarray(0, 0), val: memoVal.subarray(0, 0) };

/**
 * The features of `text` under the shipped configuration, with a one-entry memo so that the readers
 * of one turn (states, satisfaction, clarification) featurize its text once. The returned arrays are
 * owned by the memo: read them before the next call, never keep or modify them.
 */
export function featuresOf(text: string): Features {
  if (text === memoText) return memoFeatures;
  const m = extract(text, FEATURIZER);
  if (memoIdx.length < m) {
    memoIdx = growInt(memoIdx, m);
    memoVal = new Float32Array(memoIdx.length);
  }
  memoIdx.set(outIdx.subarray(0, m));
  memoVal.set(outVal.subarray(0, m));
  memoText = text;
  memoFeatures = { idx: memoIdx.subarray(0, m), val: memoVal.subarray(0, m) };
  return memoFeatures;
}
