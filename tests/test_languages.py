"""Languages: the Spanish content, parity between language folders, Spanish reading ease."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.domain.content import content_languages
from kiosk.domain.parity import check_content_languages
from kiosk.domain.questionnaire import load_questionnaire
from kiosk.domain.readability import MIN_EASE_ES, check_readability, ease_es, grade, measure_for, patient_text
from kiosk.resources import default_content_dir

ROOT = default_content_dir()
EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=120)


# ------------------------------------------------------------------ the shipped Spanish content

def test_the_shipped_content_has_english_and_spanish():
    assert content_languages(ROOT) == ["en", "es"]


def test_every_english_page_has_a_spanish_twin_that_links_the_same(shipped, spanish):
    assert set(spanish.items) == set(shipped.items)
    for item_id, en in shipped.items.items():
        es = spanish.get(item_id)
        assert es.path.relative_to(ROOT / "es") == en.path.relative_to(ROOT / "en"), item_id
        assert es.kind == en.kind, item_id
        assert es.links == en.links, item_id  # the same ids in the same order: the same highlights
        assert es.sources == en.sources, item_id
        assert list(es.compare) == list(en.compare), item_id
        assert es.reviewed is not None
        # translated, not copied: the words differ (the ids and links do not)
        assert es.title != en.title and es.summary != en.summary, item_id
        assert es.body != en.body, item_id


def test_every_figure_of_an_english_page_is_in_its_spanish_twin(shipped, spanish):
    """Numbers (levels like L4-L5, "95 in 100", weeks, years, trial sizes) survive translation."""
    for item_id, en in shipped.items.items():
        figures = sorted(re.findall(r"\d+", patient_text(en)))
        assert sorted(re.findall(r"\d+", patient_text(spanish.get(item_id)))) == figures, item_id


@pytest.mark.parametrize(("disc", "root"), [("disc-L3-L4", "L4"), ("disc-L4-L5", "L5"), ("disc-L5-S1", "S1")])
def test_spanish_disc_pages_name_the_root_the_disc_usually_presses_on(spanish, disc, root):
    assert f"aprieta la raíz nerviosa {root}" in spanish.get(disc).body or \
        f"Aquí, esa es la raíz nerviosa {root}" in spanish.get(disc).body


def test_spanish_pages_are_in_spanish_and_speak_to_the_patient_as_usted(spanish):
    informal = (" tú ", " tu ", " tus ", " tienes ", " puedes ", " debes ", " sientes ")
    for item in spanish.items.values():
        text = f" {patient_text(item)} "
        assert "Only a doctor" not in text and " the " not in text, item.id
        assert not [word for word in informal if word in text.lower()], item.id
        assert "médico" in text, item.id  # every page sends the reader to a doctor


def test_every_spanish_page_reads_at_fernandez_huerta_70_or_more(spanish):
    assert MIN_EASE_ES == 70
    scores = {item.id: ease_es(patient_text(item)) for item in spanish.items.values()}
    too_hard = {k: round(v, 1) for k, v in scores.items() if v < MIN_EASE_ES}
    assert too_hard == {}
    assert check_readability(spanish) == []


def test_the_spanish_questionnaire_loads_with_every_text_of_the_english_one():
    spanish, problems = load_questionnaire(ROOT, "es")
    assert problems == []
    english, _ = load_questionnaire(ROOT, "en")
    assert spanish.texts.language == "es"
    assert spanish.texts.intro["title"] == "¿Qué tratamientos podría hablar con mi médico?"
    assert spanish.texts.results["because"] == "Porque"
    assert set(spanish.texts.ui) == set(english.texts.ui)  # the open [ui] table too
    assert set(spanish.texts.questions) == set(english.texts.questions)
    for qid, words in english.texts.questions.items():
        assert set(spanish.texts.questions[qid]) == set(words), qid  # help, low, high too
        assert spanish.texts.questions[qid]["text"] != words["text"], qid
    same = {key for key, text in spanish.texts.ui.items() if text == english.texts.ui[key]}
    assert same == {"summary_no"}  # "No" is the same word in both


def test_spanish_reasons_read_as_the_end_of_a_sentence():
    spanish, _ = load_questionnaire(ROOT, "es")
    sentences = [spanish.texts.reasons["severity"]]
    sentences += [text for key, table in spanish.texts.reasons.items() if isinstance(table, dict)
                  for text in table.values()]
    sentences.append(spanish.texts.results["first_step"])
    for sentence in sentences:
        assert sentence[0].islower() and not sentence.endswith("."), sentence


def test_the_spanish_words_file_has_the_same_keys_as_the_english_one():
    def keys(table, prefix=""):
        for key, value in table.items():
            name = f"{prefix}.{key}" if prefix else key
            if isinstance(value, dict):
                yield from keys(value, name)
            else:
                yield name

    def load(language):
        return tomllib.loads((ROOT / language / "questionnaire.toml").read_text(encoding="utf-8"))

    assert set(keys(load("es"))) == set(keys(load("en")))


def test_the_whole_shipped_content_is_clean_in_every_language():
    contents, problems = check_content_languages(ROOT, content_languages(ROOT))
    assert [str(p) for p in problems] == []
    assert set(contents) == {"en", "es"}


# ------------------------------------------------------------------ commands in Spanish

def test_explain_in_spanish_shows_the_spanish_title(capsys):
    assert cli.main(["explain", "disc-L5-S1", "--language", "es"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Disco L5-S1  (region, id disc-L5-S1)"
    assert cli.main(["--language", "es", "explain", "herniated-disc", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Hernia de disco, disco abultado o roto"
    assert data["conditions"] == ["spinal-stenosis", "degenerative-disc-disease", "piriformis-syndrome"]


def test_triage_in_spanish_gives_spanish_reasons(tmp_path, capsys):
    answers = EXAMPLES / "recent-sciatica.json"
    assert cli.main(["triage", "--answers", str(answers), "--language", "es"]) == 0
    result = json.loads(capsys.readouterr().out)
    texts = [reason["text"] for s in result["suggestions"] for reason in s["reasons"]]
    assert "este es el primer paso habitual para la mayoría de las personas" in texts
    assert "su estudio mostró un disco que aprieta un nervio" in texts


def test_the_kiosk_shows_spanish_pages_and_questionnaire(make_window, spanish):
    from PySide6.QtWidgets import QApplication, QLabel

    from kiosk.ui.capture import replay_answers
    from kiosk.ui.shell import NavState, Screen

    window = make_window(content=spanish)
    window.navigate(NavState(Screen.DIAGRAM, "herniated-disc"))
    assert window.diagram.panel.title() == "Hernia de disco, disco abultado o roto"
    assert "Solo un médico puede encontrar la causa" in window.diagram.panel.text.toPlainText()
    window.open_questionnaire()
    questionnaire = window.questionnaire
    answers = json.loads((EXAMPLES / "recent-sciatica.json").read_text(encoding="utf-8"))
    replay_answers(QApplication.instance(), questionnaire, answers, None)
    assert questionnaire.page_name() == "results"
    shown = " ".join(label.text() for label in questionnaire.results.findChildren(QLabel))
    assert "Temas que podría hablar con su médico" in shown
    assert "Porque:" in shown and "su estudio mostró un disco que aprieta un nervio" in shown
    questionnaire.compare_button.click()
    assert questionnaire.page_name() == "compare"
    shown = " ".join(label.text() for label in questionnaire.compare.findChildren(QLabel))
    assert "Compare sus opciones" in shown
    assert spanish.get("decompression").compare["involves"] in shown


# ------------------------------------------------------------------ parity problems

def _with_spanish(root: Path) -> Path:
    """The mini content with a Spanish twin of every page (the same words: parity is about ids)."""
    shutil.copytree(root / "en", root / "es")
    return root


def _problems(root, only=None):
    _, problems = check_content_languages(root, content_languages(root), only=only)
    return [str(p) for p in problems]


def test_twin_folders_are_clean(mini_root):
    assert _problems(_with_spanish(mini_root)) == []


def _topic(root: Path, language: str, title: str = "Topic Z", page_id: str = "topic-z") -> Path:
    """A page no other page links to (so that removing it breaks nothing else)."""
    page = root / language / f"{page_id}.md"
    page.write_text(f'+++\nid = "{page_id}"\nkind = "topic"\ntitle = "{title}"\nsources = ["S"]\n+++\n'
                    "A short text.\n", encoding="utf-8")
    return page


def test_a_page_without_its_twin_is_reported_on_the_page_that_has_one(mini_root):
    root = _with_spanish(mini_root)
    english = _topic(root, "en")
    wanted = root / "es" / "topic-z.md"
    expected = f"{english}:2: page 'topic-z' has no 'es' twin: add {wanted} with id = \"topic-z\""
    assert _problems(root) == [expected]
    assert _problems(root, only="es") == _problems(root)  # checking Spanish alone finds it too
    english.unlink()
    spanish = _topic(root, "es")
    assert _problems(root) == [
        f"{spanish}:2: page 'topic-z' has no 'en' twin: add {english} with id = \"topic-z\""]


def test_different_links_are_reported_with_the_line_of_the_key(mini_root):
    root = _with_spanish(mini_root)
    page = root / "es" / "box-a.md"
    page.write_text(page.read_text().replace('conditions = ["cond-x"]', "conditions = []"), encoding="utf-8")
    twin = root / "en" / "box-a.md"
    expected = f"{page}:10: links.conditions differs from its 'en' twin {twin}: missing 'cond-x'"
    assert _problems(root) == [expected]
    page.write_text(page.read_text().replace('regions = ["ring-b"]', 'regions = ["ring-b", "box-a"]'),
                    encoding="utf-8")
    assert f"{page}:9: links.regions differs from its 'en' twin {twin}: extra 'box-a'" \
        in _problems(root)


def test_a_missing_links_key_points_at_the_links_table(mini_root):
    root = _with_spanish(mini_root)
    page = root / "es" / "cond-x.md"
    page.write_text(page.read_text().replace('treatments = ["treat-y"]\n', ""), encoding="utf-8")
    twin = root / "en" / "cond-x.md"
    expected = f"{page}:7: links.treatments differs from its 'en' twin {twin}: missing 'treat-y'"
    assert _problems(root) == [expected]


def test_different_links_in_the_text_and_a_different_kind_are_reported(mini_root):
    root = _with_spanish(mini_root)
    page = root / "es" / "ring-b.md"
    page.write_text(page.read_text().replace("(kiosk:cond-x)", "(kiosk:box-a)"), encoding="utf-8")
    assert _problems(root) == [
        f"{page}:7: the kiosk: links in the text differ from its 'en' twin {root / 'en' / 'ring-b.md'}: "
        "missing 'kiosk:cond-x'; extra 'kiosk:box-a'"]
    page = root / "es" / "cond-x.md"
    page.write_text(page.read_text().replace('kind = "condition"', 'kind = "topic"'), encoding="utf-8")
    assert f"{page}:3: kind is 'topic' but its 'en' twin {root / 'en' / 'cond-x.md'} is a 'condition'" \
        in _problems(root)


def test_a_twin_at_another_path_is_reported(mini_root):
    root = _with_spanish(mini_root)
    (root / "es" / "regions").mkdir()
    (root / "es" / "box-a.md").rename(root / "es" / "regions" / "box-a.md")
    assert _problems(root) == [
        f"{root / 'es' / 'regions' / 'box-a.md'}:2: page 'box-a' is at regions/box-a.md but its 'en' twin "
        f"{root / 'en' / 'box-a.md'} is at box-a.md: keep twins at the same path"]


def test_a_broken_twin_is_reported_once_with_its_own_problem(mini_root):
    root = _with_spanish(mini_root)
    english = _topic(root, "en")
    page = _topic(root, "es", title="")
    assert _problems(root) == [f"{page}:4: 'title' must be a non-empty string"]
    # checking English alone still says that its Spanish twin needs work
    assert _problems(root, only="en") == [
        f"{english}:2: page 'topic-z': its 'es' twin {page} has problems (kiosk check-content --language es)"]


def test_check_content_checks_every_language_or_the_one_given(mini_root):
    root = _with_spanish(mini_root)
    missing_twin = f"{_topic(root, 'en')}:2: page 'topic-z' has no 'es' twin"
    _topic(root, "en", page_id="topic-w")
    page = _topic(root, "es", title="", page_id="topic-w")
    broken = f"{page}:4: 'title' must be a non-empty string"

    result = _cli("check-content", "--content", str(root))  # no --language: every folder
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith(missing_twin) and lines[1] == broken, lines

    result = _cli("check-content", "--content", str(root), "--language", "es")
    assert result.returncode == 1
    assert result.stdout.splitlines() == lines  # Spanish's own problem and the page it lacks

    result = _cli("check-content", "--content", str(root), "--language", "en")
    assert result.returncode == 1
    assert [ln.split(":")[0] for ln in result.stdout.splitlines()] == [
        str(root / "en" / "topic-w.md"), str(root / "en" / "topic-z.md")]
    assert "its 'es' twin" in result.stdout and "has problems" in result.stdout

    shutil.rmtree(root / "es")
    result = _cli("check-content", "--content", str(root))
    assert result.returncode == 0, result.stdout
    assert "Content OK: pages per language: en 6" in result.stderr


def _content_copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT, target)
    return target


def test_a_screen_word_missing_from_a_questionnaire_file_is_a_problem(tmp_path):
    """The questionnaire's screens have no words of their own in the code: a [ui] key they
    show, missing from a language's file, is reported with its file and line."""
    root = _content_copy(tmp_path)
    words = root / "es" / "questionnaire.toml"
    text = words.read_text(encoding="utf-8").replace('clear = "Borrar"\n', "")
    words.write_text(text, encoding="utf-8")
    line = text.splitlines().index("[ui]") + 1
    assert f"{words}:{line}: [ui]: missing text for 'clear'" in _problems(root)


