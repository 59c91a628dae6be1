"""The word lists several reducer modules share, as sets built from the data files in lang/.

German capitalises every noun, so a capitalised word is no evidence of a name. A known first name, a
role noun before a name, or a name particle is. The words themselves are data (lang/*.toml): this
module only gives the lists their shapes (sets, tuples, gender tables), once, at import.
"""

from __future__ import annotations

from .. import lang
from ..lang import lazy_words

MALE_FIRST_NAMES = lang.word_set("first_names", "male")
FEMALE_FIRST_NAMES = lang.word_set("first_names", "female")
FIRST_NAMES = MALE_FIRST_NAMES | FEMALE_FIRST_NAMES
ACADEMIC_TITLES = lang.word_set("titles", "academic")

# Relatives and the like: "Seine Frau", "Rots Anwalt" name another person than the possessor.
RELATIONS = lang.word_set("role_nouns", "relations")
# Role nouns that say nothing of gender (English appositions: "president", "lawyer").
GENDERLESS_ROLE_WORDS = lang.words("role_nouns", "genderless")
# Role nouns: a capitalised word ending in one of these is a function ("Außenamtssprecherin").
ROLE_SUFFIXES = lang.words("role_nouns", "suffixes") + GENDERLESS_ROLE_WORDS
# Organisations that speak: a word ending in one of these ("Bundesverkehrsministerium").
ORGANISATION_SUFFIXES = lang.words("organisations", "suffixes")

SPEECH_VERBS = lang.word_set("speech_verbs", "verbs")
SPEECH_VERBS_DE = lang.word_set("speech_verbs", "verbs", among=("de",))
SPEECH_VERBS_EN = lang.word_set("speech_verbs", "verbs", among=("en",))
PRONOUNS = {
    **dict.fromkeys(lang.words("pronouns", "masculine"), "m"),
    **dict.fromkeys(lang.words("pronouns", "feminine"), "f"),
}
POSSESSIVES = {
    **dict.fromkeys(lang.words("pronouns", "masculine_possessive"), "m"),
    **dict.fromkeys(lang.words("pronouns", "feminine_possessive"), "f"),
}
# Forms of indirect speech: a sentence with one of these reports what someone said.
SUBJUNCTIVES = lang.word_set("subjunctives", "words")
# Nouns for a spokesperson: "ein Porschesprecher", "ein Sprecher des Finanzministeriums".
SPOKESPERSON_NOUNS = lang.words("spokesperson", "nouns")
SPOKESPERSON = lazy_words(r"(\w*?)-?{}$", SPOKESPERSON_NOUNS, ignore_case=True)

# Lower-case words that show a quote is a clause (it has a verb), not a scare quote or a title.
VERB_HINTS = lang.word_set("verb_hints", "words")

# Function words: left out of sentence similarity, and counted to tell the languages apart.
FUNCTION_WORDS = {
    code: lang.word_set("function_words", "words", among=(code,)) for code in lang.languages()
}
STOP_WORDS = lang.word_set("function_words", "words")
PREPOSITIONS = lang.word_set("prepositions", "words")
# Closed-class words (function words, prepositions): never a name, a subject or part of a role.
CLOSED_CLASS_WORDS = STOP_WORDS | PREPOSITIONS
