"""Sniffing a flattened plain-text article that keeps one or two inline Markdown marks.

A scraped or LLM-written article whose headings, lists and paragraphs were flattened to bare
lines (no blank line anywhere) but that keeps one link, bold word or code span is plain text:
read as Markdown its lines ran into one paragraph and no structure was rebuilt. The text reader
keeps its inline Markdown. Markdown written one sentence a line, hard-wrapped Markdown, setext
headings and LLM Markdown with blank lines stay Markdown, unchanged."""

import pytest

from cleanup import clean
from cleanup.readers import sniff_format

NEG_DE_SEMANTIC = (
    "Die Stadt Leipzig baut ihr Radwegenetz aus,\n"
    "und zwar schneller als bisher geplant.\n"
    "Bis 2027 sollen vierzig Kilometer neue Wege entstehen.\n"
    "\n"
    "Die Mittel kommen aus dem Landeshaushalt.\n"
    "Einzelheiten stehen im [Beschluss des Stadtrats](https://leipzig.example.de/radwege).\n"
    "Der Bau beginnt im Frühjahr am Elsterbecken.\n"
)
NEG_EN_LIST = (
    "Our picks this week. All links open in a new tab.\n"
    "- A long read on [tidal power](https://news.example.org/tidal) in Brittany\n"
    "- A podcast on urban trees\n"
    "- A map of every night train in Europe\n"
    "Thanks for reading. See you next week.\n"
)
NEG_EN_SEMANTIC = (
    "The council approved the new cycling plan on Tuesday.\n"
    "It adds forty kilometres of protected lanes by 2027.\n"
    "Funding comes from the regional transport budget.\n"
    "Details are in the [published plan](https://city.example.org/cycling-plan).\n"
    "Construction starts on the river route in spring.\n"
    "Residents can comment until the end of the month.\n"
)
NEG_EN_SETEXT = (
    "Weekly notes\n"
    "============\n"
    "The board met on Monday. It approved the budget.\n"
    "The **new office** opens in June. Staff will move in stages.\n"
    "Questions go to the secretary. She answers within a week.\n"
)
NEG_EN_WRAPPED = (
    "The harbour authority said on Tuesday that the Northgate ferry would carry\n"
    "passengers again from Monday, after a refit that took almost two years and\n"
    "cost more than planned. Tickets can be booked on the operator's website at\n"
    "[ferries.example.org](https://ferries.example.org/northgate) or on board, and\n"
    "season passes bought before the fire remain valid until the end of the year.\n"
    "Commuters welcomed the news after months of slow replacement buses.\n"
)
NEG_IT_NOTE = (
    "Il comune ha approvato il nuovo piano per le biciclette. Lo trovate [qui](https://comune.example.it/piano).\n"
    "Le osservazioni si possono inviare fino a fine mese.\n"
    "Grazie a tutti per la partecipazione.\n"
)
POS_DE_BOLD = (
    "Stadtbibliothek verlängert Öffnungszeiten\n"
    "Ab dem ersten März öffnet die Stadtbibliothek auch am Sonntag. Der Gemeinderat hat dafür zusätzliche Mittel bewilligt.\n"
    "Die neuen Zeiten gelten zunächst für ein Jahr. **Wichtig:** Die Rückgabe bleibt sonntags geschlossen.\n"
    "Was sich ändert\n"
    "- Sonntag von zwölf bis achtzehn Uhr geöffnet\n"
    "- längere Abende am Donnerstag\n"
    "- mehr Plätze im Lesesaal\n"
    "Die Bibliothek rechnet mit deutlich mehr Besuchern. Eine erste Bilanz soll im Herbst vorliegen.\n"
)
POS_DE_BOLD_EXPECTED = (
    "# Stadtbibliothek verlängert Öffnungszeiten\n"
    "\n"
    "Ab dem ersten März öffnet die Stadtbibliothek auch am Sonntag. Der Gemeinderat hat dafür zusätzliche Mittel bewilligt.\n"
    "\n"
    "Die neuen Zeiten gelten zunächst für ein Jahr. **Wichtig:** Die Rückgabe bleibt sonntags geschlossen.\n"
    "\n"
    "## Was sich ändert\n"
    "\n"
    "- Sonntag von zwölf bis achtzehn Uhr geöffnet\n"
    "- längere Abende am Donnerstag\n"
    "- mehr Plätze im Lesesaal\n"
    "\n"
    "Die Bibliothek rechnet mit deutlich mehr Besuchern. Eine erste Bilanz soll im Herbst vorliegen.\n"
)
POS_EN_LINK = (
    "Harbour ferry returns after two-year refit\n"
    "The Northgate ferry will carry passengers again from Monday, the port authority said. The vessel was taken out of service in 2023 after an engine fire.\n"
    "Tickets can be booked on the [operator's website](https://ferries.example.org/northgate) or bought on board.\n"
    "What changes for passengers\n"
    "The new engines cut fuel use by a third. Crossing times stay at twenty minutes.\n"
    "Commuters welcomed the news. Many had relied on a replacement bus that took almost an hour.\n"
)
POS_EN_LINK_EXPECTED = (
    "# Harbour ferry returns after two-year refit\n"
    "\n"
    "The Northgate ferry will carry passengers again from Monday, the port authority said. The vessel was taken out of service in 2023 after an engine fire.\n"
    "\n"
    "Tickets can be booked on the [operator's website](https://ferries.example.org/northgate) or bought on board.\n"
    "\n"
    "## What changes for passengers\n"
    "\n"
    "The new engines cut fuel use by a third. Crossing times stay at twenty minutes.\n"
    "\n"
    "Commuters welcomed the news. Many had relied on a replacement bus that took almost an hour.\n"
)
POS_ES_LLM = (
    "¡Claro! Aquí tienes el artículo:\n"
    "El tranvía de Zaragoza amplía su horario\n"
    "El tranvía circulará hasta la una de la madrugada los viernes y sábados. La medida entra en vigor el próximo mes.\n"
    "El ayuntamiento espera que **miles de jóvenes** usen el servicio en lugar del coche. Los hosteleros también lo han pedido.\n"
    "Más frecuencias en hora punta\n"
    "Los convoyes pasarán cada cinco minutos entre las siete y las nueve. Hasta ahora lo hacían cada siete.\n"
)
POS_ES_LLM_EXPECTED = (
    "# El tranvía de Zaragoza amplía su horario\n"
    "\n"
    "El tranvía circulará hasta la una de la madrugada los viernes y sábados. La medida entra en vigor el próximo mes.\n"
    "\n"
    "El ayuntamiento espera que **miles de jóvenes** usen el servicio en lugar del coche. Los hosteleros también lo han pedido.\n"
    "\n"
    "## Más frecuencias en hora punta\n"
    "\n"
    "Los convoyes pasarán cada cinco minutos entre las siete y las nueve. Hasta ahora lo hacían cada siete.\n"
)
POS_FR_CODE = (
    "Une nouvelle version de l'outil de sauvegarde\n"
    "La version 3.0 de l'outil apporte le chiffrement des archives. Elle corrige aussi plusieurs erreurs signalées par les utilisateurs.\n"
    "Pour mettre à jour, il suffit de lancer `sauvegarde --mise-a-jour` depuis un terminal.\n"
    "Ce qui change\n"
    "Les archives anciennes restent lisibles. Le format de configuration, lui, évolue légèrement.\n"
    "L'équipe recommande de tester la restauration après la mise à jour.\n"
)
POS_FR_CODE_EXPECTED = (
    "# Une nouvelle version de l'outil de sauvegarde\n"
    "\n"
    "La version 3.0 de l'outil apporte le chiffrement des archives. Elle corrige aussi plusieurs erreurs signalées par les utilisateurs.\n"
    "\n"
    "Pour mettre à jour, il suffit de lancer `sauvegarde --mise-a-jour` depuis un terminal.\n"
    "\n"
    "## Ce qui change\n"
    "\n"
    "Les archives anciennes restent lisibles. Le format de configuration, lui, évolue légèrement.\n"
    "\n"
    "L'équipe recommande de tester la restauration après la mise à jour.\n"
)
POS_ZH_LINK = (
    "杭州地铁新线下月开通\n"
    "杭州地铁十号线将于下月正式开通运营。全线共设站点十八座，连接城西与钱江新城。\n"
    "市民可以通过[杭州地铁官网](https://metro.example.cn/line10)查询首末班车时间。\n"
    "沿线居民反应\n"
    "不少沿线居民表示，新线路将大大缩短通勤时间。也有居民担心施工期间的噪音问题。\n"
    "地铁公司表示，将在开通首周增加工作人员引导乘客。\n"
)
POS_ZH_LINK_EXPECTED = (
    "# 杭州地铁新线下月开通\n"
    "\n"
    "杭州地铁十号线将于下月正式开通运营。全线共设站点十八座，连接城西与钱江新城。\n"
    "\n"
    "市民可以通过[杭州地铁官网](https://metro.example.cn/line10)查询首末班车时间。\n"
    "\n"
    "## 沿线居民反应\n"
    "\n"
    "不少沿线居民表示，新线路将大大缩短通勤时间。也有居民担心施工期间的噪音问题。\n"
    "\n"
    "地铁公司表示，将在开通首周增加工作人员引导乘客。\n"
)


