"""The holding screen says its sentence in the exhibition's languages, in their scripts."""

from __future__ import annotations

from kiosk.content.holding import MAX_LANGUAGES, holding_bundle, holding_texts


def test_the_holding_sentence_is_in_each_language_the_kiosk_speaks() -> None:
    texts = holding_texts(["fa", "fr-CA", "zh", "en"])
    assert texts == {
        "fa": "نمایشگاه به‌زودی بازمی‌گردد",
        "fr": "L’exposition reprendra dans quelques instants",
        "zh": "展览即将恢复，请稍候",
        "en": "This exhibit will be back shortly",
    }
    slide = holding_bundle(texts).manifest.slides[0]
    assert slide.title == {"fa": texts["fa"]}  # the first language, largest
    assert slide.subtitle["fa"].split("\n")[: MAX_LANGUAGES - 1] == [  # type: ignore[index]
        texts["fr"],
        texts["zh"],
        texts["en"],
    ]


def test_a_language_without_the_kiosks_words_gets_english_under_its_own_code() -> None:
    """Hebrew or Traditional Chinese are never given another language's sentence, nor is
    English text labelled as Hebrew (it would be set right to left)."""
    assert holding_texts(["he", "zh-TW"]) == {"en": "This exhibit will be back shortly"}
    assert list(holding_texts(["he", "az"])) == ["en", "az"]
