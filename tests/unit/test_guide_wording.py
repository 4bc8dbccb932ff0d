"""Our own words: no run of 13 or more consecutive words in the data repeats the guide.

The guide's text is not in the repository. ``tests/fixtures/guide-runs-13.bin`` holds, sorted, the first
six bytes of the BLAKE2b digest of every run of 13 consecutive words of the guide after ``normalise``; write
it again with ``python tests/unit/test_guide_wording.py PATH-TO-GUIDE.txt``.

Checked: every role, description, note, fact, glossary definition, tour step text, caption, region
description, driver and challenge, the whole-system tours' steps, and the case studies' summaries, descriptions, roles, notes, figures and
lessons (every string field named in ``CHECKED``). Labels, terms, titles, names and addresses are names and
are not checked.

Normalisation (both sides): lower case; an apostrophe (straight or curly) is dropped, so "England’s" is
"englands"; every other character that is not a letter or digit separates words, so "sub-regional" is two
words and punctuation, quotes, dashes and line breaks do not count.

The one exception, lists of names: a repeated run is allowed when every one of its words is a stopword
(``STOPWORDS``) or a name word, that is, a word of a name the project itself gives: a body's label or
acronym, an abbreviation's expansion, a case study's title, or a case-study partner's label or name, compared
after normalisation and with one final "s" ignored (so "Learning and Skills Councils" matches the label
"Learning and Skills Council"). A run that holds any other word is copied prose and fails.
"""

import hashlib
import re
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

RUN = 13
DIGEST = 6
ROOT = Path(__file__).resolve().parents[2]
RUNS_FILE = ROOT / "tests" / "fixtures" / "guide-runs-13.bin"
CHECKED = frozenset({"role", "description", "note", "text", "definition", "caption", "as_of_note", "summary"})
STOPWORDS = frozenset("a an and as at by for from in its of on or the their to with".split())

#: The 'Regeneration agencies' gloss as it stood before it was reworded: it repeated 25 words of the guide.
COPIED_GLOSS = (
    "Bodies that shape regeneration policy and funding strategies at regional or sub-regional level – for "
    "example regional development agencies, Government Offices, neighbourhood renewal teams, local "
    "authorities, local strategic partnerships and Learning and Skills Councils.")


def normalise(text: str) -> list[str]:
    """The words of a text, as both sides are compared."""
    text = re.sub(r"['’‘]", "", text.lower())
    return re.sub(r"[^0-9a-z]+", " ", text).split()


def run_digest(words) -> bytes:
    return hashlib.blake2b(" ".join(words).encode(), digest_size=16).digest()[:DIGEST]


def guide_runs(text: str) -> set[bytes]:
    words = normalise(text)
    return {run_digest(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def load_runs() -> frozenset[bytes]:
    blob = RUNS_FILE.read_bytes()
    return frozenset(blob[i:i + DIGEST] for i in range(0, len(blob), DIGEST))


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def name_words(project) -> frozenset[str]:
    names = [n.label for n in project.bodies.values()] + [n.acronym or "" for n in project.bodies.values()]
    for fig in project.figures:
        names += [n.label for n in fig.nodes] + [n.acronym or "" for n in fig.nodes]
    names += [a.expansion for a in project.reference.abbreviations]
    for study in project.case_studies:
        names += [study.title] + [p.label or "" for p in study.partners] + [p.name or "" for p in study.partners]
    return frozenset(_stem(w) for name in names for w in normalise(name))


def copied_runs(text: str, runs, names) -> list[str]:
    """Each run of the text found in the guide that is not a list of names, as words."""
    words = normalise(text)
    found = []
    for i in range(len(words) - RUN + 1):
        window = words[i:i + RUN]
        if run_digest(window) not in runs:
            continue
        if all(w in STOPWORDS or _stem(w) in names for w in window):
            continue
        found.append(" ".join(window))
    return found


def checked_texts(value, where: str):
    """(where, text) for every checked string field in a model, recursively."""
    if isinstance(value, BaseModel):
        for field in type(value).model_fields:
            item = getattr(value, field)
            if isinstance(item, str) and field in CHECKED:
                yield f"{where}.{field}", item
            else:
                yield from checked_texts(item, f"{where}.{field}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from checked_texts(item, f"{where}[{getattr(item, 'id', i)}]")


@pytest.fixture(scope="module")
def project():
    from policymap.loader import load_project
    return load_project(ROOT / "data")


@pytest.fixture(scope="module")
def runs():
    return load_runs()


def test_no_run_of_13_words_repeats_the_guide(project, runs):
    names = name_words(project)
    sources = [(f"figures/{f.id}", f) for f in project.figures]
    sources += [(f"bodies/{b.id}", b) for b in project.bodies.values()]
    sources += [("glossary", project.reference.glossary), ("case-studies", project.case_studies),
                ("whole-system", project.whole_system_tours)]
    copied = [(where, run) for label, model in sources for where, text in checked_texts(model, label)
              for run in copied_runs(text, runs, names)]
    assert copied == []


def test_the_check_catches_the_copied_gloss(project, runs):
    found = copied_runs(COPIED_GLOSS, runs, name_words(project))
    assert "policy and funding strategies at regional or sub regional level for example regional" in found
    # the list of names on its own is allowed; the prose around it is not
    assert all(any(w in run.split() for w in ("policy", "funding", "strategies", "level", "example")) for run in found)


def test_the_checked_text_is_the_loaded_data(project):
    fields = {where.rsplit(".", 1)[1] for where, _ in checked_texts(project.figures, "f")}
    assert {"role", "description", "note", "text", "caption"} <= fields
    assert len(load_runs()) > 15000  # the whole guide, not a sample


if __name__ == "__main__":
    digests = sorted(guide_runs(Path(sys.argv[1]).read_text(encoding="utf-8")))
    RUNS_FILE.write_bytes(b"".join(digests))
    print(f"{RUNS_FILE}: {len(digests)} runs")
