"""Comparing what a participant typed with what is expected, the way a person would: case,
accents, punctuation and spacing do not count ("Confiante  et critique." matches "confiante et
critique")."""

import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})


def normalize(text: str) -> str:
    """`text` lower-cased, without accents, punctuation or extra spaces."""
    text = unicodedata.normalize("NFKD", str(text or "").translate(_LIGATURES))
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Mn":  # a combining accent
            continue
        # Punctuation (P*) and symbols (S*: « », ’, +, …) separate words like a space.
        kept.append(" " if category[0] in "PSZC" else char)
    return " ".join("".join(kept).casefold().split())


def matches(given: str, accepted: list[str]) -> bool:
    """Whether `given` is one of the `accepted` answers (see `normalize`); empty never is."""
    typed = normalize(given)
    return bool(typed) and any(typed == normalize(answer) for answer in accepted)