@pytest.mark.parametrize("text,lang,expected", [
    (POS_DE_BOLD, 'de', POS_DE_BOLD_EXPECTED),
    (POS_EN_LINK, 'en', POS_EN_LINK_EXPECTED),
    (POS_ES_LLM, 'es', POS_ES_LLM_EXPECTED),
    (POS_FR_CODE, 'fr', POS_FR_CODE_EXPECTED),
    (POS_ZH_LINK, 'zh', POS_ZH_LINK_EXPECTED),
])
def test_a_flattened_article_with_one_inline_mark_is_read_as_text(text, lang, expected):
    assert sniff_format(text) == "text"
    result = clean(text, lang=lang)
    assert result.text == expected
    # our own output is Markdown and reads back unchanged
    assert sniff_format(result.text) == "markdown"
    again = clean(result.text, lang=lang)
    assert again.text == result.text and not [c for c in again.changes if c.action != "flagged"]


@pytest.mark.parametrize("text,lang", [
    (NEG_DE_SEMANTIC, 'de'),
    (NEG_EN_LIST, 'en'),
    (NEG_EN_SEMANTIC, 'en'),
    (NEG_EN_SETEXT, 'en'),
    (NEG_EN_WRAPPED, 'en'),
    (NEG_IT_NOTE, 'it'),
])
def test_markdown_without_blank_lines_stays_markdown_and_unchanged(text, lang):
    # one sentence a line, a hard-wrapped paragraph, a short note, a list, a setext heading
    assert sniff_format(text) == "markdown"
    result = clean(text, lang=lang)
    assert result.text == text and result.changes == []


