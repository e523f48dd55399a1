"""English names of the languages the tool may meet, for messages (``fr`` -> ``French``).

Covers the brief languages, every language a registered model handles by code, and the common
languages language detection reports; anything else is shown by its code.
"""

from __future__ import annotations

LANGUAGE_NAMES = {
    "am": "Amharic",
    "ar": "Arabic",
    "az": "Azerbaijani",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "cs": "Czech",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "gd": "Scottish Gaelic",
    "gu": "Gujarati",
    "ha": "Hausa",
    "he": "Hebrew",
    "hi": "Hindi",
    "hu": "Hungarian",
    "id": "Indonesian",
    "ig": "Igbo",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "ky": "Kyrgyz",
    "mr": "Marathi",
    "my": "Burmese",
    "ne": "Nepali",
    "nl": "Dutch",
    "no": "Norwegian",
    "om": "Oromo",
    "pa": "Punjabi",
    "pcm": "Nigerian Pidgin",
    "pl": "Polish",
    "ps": "Pashto",
    "pt": "Portuguese",
    "rn": "Kirundi",
    "ro": "Romanian",
    "ru": "Russian",
    "si": "Sinhala",
    "so": "Somali",
    "sr": "Serbian",
    "sv": "Swedish",
    "sw": "Swahili",
    "ta": "Tamil",
    "te": "Telugu",
    "th": "Thai",
    "ti": "Tigrinya",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "uz": "Uzbek",
    "vi": "Vietnamese",
    "yo": "Yoruba",
    "zh": "Chinese",
}


def language_name(code: str) -> str:
    """``"French"`` for ``"fr"``; the code itself when the name is not known."""
    return LANGUAGE_NAMES.get(code, code)


def describe_language(code: str) -> str:
    """``"French (fr)"``, or just the code when its name is not known."""
    name = LANGUAGE_NAMES.get(code)
    return f"{name} ({code})" if name else repr(code)
