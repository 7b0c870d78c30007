"""The kiosk's own words on screen, per language; English where a language has none.

The Azerbaijani here, like the built-in bundle's, must be checked by a native speaker.
"""

from __future__ import annotations

_WORDS = {
    "en": {
        "still_there": "Still there?",
        "touch_to_continue": "Touch the screen to continue",
        "chapters": "Chapters",
        "slides": "All slides",
        "language": "Language",
        "back_shortly": "This exhibit will be back shortly",
    },
    "az": {
        "still_there": "Hələ buradasınız?",
        "touch_to_continue": "Davam etmək üçün ekrana toxunun",
        "chapters": "Bölmələr",
        "slides": "Bütün slaydlar",
        "language": "Dil",
        "back_shortly": "Bu ekspozisiya tezliklə yenidən açılacaq",
    },
}


def word(key: str, language: str) -> str:
    return _WORDS.get(language, _WORDS["en"]).get(key, _WORDS["en"][key])