def test_the_text_reader_keeps_inline_markdown_only_when_sniffed():
    result = clean(POS_EN_LINK, lang="en")
    assert "[operator's website](https://ferries.example.org/northgate)" in result.text
    assert result.metadata["title"] == "Harbour ferry returns after two-year refit"
    # told it is plain text, the reader keeps every character literal, as before
    forced = clean(POS_EN_LINK, lang="en", input_format="text")
    assert "[operator's website\\](https://ferries.example.org/northgate)" in forced.text


def test_the_qa_llm_article_with_a_separator_under_its_preamble_is_text():
    text = (
        "Bien sûr ! Voici l'article demandé :\n---\nLe tourisme en Bretagne bat des records\n"
        "La Bretagne a accueilli plus de onze millions de visiteurs l'été dernier, un chiffre jamais atteint. "
        "Les professionnels du secteur se réjouissent.\n"
        "Les communes du littoral demandent des moyens supplémentaires pour gérer les déchets.\n"
        "Les chiffres clés\n- onze millions de visiteurs ;\n- des dépenses en hausse de huit pour cent.\n"
    )
    assert sniff_format(text) == "text"
    body = clean(text, lang="fr").text
    assert "\n\n## Les chiffres clés\n\n- onze millions de visiteurs ;\n- des dépenses en hausse de huit pour cent.\n" in body
    assert "\n\nLes communes du littoral demandent" in body


def test_front_matter_and_many_marks_stay_markdown():
    front = "---\ntitle: Notes\n---\nThe board met on Monday. It approved the budget.\nSee [the minutes](https://x.example/m).\nMore to follow.\n"
    assert sniff_format(front) == "markdown"
    many = "".join(f"Line {k} has a [link](https://x.example/{k}). It ends here.\n" for k in range(6))
    assert sniff_format(many) == "markdown"