def test_a_questionnaire_text_missing_or_extra_in_one_language_is_reported(tmp_path):
    root = _content_copy(tmp_path)
    words = root / "es" / "questionnaire.toml"
    text = words.read_text(encoding="utf-8")
    # an optional text (how the summary words a note) missing, and one no screen shows
    text = text.replace('summary_note_adults_only = "Menor de 18 años: no se muestran temas; debe verlo un '
                        'médico"\n', "")
    text = text.replace('finish = "Terminar"\n', 'finish = "Terminar"\nsnooze = "Más tarde"\n')
    words.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    ui_line = lines.index("[ui]") + 1
    extra_line = lines.index('snooze = "Más tarde"') + 1
    reference = root / "en" / "questionnaire.toml"
    assert _problems(root) == [
        f"{words}:{ui_line}: [ui]: no text for 'summary_note_adults_only' (the 'en' file {reference} has "
        "one): translate it",
        f"{words}:{extra_line}: [ui]: 'snooze' is not in the 'en' file {reference}: remove it or add it "
        "there too"]


# ------------------------------------------------------------------ Spanish reading ease

HARD_ES = ("La determinación diagnóstica correspondiente a la radiculopatía lumbosacra "
           "fundamentalmente requiere la correlación anatomoclínica entre la sintomatología referida, "
           "la exploración neurológica sistemática y la documentación imagenológica complementaria, "
           "considerando simultáneamente la variabilidad interindividual característica de las "
           "distribuciones dermatómicas, la superposición sintomática entre las distintas entidades "
           "degenerativas y la probabilidad pretest específicamente condicionada por la epidemiología.")


