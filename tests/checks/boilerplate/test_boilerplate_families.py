"""Boilerplate cue families beyond the seeds: other languages, page controls, paywalls, crumbs and datelines."""
from __future__ import annotations

import pytest

from auditor.documents import Document
from auditor.pychecks.boilerplate import blocks_of

BODY = ("The regional council approved the budget on Tuesday after a debate that lasted more than six hours.\n"
        "The opposition said it would challenge the vote in court, according to its leader.\n")
TAIL = "Officials said the new rules would take effect in January, after a transition period of three months.\n"


def _kinds(furniture: str, where: str = "middle") -> list[tuple[str, str]]:
    text = {"top": furniture + "\n" + BODY + TAIL, "middle": BODY + furniture + "\n" + TAIL,
            "end": BODY + TAIL + furniture + "\n"}[where]
    doc = Document.from_text(text)
    return [(b.kind, text[b.start:b.end]) for b in blocks_of(doc)]


@pytest.mark.parametrize("furniture,kind", [
    ("Partager sur Facebook\nPartager sur Twitter\nEnvoyer par e-mail", "widget"),
    ("Artikel teilen", "widget"),
    ("Compartir en Facebook\nCompartir en X", "widget"),
    ("Поділитися:\nFacebook\nTelegram", "widget"),
    ("Comments (34)\nJoin the conversation", "widget"),
    ("Image 3 of 12", "widget"),
    ("Previous image\nNext image", "widget"),
    ("Get the app: Download on the App Store | Get it on Google Play", "widget"),
    ("Підписуйтесь на наш Telegram-канал", "widget"),
    ("Listen to this article · 4 min", "widget"),
    ("This article is for subscribers only.\nAlready a subscriber? Log in", "prompt"),
    ("Cet article vous est offert. Pour lire tous nos contenus, abonnez-vous.", "prompt"),
    ("Чтобы читать дальше, оформите подписку.", "prompt"),
    ("Sign up for the Morning Brief", "prompt"),
    ("We and our partners use cookies to personalise content and ads.", "prompt"),
    ("Lo más leído\nEl Gobierno aprueba la reforma de las pensiones\nSuben los precios de la vivienda en Madrid"
     "\nLa inflación baja por tercer mes consecutivo", "related"),
    ("Contenu sponsorisé", "ad"),
])
def test_furniture_in_the_page_languages_is_one_block(furniture, kind):
    found = _kinds(furniture)
    assert [k for k, _ in found] == [kind], found
    assert found[0][1] == furniture


@pytest.mark.parametrize("line", [
    "Accueil > International > Afrique", "Home › World › Europe", "Portada / Economía / Empresas",
    "Главная / Новости / Экономика", "Sport » Tennis » Wimbledon"])
def test_breadcrumb_trails_are_navigation(line):
    assert _kinds(line, "top") == [("nav", line)]


@pytest.mark.parametrize("line", [
    "Stand: 08.09.2023 14:22 Uhr", "Actualizado: 15/05/2024 - 12:40", "Опубликовано: 27.10.2023, 13:30",
    "Publié le 12 septembre 2023 à 10h05, mis à jour à 11h30", "Оновлено 12 квітня 2024, 14:20"])
def test_date_lines_in_the_page_languages_are_datelines(line):
    assert _kinds(line, "top") == [("byline", line)]


def test_a_bare_byline_counts_beside_a_date_line_only():
    assert _kinds("Par Jean Dupont\nPublié le 12 septembre 2023", "top") == [
        ("byline", "Par Jean Dupont\nPublié le 12 septembre 2023")]
    assert _kinds("By Maria Lopez", "top") == []
    assert _kinds("By Maria Lopez", "middle") == []


@pytest.mark.parametrize("line", ["Associated Press writer Hanna Arhirova contributed to this report.",
                                  "Reporting by Takahiko Wada; Editing by Sam Holmes"])
def test_wire_credits_belong_to_the_copy(line):
    assert _kinds(line, "end") == []


def test_an_author_bio_after_its_heading_is_one_finding_each():
    found = _kinds("About the author\nMaria Lopez is the city hall reporter. She joined the paper in 2015.", "end")
    assert [k for k, _ in found] == ["byline"]


@pytest.mark.parametrize("line", [
    '"Readers are willing to subscribe when the journalism is worth it," the chief executive said.',
    "The regulator said the company had used a cookie banner that made it harder to reject tracking.",
    "Advertising revenue, however, fell by 8 percent as companies cut marketing budgets.",
    "Comments from investors were largely positive, and the shares rose 4 percent.",
    "Updated forecasts published alongside the announcement showed slower revenue growth.",
    "By the end of the year, the company hopes to reach 1.5 million subscribers.",
    "The price of a barrel rose to $85 > $80 forecast by analysts in March.",
    "Share prices fell on Monday after the company issued a profit warning.",
    "Follow-up talks are planned for March 12, officials said.",
    "play a key role in the talks, the minister said.",
])
def test_prose_that_shares_the_cue_words_is_left_alone(line):
    assert _kinds(line) == []


@pytest.mark.parametrize("line", ["Foto: dpa", "Firefighters battle a blaze on Rhodes. Photograph: Petros Giannakouris/AP",
                                  "Фото: ТАСС"])
def test_credit_labels_are_read_in_any_case(line):
    assert [k for k, _ in _kinds(line)] == ["caption"]
