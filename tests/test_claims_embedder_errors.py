"""A damaged sentence model stops the claim check with the project's error: the check never goes on
by words alone while the user believes the sentence model judged."""

from __future__ import annotations

import pytest

from summarise.claims.paraphrase import embedded_similarity
from summarise.errors import ModelLoadError
from summarise.settings import Settings


def test_an_unreadable_sentence_model_is_an_error_naming_the_folder(tmp_path):
    folder = tmp_path / "minilm"
    folder.mkdir()
    (folder / "config.json").write_text("{not json", encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"\x00" * 16)
    settings = Settings(model_paths={"minilm-extractive": folder})
    judge = embedded_similarity(settings)
    with pytest.raises(ModelLoadError) as raised:
        judge([("The minister resigned on Monday.", ["The minister quit on Monday."])])
    assert str(folder) in str(raised.value)
