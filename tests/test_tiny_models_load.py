"""The tiny test models load through the same loading code users run."""

from summarise.models.loading import load_seq2seq
from summarise.models.registry import load_registry
from summarise.settings import Settings


def test_marian_loads_through_registry_override(tiny_models):
    settings = Settings(model_paths={"opus-mt-en-ar": str(tiny_models["opus-mt-en-ar"])})
    model = load_seq2seq(load_registry().get("opus-mt-en-ar"), settings)
    assert model.local.source == "override"
    assert model.max_input_tokens == 48  # the tiny model's position table, below the card's 512
    assert model.target_prefix() == ">>ara<< "
    out = model.generate(["Russia said 2,000 prisoners.", "Hello there."])
    assert len(out) == 2 and all(isinstance(o, str) for o in out)
