"""GPU tier for batch jobs: skipped where no CUDA device is visible (not run on the 2-core CPU box)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
pytestmark = [pytest.mark.gpu, pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU visible")]


def test_batch_job_runs_on_the_gpu_in_half_precision(tmp_path, tiny_models):
    from summarise.batch import discover, read_manifest, run_batch
    from summarise.pipeline import Pipeline
    from summarise.settings import load_settings
    from tests.test_batch import arabic_article, english_article

    (tmp_path / "in").mkdir()
    for n in range(6):
        (tmp_path / "in" / f"en{n}.txt").write_text(english_article(n), encoding="utf-8")
    (tmp_path / "in" / "ar.txt").write_text(arabic_article(0), encoding="utf-8")
    settings = load_settings({"device": "auto", "model_paths": {k: str(v) for k, v in tiny_models.items()}})
    result = run_batch(discover([str(tmp_path / "in")]), tmp_path / "out", pipeline=Pipeline(settings))
    assert (result.ok, result.failed) == (7, 0)
    backends = read_manifest(tmp_path / "out" / "manifest.jsonl")[0]["backends"]
    assert all(b.endswith("cuda") and ("bfloat16" in b or "float16" in b) for b in backends.values()), backends


def test_real_cuda_out_of_memory_halves_the_batch(tiny_models):
    """A memory cap far below what a wide batch needs: the batch is halved until it fits."""
    from summarise.models.loading import clear_cache, load_seq2seq
    from summarise.models.registry import load_registry
    from summarise.settings import Settings

    clear_cache()
    model = load_seq2seq(load_registry().get("opus-mt-en-ar"), Settings(device="cuda", model_paths={"opus-mt-en-ar": str(tiny_models["opus-mt-en-ar"])}))
    # One input within the tiny model's 48-token limit; what generating it takes, measured, sizes the cap.
    texts = ["Russia said 2,000 prisoners were swapped on Monday in Istanbul."] * 512
    settings = {"num_beams": 4, "max_length": 48}
    model.generate(texts[:1], **settings)  # one-off costs (the matrix library's workspace) paid first
    torch.cuda.synchronize()
    before = torch.cuda.memory_allocated()
    torch.cuda.reset_peak_memory_stats()
    model.generate(texts[:1], **settings)
    one = torch.cuda.max_memory_allocated() - before
    torch.cuda.empty_cache()
    _, total = torch.cuda.mem_get_info()
    used = torch.cuda.memory_reserved()
    # Room for a few dozen inputs at once (at least a few of the allocator's 2 MiB blocks), not for 512.
    room = max(32 * one, 8 * 2**20)
    assert 512 * one > 2 * room, f"one input takes {one} bytes: too little for the cap to bite"
    torch.cuda.set_per_process_memory_fraction(min(1.0, (used + room) / total))
    try:
        outputs = model.generate(texts, max_batch_size=512, max_batch_tokens=10**7, **settings)
    finally:
        torch.cuda.set_per_process_memory_fraction(1.0)
        clear_cache()
    assert len(outputs) == 512
    assert model.stats.out_of_memory >= 1 and model.batch_cap is not None and model.batch_cap < 512