def test_a_spanish_page_below_70_is_reported_with_its_score(mini_root):
    root = _with_spanish(mini_root)
    head = '+++\nid = "hard"\nkind = "topic"\ntitle = "{}"\nsources = ["S"]\n+++\n'
    (root / "en" / "hard.md").write_text(head.format("Hard") + "A short page. " * 20 + "\n", encoding="utf-8")
    target = root / "es" / "hard.md"
    target.write_text(head.format("Difícil") + HARD_ES + "\n", encoding="utf-8")
    result = _cli("check-content", "--content", str(root))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{target}:7: reading ease is ")
    assert "(Fernandez-Huerta); keep patient text at 70 or above" in lines[0]
    assert float(lines[0].split("reading ease is ")[1].split(" ")[0]) < 70


def test_each_language_has_its_own_formula():
    assert measure_for("en").name == "Flesch-Kincaid" and measure_for("en").higher_is_harder
    assert measure_for("es").name == "Fernandez-Huerta" and not measure_for("es").higher_is_harder
    assert measure_for("es-MX") is measure_for("es")
    assert measure_for("de") is None  # no formula: not scored
    easy = "El dolor baja por la pierna. Solo un médico puede ver la causa. " * 5
    assert ease_es(easy) >= 70 > ease_es(HARD_ES)
    assert measure_for("es").fails(ease_es(HARD_ES)) and not measure_for("es").fails(ease_es(easy))


def test_scoring_spanish_leaves_the_english_grade_alone():
    text = "Sciatica is pain that runs from your low back down your leg. Only a doctor can find the cause."
    before = grade(text)
    ease_es(HARD_ES)
    assert grade(text) == before


def test_language_buttons_use_each_language_s_own_name():
    from kiosk.domain.languages import language_name

    assert language_name("es") == "Español" and language_name("en") == "English"
    assert language_name("pt-BR") == "Português (Brasil)" and language_name("xx") == "XX"
